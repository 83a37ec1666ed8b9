/** Cross-cutting pieces of the API: errors as problem details, OpenAPI description. */
package io.scriptorium.api.system;
