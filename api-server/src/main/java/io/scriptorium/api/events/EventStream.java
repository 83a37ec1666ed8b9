package io.scriptorium.api.events;

import io.scriptorium.workflows.document.DocumentEvent;
import java.io.IOException;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * One open stream: the events of its filter after the last one it sent, each once and in order. Sends come from
 * the request thread (the replay) and the hub's thread (live events, keep-alives), one at a time.
 */
final class EventStream {

	private final SseEmitter emitter;

	private final EventFilter filter;

	private EventPosition sent;

	private boolean closed;

	EventStream(SseEmitter emitter, EventFilter filter, EventPosition from) {
		this.emitter = emitter;
		this.filter = filter;
		this.sent = from;
	}

	/** @return whether the stream stays open (false once it sent its document's final event, or failed) */
	synchronized boolean send(List<StoredEvent> events) {
		for (StoredEvent stored : events) {
			if (this.closed) {
				break;
			}
			if (!stored.position().isAfter(this.sent) || !this.filter.matches(stored.event())) {
				continue;
			}
			DocumentEvent event = stored.event();
			write(SseEmitter.event().id(Long.toString(event.id())).name(event.type())
				.data(event, MediaType.APPLICATION_JSON));
			this.sent = stored.position();
			if (this.filter.endsWithDocument() && event.isFinal() && !this.closed) {
				this.closed = true;
				this.emitter.complete();
			}
		}
		return !this.closed;
	}

	synchronized boolean keepAlive() {
		if (!this.closed) {
			write(SseEmitter.event().comment("keep-alive"));
		}
		return !this.closed;
	}

	synchronized void close() {
		if (!this.closed) {
			this.closed = true;
			this.emitter.complete();
		}
	}

	/** A client that went away makes the write fail: the stream is over, with nothing to tell anyone. */
	private void write(SseEmitter.SseEventBuilder frame) {
		try {
			this.emitter.send(frame);
		}
		catch (IOException | RuntimeException ex) {
			this.closed = true;
			this.emitter.completeWithError(ex);
		}
	}

}
