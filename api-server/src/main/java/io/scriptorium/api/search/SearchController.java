package io.scriptorium.api.search;

import io.scriptorium.api.system.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "search", description = "Semantic search over the chunks of READY documents")
class SearchController {

	private final SearchService search;

	private final SearchProperties properties;

	SearchController(SearchService search, SearchProperties properties) {
		this.search = search;
		this.properties = properties;
	}

	@GetMapping("/api/v1/search")
	@Operation(summary = "The k chunks closest in meaning to q, best first")
	SearchResponse search(@RequestParam(required = false) String q, @RequestParam(required = false) Integer k,
			@RequestParam(required = false) UUID documentId) {
		if (q == null || q.isBlank()) {
			throw ApiException.invalidRequest("q must not be blank");
		}
		if (q.length() > this.properties.getMaxQueryLength()) {
			throw ApiException
				.invalidRequest("q must be at most " + this.properties.getMaxQueryLength() + " characters");
		}
		int results = (k != null) ? k : this.properties.getDefaultK();
		if (results < 1 || results > this.properties.getMaxK()) {
			throw ApiException.invalidRequest("k must be between 1 and " + this.properties.getMaxK());
		}
		return new SearchResponse(this.search.search(q.strip(), results, documentId));
	}

}
