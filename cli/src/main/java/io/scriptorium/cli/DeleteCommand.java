package io.scriptorium.cli;

import java.util.Map;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "delete", description = "Deletes a document, its chunks and its file (cancelling its run first).")
final class DeleteCommand extends ClientCommand {

	@Parameters(paramLabel = "ID", description = "The document.")
	UUID id;

	@Override
	public Integer call() throws Exception {
		client().delete(this.id);
		System.out.println(this.json ? JSON.writeValueAsString(Map.of("id", this.id, "deleted", true))
				: "deleted " + this.id);
		return 0;
	}

}
