/** The web console: where its static files live, and the settings its pages read from the API. */
package io.scriptorium.api.console;
