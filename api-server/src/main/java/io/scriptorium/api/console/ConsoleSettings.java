package io.scriptorium.api.console;

/**
 * What the console's pages read once: a document's run is at
 * {@code <temporalUiUrl>/namespaces/<temporalNamespace>/workflows/<workflowId>}.
 */
public record ConsoleSettings(String temporalUiUrl, String temporalNamespace) {
}
