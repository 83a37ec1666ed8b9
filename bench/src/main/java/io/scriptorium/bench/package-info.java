/** The throughput, latency, footprint and search benchmark behind {@code scripts/bench}. */
package io.scriptorium.bench;
