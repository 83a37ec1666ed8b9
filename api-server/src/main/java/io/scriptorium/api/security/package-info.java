/** Who may call the API: bearer-token authentication, CORS, and keeping secrets out of logs. */
package io.scriptorium.api.security;
