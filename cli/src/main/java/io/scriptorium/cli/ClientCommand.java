package io.scriptorium.cli;

import io.scriptorium.client.ScriptoriumClient;
import java.util.concurrent.Callable;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import tools.jackson.databind.json.JsonMapper;

/** A command that calls the API: the client, and {@code --json} for scripts. */
abstract class ClientCommand implements Callable<Integer> {

	static final JsonMapper JSON = JsonMapper.builder().build();

	@ParentCommand
	ScriptoriumCli cli;

	@Option(names = "--json", description = "Print JSON instead of tables and bars.")
	boolean json;

	ScriptoriumClient client() {
		return this.cli.client;
	}

}
