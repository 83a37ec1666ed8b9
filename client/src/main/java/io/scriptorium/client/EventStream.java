package io.scriptorium.client;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads a Server-Sent Events answer line by line: {@code id:}, {@code event:} and {@code data:} fields, a blank
 * line ending each event, comments ({@code :}) skipped.
 */
final class EventStream {

	private EventStream() {
	}

	static List<Event> read(HttpClient http, HttpRequest.Builder request, String what, String lastEventId,
			Predicate<Event> stopAfter) throws IOException {
		request.setHeader("Accept", "text/event-stream");
		if (lastEventId != null) {
			request.header("Last-Event-ID", lastEventId);
		}
		HttpResponse<Stream<String>> response;
		try {
			response = http.send(request.GET().build(), HttpResponse.BodyHandlers.ofLines());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException(what + " was interrupted", ex);
		}
		catch (ConnectException ex) {
			throw new IOException(what + ": cannot reach the API (SCRIPTORIUM_URL)", ex);
		}
		try (Stream<String> lines = response.body()) {
			if (response.statusCode() / 100 != 2) {
				throw ScriptoriumClient.problem(what, response.statusCode(), lines.collect(Collectors.joining("\n")));
			}
			return events(lines.iterator(), stopAfter);
		}
	}

	private static List<Event> events(Iterator<String> lines, Predicate<Event> stopAfter) {
		List<Event> events = new ArrayList<>();
		String id = null;
		String type = null;
		StringBuilder data = new StringBuilder();
		while (lines.hasNext()) {
			String line = lines.next();
			if (line.isEmpty()) {
				if (!data.isEmpty()) {
					Event event = new Event(id, type, ScriptoriumClient.parse(data.toString()));
					events.add(event);
					if (stopAfter.test(event)) {
						break;
					}
				}
				id = null;
				type = null;
				data.setLength(0);
			}
			else if (line.startsWith("id:")) {
				id = line.substring(3).strip();
			}
			else if (line.startsWith("event:")) {
				type = line.substring(6).strip();
			}
			else if (line.startsWith("data:")) {
				data.append(data.isEmpty() ? "" : "\n").append(line.substring(5).strip());
			}
		}
		return events;
	}

}
