package io.scriptorium.worker.ocr;

import static org.assertj.core.api.Assertions.assertThat;

import io.scriptorium.worker.blobs.DocumentBlobs;
import io.scriptorium.workflows.TaskQueues;
import io.temporal.spring.boot.WorkerOptionsCustomizer;
import io.temporal.worker.WorkerOptions;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** Which workers poll the OCR queue: only those told to, and only where Tesseract runs (it is installed here). */
class OcrConfigurationTest {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(Database.class, OcrConfiguration.class, OcrActivitiesImpl.class);

	@Test
	void aWorkerDoesNotPollTheOcrQueueUnlessTold() {
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean("ocrActivities").doesNotHaveBean(Tesseract.class);
		});
	}

	@Test
	void aWorkerWithTesseractReadsScansWhenTold() {
		this.runner.withPropertyValues("scriptorium.ocr.enabled=true").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).hasBean("ocrActivities");
			assertThat(context.getBean(InstalledLanguages.class).list()).contains("eng").doesNotContain("osd");
		});
	}

	@Test
	void theOcrQueuesWorkerTakesAsManyBatchesAsItRecognisesPagesAtOnce() {
		this.runner.withPropertyValues("scriptorium.ocr.enabled=true", "scriptorium.ocr.processes=3").run((context) -> {
			WorkerOptionsCustomizer slots = context.getBean(WorkerOptionsCustomizer.class);
			assertThat(slots.customize(WorkerOptions.newBuilder(), "ocr", TaskQueues.OCR)
				.build()
				.getMaxConcurrentActivityExecutionSize()).isEqualTo(3);
			assertThat(slots.customize(WorkerOptions.newBuilder().setMaxConcurrentActivityExecutionSize(4), "ingestion",
					TaskQueues.INGESTION)
				.build()
				.getMaxConcurrentActivityExecutionSize()).isEqualTo(4);
		});
	}

	@Test
	void aWorkerToldToReadScansWithoutTesseractDoesNotStart() {
		this.runner.withPropertyValues("scriptorium.ocr.enabled=true", "scriptorium.ocr.tesseract=/nonexistent/tesseract")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining("scriptorium.ocr.enabled is true but '/nonexistent/tesseract --list-langs'"
						+ " cannot run"));
	}

	@Test
	void aDefaultLanguageThatIsNotInstalledStopsTheWorker() {
		this.runner.withPropertyValues("scriptorium.ocr.enabled=true", "scriptorium.ocr.default-language=xyz")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining("scriptorium.ocr.default-language 'xyz' is not installed"));
	}

	/** Blobs and pages on a database that is never reached: the context only wires beans. */
	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(OcrProperties.class)
	static class Database {

		private final DriverManagerDataSource dataSource = new DriverManagerDataSource(
				"jdbc:postgresql://127.0.0.1:1/none");

		@Bean
		DocumentBlobs documentBlobs() {
			return new DocumentBlobs(JdbcClient.create(this.dataSource),
					new DataSourceTransactionManager(this.dataSource));
		}

		@Bean
		OcrPages ocrPages() {
			return new OcrPages(JdbcClient.create(this.dataSource));
		}

	}

}
