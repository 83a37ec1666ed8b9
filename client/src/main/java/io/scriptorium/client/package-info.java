/** The client of Scriptorium's HTTP API: {@link io.scriptorium.client.ScriptoriumClient}. */
package io.scriptorium.client;
