package io.scriptorium.api.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The console's static files pass the firewall and the token filter without a token and carry their security
 * headers, while its settings, like the rest of {@code /api/**}, still need the token.
 */
class ConsoleSecurityTest {

	private static final String TOKEN = "console-token-0123456789";

	private static final List<String> CONSOLE_FILES = List.of("static/index.html", "static/console/app.js",
			"static/console/console.css");

	@ParameterizedTest
	@ValueSource(strings = { "/", "/index.html", "/console/app.js", "/console/console.css" })
	void consoleFilesNeedNoTokenAndCarryTheirSecurityHeaders(String path) throws Exception {
		MockHttpServletResponse response = perform(get(path));

		assertThat(response.getStatus()).isEqualTo(200);
		assertThat(response.getHeader("Content-Security-Policy")).contains("default-src 'self'")
			.contains("frame-ancestors 'none'")
			.doesNotContain("unsafe-inline");
		assertThat(response.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
	}

	@Test
	void theConsoleSettingsNeedTheTokenLikeTheRestOfTheApi() throws Exception {
		assertThat(perform(get("/api/v1/console")).getStatus()).isEqualTo(401);
		MockHttpServletResponse response = perform(
				get("/api/v1/console").header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKEN));
		assertThat(response.getStatus()).isEqualTo(200);
		assertThat(response.getHeader("Content-Security-Policy")).isNull();
	}

	@Test
	void pathsThatOnlyLookLikeTheConsoleAreNotOpened() throws Exception {
		assertThat(perform(get("/console")).getStatus()).isEqualTo(401);
		assertThat(perform(get("/index.html.bak")).getStatus()).isEqualTo(401);
		// The firewall refuses a way out of the console's folder before the token filter sees it.
		assertThat(perform(get("/console/../api/v1/console")).getStatus()).isEqualTo(400);
		assertThat(perform(get("/console/%2e%2e/api/v1/console")).getStatus()).isEqualTo(400);
	}

	/** The policy forbids inline script and style: a page that had them would show nothing or lose its look. */
	@Test
	void consolePagesHoldNoInlineScriptOrStyle() throws IOException {
		String page = resource("static/index.html");

		assertThat(page).doesNotContainPattern("<script(?![^>]*\\bsrc=)[^>]*>")
			.doesNotContainPattern("\\son[a-z]+=")
			.doesNotContain("<style")
			.doesNotContain(" style=")
			.contains("<script type=\"module\" src=\"console/app.js\"></script>");
		for (String file : CONSOLE_FILES) {
			assertThat(resource(file)).doesNotContain("http://").doesNotContain("https://");
		}
	}

	private static String resource(String name) throws IOException {
		try (InputStream in = ConsoleSecurityTest.class.getClassLoader().getResourceAsStream(name)) {
			assertThat(in).as(name).isNotNull();
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

	private static MockHttpServletResponse perform(MockHttpServletRequestBuilder request) throws Exception {
		SecurityProperties properties = new SecurityProperties();
		properties.setApiTokens(List.of(TOKEN));
		SecurityConfiguration configuration = new SecurityConfiguration();
		MockMvc mvc = MockMvcBuilders.standaloneSetup(new StandInEndpoints())
			.addFilters(configuration.requestFirewallFilter().getFilter(),
					configuration.apiCorsFilter(properties).getFilter(),
					configuration.apiTokenFilter(properties).getFilter(),
					configuration.consoleHeadersFilter().getFilter())
			.build();
		return mvc.perform(request).andReturn().getResponse();
	}

	@RestController
	static class StandInEndpoints {

		@GetMapping({ "/", "/index.html", "/console/app.js", "/console/console.css", "/console", "/index.html.bak",
				"/api/v1/console" })
		String file() {
			return "file";
		}

	}

}
