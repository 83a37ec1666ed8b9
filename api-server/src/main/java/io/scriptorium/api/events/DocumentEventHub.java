package io.scriptorium.api.events;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Pushes new events to the open streams of this api-server. One thread LISTENs on a connection of its own and, when
 * notified or every poll interval, reads the final events after its cursor and hands them to every stream. Each
 * replica does the same from the same rows, so any replica serves any client, and a replica that lost its
 * connection reads on from its cursor when it is back. A replica without open streams reads nothing.
 */
@Component
class DocumentEventHub implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(DocumentEventHub.class);

	private static final int BATCH = 500;

	private static final Duration PURGE_INTERVAL = Duration.ofHours(1);

	private final DataSource dataSource;

	private final DocumentEventRepository events;

	private final EventsProperties properties;

	private final Set<EventStream> streams = ConcurrentHashMap.newKeySet();

	/** Guards the cursor, so that a stream joins between two batches: it replays up to the cursor, then lives. */
	private final Object dispatch = new Object();

	private EventPosition cursor;

	private volatile boolean running;

	private Thread thread;

	private Instant lastKeepAlive = Instant.now();

	private Instant lastPurge = Instant.EPOCH;

	DocumentEventHub(DataSource dataSource, DocumentEventRepository events, EventsProperties properties,
			MeterRegistry meters) {
		this.dataSource = dataSource;
		this.events = events;
		this.properties = properties;
		Gauge.builder("scriptorium.events.streams", this.streams, Set::size)
			.description("Event streams this api-server holds open")
			.register(meters);
	}

	/**
	 * Opens a stream: replays what it missed after {@code from} (null: nothing), up to where the live events
	 * continue.
	 * @return the stream, or null if it would replay nothing after a document's final event
	 */
	EventStream open(SseEmitter emitter, EventFilter filter, EventPosition from, boolean fromFinalEvent) {
		synchronized (this.dispatch) {
			EventPosition upTo = cursor();
			EventPosition start = (from == null) ? upTo : from;
			List<StoredEvent> missed = this.events.between(filter, start, upTo, this.properties.getReplayLimit());
			if (fromFinalEvent && missed.isEmpty()) {
				return null;
			}
			EventStream stream = new EventStream(emitter, filter, start);
			if (stream.send(missed)) {
				this.streams.add(stream);
			}
			return stream;
		}
	}

	void remove(EventStream stream) {
		this.streams.remove(stream);
	}

	int openStreams() {
		return this.streams.size();
	}

	private EventPosition cursor() {
		if (this.cursor == null) {
			this.cursor = this.events.head();
		}
		return this.cursor;
	}

	@Override
	public void start() {
		this.running = true;
		this.thread = new Thread(this::listen, "document-events");
		this.thread.setDaemon(true);
		this.thread.start();
	}

	/** Ends every stream first: an open stream would otherwise hold the graceful shutdown until its timeout. */
	@Override
	public void stop() {
		this.running = false;
		this.thread.interrupt();
		this.streams.forEach(EventStream::close);
		this.streams.clear();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	private void listen() {
		while (this.running) {
			try (Connection connection = this.dataSource.getConnection();
					Statement statement = connection.createStatement()) {
				statement.execute("LISTEN document_events");
				try {
					PGConnection notifications = connection.unwrap(PGConnection.class);
					while (this.running) {
						dispatchNewEvents();
						keepAliveIfDue();
						purgeIfDue();
						notifications.getNotifications((int) this.properties.getPollInterval().toMillis());
					}
				}
				finally {
					// The connection goes back to the pool: its next user must not collect notifications.
					statement.execute("UNLISTEN *");
				}
			}
			catch (SQLException | RuntimeException ex) {
				if (this.running) {
					log.warn("Event streams wait for the database: {}", ex.toString());
					pause();
				}
			}
		}
	}

	private void dispatchNewEvents() {
		while (dispatchBatch() == BATCH) {
			// a full batch: more may be waiting
		}
	}

	private int dispatchBatch() {
		EventPosition from;
		synchronized (this.dispatch) {
			if (this.streams.isEmpty()) {
				// Nobody to tell: nothing is read, and the next stream to open starts from the newest final event.
				this.cursor = null;
				return 0;
			}
			from = cursor();
		}
		List<StoredEvent> batch = this.events.after(from, BATCH);
		if (!batch.isEmpty()) {
			synchronized (this.dispatch) {
				this.streams.removeIf((stream) -> !stream.send(batch));
				this.cursor = batch.get(batch.size() - 1).position();
			}
		}
		return batch.size();
	}

	private void keepAliveIfDue() {
		Instant now = Instant.now();
		if (now.isAfter(this.lastKeepAlive.plus(this.properties.getKeepAlive()))) {
			this.lastKeepAlive = now;
			this.streams.removeIf((stream) -> !stream.keepAlive());
		}
	}

	/** Every replica purges; the second finds nothing to delete. */
	private void purgeIfDue() {
		Instant now = Instant.now();
		if (now.isAfter(this.lastPurge.plus(PURGE_INTERVAL))) {
			this.lastPurge = now;
			int purged = this.events.deleteOlderThan(now.minus(this.properties.getRetention()));
			if (purged > 0) {
				log.info("Deleted {} document events older than {}", purged, this.properties.getRetention());
			}
		}
	}

	private void pause() {
		try {
			Thread.sleep(this.properties.getPollInterval().multipliedBy(5).toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
