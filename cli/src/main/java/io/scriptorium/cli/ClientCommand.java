package io.scriptorium.cli;

import io.scriptorium.client.ScriptoriumClient;
import java.util.concurrent.Callable;
import picocli.CommandLine.Option;
import tools.jackson.databind.json.JsonMapper;

/** A command that calls the API: the client, and {@code --json} for scripts. */
abstract class ClientCommand implements Callable<Integer> {

	static final JsonMapper JSON = JsonMapper.builder().build();

	final ScriptoriumClient client;

	@Option(names = "--json", description = "Print JSON instead of tables and bars.")
	boolean json;

	ClientCommand(ScriptoriumClient client) {
		this.client = client;
	}

}
