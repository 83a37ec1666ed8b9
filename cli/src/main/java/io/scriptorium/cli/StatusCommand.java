package io.scriptorium.cli;

import io.scriptorium.client.Document;
import java.util.List;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "status", description = "A document's status, or the newest documents' without an ID.")
final class StatusCommand extends ClientCommand {

	@Parameters(arity = "0..1", paramLabel = "ID", description = "The document.")
	UUID id;

	@Option(names = "--limit", defaultValue = "20",
			description = "How many documents without an ID (${DEFAULT-VALUE}).")
	int limit;

	@Override
	public Integer call() throws Exception {
		List<Document> documents = (this.id != null) ? List.of(client().document(this.id, false))
				: client().documents(null, this.limit, null).items();
		if (this.json) {
			System.out.println(JSON.writeValueAsString(
					(this.id != null) ? documents.get(0).json() : documents.stream().map(Document::json).toList()));
			return 0;
		}
		Table table = new Table("ID", "FILE", "STATUS", "STAGE", "PAGES", "CHUNKS", "ERROR");
		documents.forEach(d -> table.row(d.id(), d.filename(), d.status(), d.stage(), d.pages(), d.chunks(),
				(d.errorCode() != null) ? d.errorCode() + ": " + d.errorMessage() : ""));
		table.print(System.out);
		return 0;
	}

}
