package io.scriptorium.cli;

import io.scriptorium.client.ScriptoriumClient;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code scriptorium}: the API from a shell. Reads {@code SCRIPTORIUM_URL} (default the local stack's) and
 * {@code SCRIPTORIUM_API_TOKEN}. Exit codes: 0 success, 1 a document or request failed, 2 a usage error.
 */
@Command(name = "scriptorium", mixinStandardHelpOptions = true, version = "scriptorium 0.1.0",
		description = "Ingest documents into Scriptorium and search them (SCRIPTORIUM_URL, SCRIPTORIUM_API_TOKEN).",
		subcommands = { IngestCommand.class, StatusCommand.class, SearchCommand.class, DeleteCommand.class,
				RetryCommand.class })
public final class ScriptoriumCli {

	/** The API every command calls (ClientCommand reads it as its parent command). */
	final ScriptoriumClient client;

	private ScriptoriumCli(ScriptoriumClient client) {
		this.client = client;
	}

	public static void main(String[] args) {
		System.exit(run(ScriptoriumClient.fromEnvironment(), args));
	}

	/** Runs one command line against {@code client}; the exit code. */
	static int run(ScriptoriumClient client, String... args) {
		CommandLine line = new CommandLine(new ScriptoriumCli(client));
		// An API answer that is not a success is the command's failure (exit 1), said in one line.
		line.setExecutionExceptionHandler((ex, command, parsed) -> {
			command.getErr().println("scriptorium: " + ex.getMessage());
			return 1;
		});
		return line.execute(args);
	}

}
