package io.scriptorium.api.webhooks;

import io.scriptorium.api.system.ApiException;
import io.scriptorium.workflows.document.DocumentEvents;
import io.scriptorium.workflows.failure.ErrorCode;
import io.scriptorium.workflows.webhooks.WebhookTargets;
import io.scriptorium.workflows.webhooks.WebhookTargets.RefusedTarget;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/** Registers endpoints, after the checks a receiver's URL, events and secret must pass. */
@Service
public class WebhookService {

	/** What an upload's callback gets: the end of the document's run. */
	static final List<String> CALLBACK_EVENTS = List.of("document.ready", "document.failed", "document.cancelled");

	private final WebhookRepository endpoints;

	private final WebhookTargets targets;

	WebhookService(WebhookRepository endpoints, WebhookTargets targets) {
		this.endpoints = endpoints;
		this.targets = targets;
	}

	WebhookEndpoint register(WebhookRequest request) {
		if (request == null || request.url() == null || request.events() == null || request.events().isEmpty()) {
			throw ApiException.invalidRequest("A webhook needs a url and a non-empty list of events, from "
					+ DocumentEvents.TYPES);
		}
		List<String> unknown = request.events().stream()
			.filter((type) -> type == null || !DocumentEvents.TYPES.contains(type))
			.map(String::valueOf)
			.toList();
		if (!unknown.isEmpty()) {
			throw ApiException.invalidRequest("Unknown event types " + unknown + "; the types are "
					+ DocumentEvents.TYPES);
		}
		String secret = (request.secret() == null || request.secret().isBlank()) ? WebhookSecrets.generate()
				: WebhookSecrets.check(request.secret().strip());
		return this.endpoints.insert(checkedUrl(request.url()), List.copyOf(request.events()), secret, null);
	}

	/**
	 * An upload's callback: the end of the document's run, signed with a secret made for it and answered once.
	 * @param checkedUrl a URL that passed {@link #checkedUrl(String)} at the door (not resolved again here: this runs
	 * inside the upload's transaction)
	 */
	public String registerCallback(UUID documentId, String checkedUrl) {
		String secret = WebhookSecrets.generate();
		this.endpoints.insert(checkedUrl, CALLBACK_EVENTS, secret, documentId);
		return secret;
	}

	/** A callback whose run did not start after all. */
	public void dropCallback(UUID documentId, String secret) {
		this.endpoints.deleteCallback(documentId, secret);
	}

	/** @throws ApiException (400) unless the URL is one the address rule lets webhooks reach */
	public String checkedUrl(String url) {
		try {
			this.targets.check(new URI(url.strip()));
			return url.strip();
		}
		catch (URISyntaxException ex) {
			throw ApiException.invalidRequest("Not a URL: " + url);
		}
		catch (RefusedTarget ex) {
			throw new ApiException(HttpStatus.BAD_REQUEST, ErrorCode.WEBHOOK_TARGET_REFUSED, ex.getMessage());
		}
	}

}
