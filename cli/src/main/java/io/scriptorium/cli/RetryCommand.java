package io.scriptorium.cli;

import io.scriptorium.client.Document;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "retry", description = "Starts a new run for a FAILED document.")
final class RetryCommand extends ClientCommand {

	@Parameters(paramLabel = "ID", description = "The document.")
	UUID id;

	@Override
	public Integer call() throws Exception {
		Document document = client().retry(this.id);
		System.out.println(this.json ? JSON.writeValueAsString(document.json())
				: document.id() + " " + document.status() + " " + document.stage());
		return 0;
	}

}
