package io.scriptorium.worker.testing;

import io.scriptorium.worker.chunking.ChunkingProperties;
import io.scriptorium.worker.embedding.EmbeddingBatchProperties;
import io.scriptorium.workflows.embeddingmodel.EmbeddingModelAutoConfiguration;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.MapPropertySource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The worker's chunking, embedding, indexing and status beans, wired as in the worker (its application.yml
 * included) but against a test database and without Temporal workers, LibreOffice or the web server.
 */
public final class PipelineContext {

	private PipelineContext() {
	}

	public static ConfigurableApplicationContext start(WorkerDatabase database, Map<String, Object> properties) {
		// Test properties go first so that they win over application.yml (builder properties would lose to it).
		return new SpringApplicationBuilder(Beans.class).web(WebApplicationType.NONE)
			.bannerMode(Banner.Mode.OFF)
			.initializers(context -> {
				context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("test", properties));
				context.getBeanFactory().registerSingleton("dataSource", database.dataSource());
			})
			.run();
	}

	@Configuration(proxyBeanMethods = false)
	@ComponentScan(basePackages = { "io.scriptorium.worker.chunking", "io.scriptorium.worker.embedding",
			"io.scriptorium.worker.indexing", "io.scriptorium.worker.status" })
	@EnableConfigurationProperties({ EmbeddingBatchProperties.class, ChunkingProperties.class })
	@Import(EmbeddingModelAutoConfiguration.class)
	static class Beans {

		@Bean
		JdbcClient jdbcClient(DataSource dataSource) {
			return JdbcClient.create(dataSource);
		}

		@Bean
		JdbcTemplate jdbcTemplate(DataSource dataSource) {
			return new JdbcTemplate(dataSource);
		}

		@Bean
		PlatformTransactionManager transactionManager(DataSource dataSource) {
			return new DataSourceTransactionManager(dataSource);
		}

		@Bean
		TransactionTemplate transactionTemplate(PlatformTransactionManager transactionManager) {
			return new TransactionTemplate(transactionManager);
		}

	}

	/** Closes what a test class's setup got to create, in order; a setup that failed halfway leaves nulls. */
	public static void closeAll(AutoCloseable... resources) throws Exception {
		for (AutoCloseable resource : resources) {
			if (resource != null) {
				resource.close();
			}
		}
	}

}
