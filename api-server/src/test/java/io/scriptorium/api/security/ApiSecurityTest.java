package io.scriptorium.api.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.options;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** The real CORS and token filters in front of stand-in endpoints at the API's and the actuator's paths. */
class ApiSecurityTest {

	private static final String FIRST = "first-token-0123456789";

	private static final String SECOND = "second-token-abcdefghij";

	private static final String ALLOWED_ORIGIN = "https://app.example.com";

	@Test
	void apiCallWithoutTokenIsUnauthorizedProblem() throws Exception {
		MockHttpServletResponse response = perform(secured(false), get("/api/v1/documents"));

		assertThat(response.getStatus()).isEqualTo(401);
		assertThat(response.getContentType()).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		assertThat(response.getContentAsString()).contains("\"code\":\"UNAUTHORIZED\"").contains("\"status\":401");
		assertThat(response.getHeader(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Bearer");
	}

	@Test
	void apiCallWithWrongTokenIsUnauthorizedAndTheTokenIsNotEchoed() throws Exception {
		MockHttpServletResponse response = perform(secured(false),
				get("/api/v1/documents").header(HttpHeaders.AUTHORIZATION, "Bearer " + FIRST + "x"));

		assertThat(response.getStatus()).isEqualTo(401);
		assertThat(response.getContentAsString()).doesNotContain(FIRST);
	}

	@Test
	void apiCallWithAnotherSchemeOrAnEmptyTokenIsUnauthorized() throws Exception {
		MockMvc mvc = secured(false);

		assertThat(perform(mvc, get("/api/v1/documents").header(HttpHeaders.AUTHORIZATION, "Basic " + FIRST))
			.getStatus()).isEqualTo(401);
		assertThat(perform(mvc, get("/api/v1/documents").header(HttpHeaders.AUTHORIZATION, "Bearer ")).getStatus())
			.isEqualTo(401);
		assertThat(perform(mvc, get("/api/v1/documents").header(HttpHeaders.AUTHORIZATION, FIRST)).getStatus())
			.isEqualTo(401);
	}

	@Test
	void eachConfiguredTokenIsAccepted() throws Exception {
		MockMvc mvc = secured(false);

		for (String token : List.of(FIRST, SECOND)) {
			MockHttpServletResponse response = perform(mvc,
					get("/api/v1/documents").header(HttpHeaders.AUTHORIZATION, "Bearer " + token));
			assertThat(response.getStatus()).isEqualTo(200);
			assertThat(response.getContentAsString()).isEqualTo("documents");
		}
		assertThat(perform(mvc, post("/api/v1/documents").header(HttpHeaders.AUTHORIZATION, "bearer " + SECOND))
			.getStatus()).isEqualTo(202);
	}

	@Test
	void pathsOutsideTheKnownOpenOnesAreClosedByDefault() throws Exception {
		MockMvc mvc = secured(false);

		assertThat(perform(mvc, get("/api//v1/documents")).getStatus()).isEqualTo(401);
		assertThat(perform(mvc, get("/somewhere-new")).getStatus()).isEqualTo(401);
	}

	@Test
	void healthStaysOpenEvenWhenMetricsAreProtected() throws Exception {
		MockMvc mvc = secured(true);

		assertThat(perform(mvc, get("/actuator/health")).getStatus()).isEqualTo(200);
		assertThat(perform(mvc, get("/actuator/health/readiness")).getStatus()).isEqualTo(200);
	}

	@Test
	void metricsAreOpenByDefaultAndClosedWhenConfigured() throws Exception {
		assertThat(perform(secured(false), get("/actuator/prometheus")).getStatus()).isEqualTo(200);

		MockMvc protectedMetrics = secured(true);
		assertThat(perform(protectedMetrics, get("/actuator/prometheus")).getStatus()).isEqualTo(401);
		assertThat(perform(protectedMetrics,
				get("/actuator/prometheus").header(HttpHeaders.AUTHORIZATION, "Bearer " + SECOND))
			.getStatus()).isEqualTo(200);
	}

	@Test
	void withoutTokensTheApiIsOpen() throws Exception {
		MockMvc mvc = mvc(properties(List.of(), false, List.of()));

		assertThat(perform(mvc, get("/api/v1/documents")).getStatus()).isEqualTo(200);
		assertThat(perform(mvc, get("/actuator/prometheus")).getStatus()).isEqualTo(200);
	}

	@Test
	void corsPreflightIsAllowedOnlyForConfiguredOrigins() throws Exception {
		MockMvc mvc = secured(false);

		MockHttpServletResponse allowed = perform(mvc, preflight(ALLOWED_ORIGIN));
		assertThat(allowed.getStatus()).isEqualTo(200);
		assertThat(allowed.getHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN)).isEqualTo(ALLOWED_ORIGIN);
		assertThat(allowed.getHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS)).containsIgnoringCase("authorization");

		MockHttpServletResponse refused = perform(mvc, preflight("https://evil.example.net"));
		assertThat(refused.getStatus()).isEqualTo(403);
		assertThat(refused.getHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN)).isNull();
	}

	@Test
	void corsIsClosedWhenNoOriginIsConfigured() throws Exception {
		MockMvc mvc = mvc(properties(List.of(FIRST), false, List.of()));

		MockHttpServletResponse refused = perform(mvc, preflight(ALLOWED_ORIGIN));
		assertThat(refused.getStatus()).isEqualTo(403);
		assertThat(refused.getHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN)).isNull();
	}

	@Test
	void allowedCrossOriginCallStillNeedsAToken() throws Exception {
		MockMvc mvc = secured(false);

		assertThat(perform(mvc, get("/api/v1/documents").header(HttpHeaders.ORIGIN, ALLOWED_ORIGIN)).getStatus())
			.isEqualTo(401);
		MockHttpServletResponse response = perform(mvc, get("/api/v1/documents")
			.header(HttpHeaders.ORIGIN, ALLOWED_ORIGIN)
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + FIRST));
		assertThat(response.getStatus()).isEqualTo(200);
		assertThat(response.getHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN)).isEqualTo(ALLOWED_ORIGIN);
	}

	@Test
	void tokensBindFromACommaSeparatedValueAndAnEmptyOneMeansNone() {
		assertThat(bind(Map.of("scriptorium.security.api-tokens", FIRST + ", " + SECOND)).tokens())
			.containsExactly(FIRST, SECOND);
		assertThat(bind(Map.of("scriptorium.security.api-tokens", FIRST)).tokens()).containsExactly(FIRST);
		assertThat(bind(Map.of("scriptorium.security.api-tokens", "")).tokens()).isEmpty();
	}

	@Test
	void propertiesNeverPrintTheirTokens() {
		SecurityProperties properties = properties(List.of(FIRST, SECOND), false, List.of());

		assertThat(properties.toString()).doesNotContain(FIRST).doesNotContain(SECOND).contains("2 configured");
		assertThat(new ApiTokens(List.of(FIRST)).toString()).doesNotContain(FIRST);
	}

	private static MockHttpServletRequestBuilder preflight(String origin) {
		return options("/api/v1/documents").header(HttpHeaders.ORIGIN, origin)
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "authorization");
	}

	private static MockMvc secured(boolean protectMetrics) {
		return mvc(properties(List.of(FIRST, SECOND), protectMetrics, List.of(ALLOWED_ORIGIN)));
	}

	private static SecurityProperties properties(List<String> tokens, boolean protectMetrics, List<String> origins) {
		SecurityProperties properties = new SecurityProperties();
		properties.setApiTokens(tokens);
		properties.setProtectMetrics(protectMetrics);
		properties.getCors().setAllowedOrigins(origins);
		return properties;
	}

	private static SecurityProperties bind(Map<String, String> values) {
		return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate("scriptorium.security",
				SecurityProperties.class);
	}

	private static MockMvc mvc(SecurityProperties properties) {
		SecurityConfiguration configuration = new SecurityConfiguration();
		return MockMvcBuilders.standaloneSetup(new StandInEndpoints())
			.addFilters(configuration.apiCorsFilter(properties).getFilter(),
					configuration.apiTokenFilter(properties).getFilter())
			.build();
	}

	private static MockHttpServletResponse perform(MockMvc mvc, MockHttpServletRequestBuilder request)
			throws Exception {
		return mvc.perform(request).andReturn().getResponse();
	}

	@RestController
	static class StandInEndpoints {

		@GetMapping("/api/v1/documents")
		String documents() {
			return "documents";
		}

		@PostMapping("/api/v1/documents")
		ResponseEntity<Void> upload() {
			return ResponseEntity.accepted().build();
		}

		@GetMapping({ "/actuator/health", "/actuator/health/readiness" })
		String health() {
			return "UP";
		}

		@GetMapping("/actuator/prometheus")
		String prometheus() {
			return "metrics";
		}

		@GetMapping("/somewhere-new")
		String somewhereNew() {
			return "new";
		}

	}

}
