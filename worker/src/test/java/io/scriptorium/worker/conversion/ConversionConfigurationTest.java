package io.scriptorium.worker.conversion;

import static org.assertj.core.api.Assertions.assertThat;

import io.scriptorium.worker.blobs.DocumentBlobs;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

class ConversionConfigurationTest {

	private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(
			BlobsConfiguration.class, ConversionConfiguration.class, ConversionActivitiesImpl.class);

	@Test
	void workerConvertsByDefault() {
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).hasBean("conversionActivities").hasSingleBean(OfficeConverter.class);
		});
	}

	@Test
	void disabledConversionLeavesNoOfficeActivityToPoll() {
		this.runner.withPropertyValues("scriptorium.conversion.enabled=false").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean("conversionActivities").doesNotHaveBean(OfficeConverter.class);
		});
	}

	@Test
	void propertiesBindFromConfiguration() {
		this.runner
			.withPropertyValues("scriptorium.conversion.processes=2", "scriptorium.conversion.task-timeout=90s",
					"scriptorium.conversion.max-unzipped-size=10MB", "scriptorium.conversion.office-home=/usr/lib/libreoffice")
			.run((context) -> {
				ConversionProperties properties = context.getBean(ConversionProperties.class);
				assertThat(properties.getProcesses()).isEqualTo(2);
				assertThat(properties.getTaskTimeout()).hasSeconds(90);
				assertThat(properties.getMaxUnzippedSize().toMegabytes()).isEqualTo(10);
				assertThat(properties.getOfficeHome()).hasToString("/usr/lib/libreoffice");
			});
	}

	/** Blobs on a database that is never reached: the context only wires beans. */
	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(ConversionProperties.class)
	static class BlobsConfiguration {

		@Bean
		DocumentBlobs documentBlobs() {
			DriverManagerDataSource dataSource = new DriverManagerDataSource("jdbc:postgresql://127.0.0.1:1/none");
			return new DocumentBlobs(JdbcClient.create(dataSource), new DataSourceTransactionManager(dataSource));
		}

	}

}
