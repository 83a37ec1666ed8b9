/** Schema migrations as a singleton workflow. */
package io.scriptorium.workflows.migration;
