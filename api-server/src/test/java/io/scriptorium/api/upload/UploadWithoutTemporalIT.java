package io.scriptorium.api.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.scriptorium.client.ApiException;
import io.scriptorium.client.ScriptoriumClient;
import io.scriptorium.client.UploadOptions;
import io.scriptorium.workflows.testing.TestDatabase;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Temporal refuses the start (here: a namespace that does not exist): the upload answers 503 and leaves no
 * document behind that would stay PENDING with no run to move it on.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Timeout(120)
class UploadWithoutTemporalIT {

	static final TestDatabase database = TestDatabase.create();

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		database.register(registry);
		registry.add("spring.temporal.namespace", () -> "scriptorium-missing-" + UUID.randomUUID());
	}

	@AfterAll
	static void dropDatabase() {
		database.drop();
	}

	@Test
	void failedWorkflowStartAnswersUnavailableAndKeepsNoDocument() throws Exception {
		ScriptoriumClient api = new ScriptoriumClient(URI.create("http://127.0.0.1:" + this.port), null);

		ApiException unavailable = catchThrowableOfType(ApiException.class, () -> api.upload("orphan.txt",
				"nobody will process me".getBytes(StandardCharsets.UTF_8), UploadOptions.NONE));

		assertThat(unavailable.status()).isEqualTo(503);
		assertThat(unavailable.code()).isEqualTo("UNAVAILABLE");
		try (Connection connection = database.connect();
				ResultSet rs = connection.createStatement()
					.executeQuery("SELECT (SELECT count(*) FROM documents) + (SELECT count(*) FROM document_blobs)")) {
			rs.next();
			assertThat(rs.getLong(1)).isZero();
		}
	}

}
