package io.scriptorium.api.events;

import io.scriptorium.api.documents.DocumentRepository;
import io.scriptorium.api.system.ApiException;
import io.scriptorium.api.system.ApiPaths;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Server-Sent Events of documents' changes. Each event's {@code id} is what a client sends back as
 * {@code Last-Event-ID} when it reconnects (browsers' EventSource does), and it then gets every event it missed.
 */
@RestController
@Tag(name = "events", description = "Live document status as Server-Sent Events")
class EventController {

	private final DocumentEventHub hub;

	private final DocumentEventRepository events;

	private final DocumentRepository documents;

	private final EventsProperties properties;

	EventController(DocumentEventHub hub, DocumentEventRepository events, DocumentRepository documents,
			EventsProperties properties) {
		this.hub = hub;
		this.events = events;
		this.documents = documents;
		this.properties = properties;
	}

	@Operation(summary = "A document's events from the start of its current run (or after Last-Event-ID), then live;"
			+ " the stream ends after its READY, FAILED, CANCELLED or deletion, and a reconnect after that is answered"
			+ " 204")
	@GetMapping(path = ApiPaths.DOCUMENTS + "/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	ResponseEntity<SseEmitter> documentEvents(@PathVariable UUID id,
			@RequestHeader(name = "Last-Event-ID", required = false) String lastEventId) {
		if (this.documents.findById(id).isEmpty() && !this.events.existsFor(id)) {
			throw ApiException.documentNotFound(id);
		}
		Optional<StoredEvent> last = lastEvent(lastEventId).filter((event) -> id.equals(event.event().documentId()));
		boolean afterFinal = last.map((event) -> event.event().isFinal()).orElse(false);
		EventPosition from = last.map(StoredEvent::position).orElseGet(() -> this.events.currentRunStart(id));
		return open(EventFilter.document(id), from, afterFinal);
	}

	@Operation(summary = "Every document's events (or one collection's) from now on, or after Last-Event-ID")
	@GetMapping(path = ApiPaths.EVENTS, produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	ResponseEntity<SseEmitter> allEvents(@RequestParam(required = false) String collection,
			@RequestHeader(name = "Last-Event-ID", required = false) String lastEventId) {
		EventPosition from = (lastEventId == null) ? null
				: lastEvent(lastEventId).map(StoredEvent::position).orElse(EventPosition.START);
		return open(EventFilter.collection(collection), from, false);
	}

	/**
	 * @param from the position after which to replay; null: live events only. Without Last-Event-ID a document's
	 * stream starts at its current run's first event, the all-documents stream at now.
	 */
	private ResponseEntity<SseEmitter> open(EventFilter filter, EventPosition from, boolean afterFinal) {
		if (this.hub.openStreams() >= this.properties.getMaxStreams()) {
			throw ApiException.unavailable("This api-server already serves " + this.properties.getMaxStreams()
					+ " event streams; try again later or another replica", null);
		}
		SseEmitter emitter = new SseEmitter(this.properties.getStreamTimeout().toMillis());
		EventStream stream = this.hub.open(emitter, filter, from, afterFinal);
		if (stream == null) {
			return ResponseEntity.noContent().build();
		}
		emitter.onCompletion(() -> this.hub.remove(stream));
		emitter.onTimeout(() -> this.hub.remove(stream));
		emitter.onError((ex) -> this.hub.remove(stream));
		return ResponseEntity.ok().header("X-Accel-Buffering", "no").body(emitter);
	}

	/** An unknown id (purged, or from another installation): the caller replays from the start of what is kept. */
	private Optional<StoredEvent> lastEvent(String lastEventId) {
		if (lastEventId == null || lastEventId.isBlank()) {
			return Optional.empty();
		}
		try {
			return this.events.find(Long.parseLong(lastEventId.strip()));
		}
		catch (NumberFormatException ex) {
			throw ApiException.invalidRequest("Last-Event-ID must be an event's id, a number: " + lastEventId);
		}
	}

}
