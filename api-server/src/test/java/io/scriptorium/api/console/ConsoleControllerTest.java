package io.scriptorium.api.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** The console's settings: the configured Temporal UI and the namespace the API's client starts workflows in. */
@WebMvcTest(ConsoleController.class)
@EnableConfigurationProperties(ConsoleProperties.class)
@TestPropertySource(properties = "scriptorium.console.temporal-ui-url=https://temporal.example.com/ui/ ")
class ConsoleControllerTest {

	@Autowired
	MockMvc mvc;

	@MockitoBean
	WorkflowClient client;

	/** The upload metrics filter, a servlet filter the slice includes, counts into it. */
	@TestConfiguration
	static class Metrics {

		@Bean
		MeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

	}

	@BeforeEach
	void clientStartsWorkflowsInItsNamespace() {
		given(this.client.getOptions())
			.willReturn(WorkflowClientOptions.newBuilder().setNamespace("scriptorium").build());
	}

	@Test
	void settingsNameTheTemporalUiWithoutItsTrailingSlashAndTheClientsNamespace() throws Exception {
		this.mvc.perform(get("/api/v1/console"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.temporalUiUrl").value("https://temporal.example.com/ui"))
			.andExpect(jsonPath("$.temporalNamespace").value("scriptorium"));
	}

	@Test
	void theTemporalUiDefaultsToTheLocalStacks() {
		assertThat(new ConsoleProperties().getTemporalUiUrl()).isEqualTo("http://127.0.0.1:8233");
	}

}
