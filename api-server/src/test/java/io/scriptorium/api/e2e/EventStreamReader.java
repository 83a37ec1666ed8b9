package io.scriptorium.api.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a Server-Sent Events stream as a client does: frames of {@code id:}, {@code event:} and {@code data:} lines
 * ended by a blank line, comments ({@code :}) skipped.
 */
final class EventStreamReader {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	/** One frame: its id, its event name and its data, parsed. */
	record Frame(String id, String event, JsonNode data) {
	}

	/** The HTTP status and the frames read. */
	record Result(int status, List<Frame> frames) {
	}

	private EventStreamReader() {
	}

	/** Reads until the server ends the stream, {@code timeout} passes, or {@code stopAfter} accepts a frame. */
	static Result read(String url, String lastEventId, Duration timeout, Predicate<Frame> stopAfter) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
			.header("Accept", "text/event-stream");
		if (lastEventId != null) {
			request.header("Last-Event-ID", lastEventId);
		}
		List<Frame> frames = new ArrayList<>();
		try {
			HttpResponse<Stream<String>> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofLines());
			try (Stream<String> lines = response.body()) {
				if (response.statusCode() != 200) {
					return new Result(response.statusCode(), frames);
				}
				String id = null;
				String event = null;
				StringBuilder data = new StringBuilder();
				for (Iterator<String> it = lines.iterator(); it.hasNext();) {
					String line = it.next();
					if (line.isEmpty()) {
						if (!data.isEmpty()) {
							Frame frame = new Frame(id, event, JSON.readTree(data.toString()));
							frames.add(frame);
							if (stopAfter.test(frame)) {
								break;
							}
						}
						id = null;
						event = null;
						data.setLength(0);
					}
					else if (line.startsWith("id:")) {
						id = line.substring(3).strip();
					}
					else if (line.startsWith("event:")) {
						event = line.substring(6).strip();
					}
					else if (line.startsWith("data:")) {
						data.append(line.substring(5).strip());
					}
				}
			}
			return new Result(200, frames);
		}
		catch (java.net.http.HttpTimeoutException ex) {
			return new Result(200, frames);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
