/**
 * The embedding model both apps share (chunks and queries must be embedded by the same one): its settings, the
 * in-process models and the OpenAI-compatible client, the token counter that sizes chunks for it, and the
 * auto-configuration that builds each once. Runtime code, not part of the workflow contract.
 */
package io.scriptorium.workflows.embeddingmodel;
