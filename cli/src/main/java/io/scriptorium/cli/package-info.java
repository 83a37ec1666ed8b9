/**
 * The {@code scriptorium} command line: {@link io.scriptorium.cli.ScriptoriumCli} and one class per command. It talks
 * to the API only, through {@link io.scriptorium.client.ScriptoriumClient}.
 */
package io.scriptorium.cli;
