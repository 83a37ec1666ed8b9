package io.scriptorium.cli;

import io.scriptorium.client.ScriptoriumClient;
import java.util.Map;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "delete", description = "Deletes a document, its chunks and its file (cancelling its run first).")
final class DeleteCommand extends ClientCommand {

	@Parameters(paramLabel = "ID", description = "The document.")
	UUID id;

	DeleteCommand(ScriptoriumClient client) {
		super(client);
	}

	@Override
	public Integer call() throws Exception {
		this.client.delete(this.id);
		System.out.println(this.json ? JSON.writeValueAsString(Map.of("id", this.id, "deleted", true))
				: "deleted " + this.id);
		return 0;
	}

}
