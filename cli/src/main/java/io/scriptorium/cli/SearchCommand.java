package io.scriptorium.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

@Command(name = "search", description = "The chunks that best answer a query, best first.")
final class SearchCommand extends ClientCommand {

	@Parameters(paramLabel = "QUERY", description = "What to look for.")
	String query;

	@Option(names = "--k", defaultValue = "5", description = "How many results (${DEFAULT-VALUE}).")
	int k;

	@Option(names = "--mode", description = "hybrid (the API's default), vector or keyword.")
	String mode;

	@Override
	public Integer call() throws Exception {
		JsonNode answer = client().search(this.query, this.k, this.mode);
		if (this.json) {
			System.out.println(JSON.writeValueAsString(answer));
			return 0;
		}
		int rank = 0;
		for (JsonNode result : answer.path("results")) {
			String page = result.path("page").isNumber() ? ", page " + result.path("page").asInt() : "";
			String section = result.path("section").isString() ? " §" + result.path("section").asString() : "";
			System.out.printf("%d. %s%s%s  (score %.3f, document %s)%n", ++rank, result.path("filename").asString(),
					page, section, result.path("score").asDouble(), result.path("documentId").asString());
			String snippet = result.path("snippet").isString() ? result.path("snippet").asString()
					: result.path("text").asString();
			System.out.println("   " + snippet.replaceAll("\\s+", " ").strip());
		}
		if (rank == 0) {
			System.out.println("no results");
		}
		return 0;
	}

}
