package io.scriptorium.api.search;

import io.scriptorium.api.system.ApiException;
import io.scriptorium.workflows.document.DocumentType;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "search", description = "Hybrid (full-text and vector) search over the chunks of READY documents")
class SearchController {

	/** Request parameters {@code metadata.<key>=<value>} filter on the upload's metadata. */
	static final String METADATA_PREFIX = "metadata.";

	private final SearchService search;

	private final SearchProperties properties;

	SearchController(SearchService search, SearchProperties properties) {
		this.search = search;
		this.properties = properties;
	}

	@GetMapping("/api/v1/search")
	@Operation(summary = "The k chunks that best answer q, best first")
	SearchResponse search(@RequestParam(required = false) String q, @RequestParam(required = false) Integer k,
			@Parameter(description = "hybrid (default), vector or keyword") @RequestParam(required = false) String mode,
			@RequestParam(required = false) String collection,
			@Parameter(description = "only these documents (repeatable)") @RequestParam(required = false)
			List<UUID> documentId,
			@Parameter(description = "only these types, e.g. PDF (repeatable)") @RequestParam(required = false)
			List<String> contentType,
			@Parameter(description = "uploaded at or after (ISO-8601)") @RequestParam(required = false)
			@DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant uploadedAfter,
			@Parameter(description = "uploaded before (ISO-8601)") @RequestParam(required = false)
			@DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant uploadedBefore,
			@Parameter(hidden = true) @RequestParam MultiValueMap<String, String> parameters) {
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
		SearchFilters filters = new SearchFilters(blankToNull(collection), orEmpty(documentId),
				contentTypes(contentType), metadata(parameters), uploadedAfter, uploadedBefore);
		return this.search.search(q.strip(), results, mode(mode), filters);
	}

	private static SearchMode mode(String mode) {
		if (mode == null || mode.isBlank()) {
			return SearchMode.HYBRID;
		}
		try {
			return SearchMode.valueOf(mode.strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw ApiException.invalidRequest("mode must be hybrid, vector or keyword, not '" + mode + "'");
		}
	}

	private static List<DocumentType> contentTypes(List<String> names) {
		if (names == null) {
			return List.of();
		}
		return names.stream().map(name -> {
			try {
				return DocumentType.valueOf(name.strip().toUpperCase(Locale.ROOT));
			}
			catch (IllegalArgumentException ex) {
				throw ApiException.invalidRequest("contentType '" + name + "' is not one of "
						+ List.of(DocumentType.values()));
			}
		}).toList();
	}

	private static Map<String, String> metadata(MultiValueMap<String, String> parameters) {
		Map<String, String> metadata = new LinkedHashMap<>();
		parameters.forEach((name, values) -> {
			if (name.startsWith(METADATA_PREFIX)) {
				String key = name.substring(METADATA_PREFIX.length());
				if (key.isEmpty() || values.size() != 1) {
					throw ApiException.invalidRequest("give each metadata filter as metadata.<key>=<value>, once");
				}
				metadata.put(key, values.get(0));
			}
		});
		return metadata;
	}

	private static <T> List<T> orEmpty(List<T> values) {
		return (values != null) ? values : List.of();
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

}
