package io.scriptorium.api.search;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verify;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.scriptorium.workflows.document.DocumentType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** The search endpoint's parameter rules, without a database, Temporal or a model behind it. */
@WebMvcTest(SearchController.class)
@EnableConfigurationProperties(SearchProperties.class)
class SearchControllerTest {

	@Autowired
	MockMvc mvc;

	@MockitoBean
	SearchService search;

	/** The upload metrics filter, a servlet filter the slice includes, counts into it. */
	@TestConfiguration
	static class Metrics {

		@Bean
		MeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

	}

	@Test
	void parametersBecomeTheSearchAndItsFilters() throws Exception {
		UUID document = UUID.randomUUID();
		given(this.search.search(anyString(), anyInt(), any(), any()))
			.willReturn(new SearchResponse(SearchMode.KEYWORD, "m", List.of()));

		this.mvc.perform(get("/api/v1/search").param("q", " form 4070 ").param("k", "7").param("mode", "Keyword")
			.param("collection", "tax").param("documentId", document.toString()).param("contentType", "pdf")
			.param("metadata.team", "payroll").param("uploadedAfter", "2026-01-01T00:00:00Z"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.mode").value("KEYWORD"));

		verify(this.search).search(eq("form 4070"), eq(7), eq(SearchMode.KEYWORD),
				eq(new SearchFilters("tax", List.of(document), List.of(DocumentType.PDF), Map.of("team", "payroll"),
						Instant.parse("2026-01-01T00:00:00Z"), null)));
	}

	@Test
	void theDefaultsAreHybridTenAndNoFilter() throws Exception {
		given(this.search.search(anyString(), anyInt(), any(), any()))
			.willReturn(new SearchResponse(SearchMode.HYBRID, "m", List.of()));

		this.mvc.perform(get("/api/v1/search").param("q", "tips")).andExpect(status().isOk());

		verify(this.search).search("tips", 10, SearchMode.HYBRID, SearchFilters.NONE);
	}

	@Test
	void aQueryOverTheLengthLimitIsRejected() throws Exception {
		this.mvc.perform(get("/api/v1/search").param("q", "a".repeat(1001)))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.code").value("INVALID_REQUEST"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "k=0", "k=101", "k=ten", "mode=fuzzy", "contentType=EXE", "documentId=not-a-uuid",
			"uploadedAfter=yesterday", "metadata.=x", "q=", "q=%20%20" })
	void aBadParameterIsA400WithItsCode(String parameter) throws Exception {
		String[] pair = java.net.URLDecoder.decode(parameter, java.nio.charset.StandardCharsets.UTF_8).split("=", 2);
		var request = get("/api/v1/search").param(pair[0], pair[1]);
		if (!pair[0].equals("q")) {
			request = request.param("q", "tips");
		}

		this.mvc.perform(request)
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.code").value("INVALID_REQUEST"));
	}

}
