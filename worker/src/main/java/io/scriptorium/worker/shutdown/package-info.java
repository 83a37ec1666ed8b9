/** Stopping a worker without cutting off the activities it is running. */
package io.scriptorium.worker.shutdown;
