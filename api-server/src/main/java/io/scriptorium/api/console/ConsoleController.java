package io.scriptorium.api.console;

import io.scriptorium.api.system.ApiPaths;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.temporal.client.WorkflowClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "console", description = "Settings the web console reads")
class ConsoleController {

	private final ConsoleProperties properties;

	private final WorkflowClient client;

	ConsoleController(ConsoleProperties properties, WorkflowClient client) {
		this.properties = properties;
		this.client = client;
	}

	/** The namespace is the one this api-server starts workflows in, so that a link never points at another. */
	@GetMapping(ApiPaths.CONSOLE)
	@Operation(summary = "Where the console links a document's run: the Temporal UI and the namespace")
	ConsoleSettings settings() {
		return new ConsoleSettings(this.properties.getTemporalUiUrl().strip().replaceAll("/+$", ""),
				this.client.getOptions().getNamespace());
	}

}
