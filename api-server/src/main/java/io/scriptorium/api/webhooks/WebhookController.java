package io.scriptorium.api.webhooks;

import io.scriptorium.api.system.ApiException;
import io.scriptorium.api.system.ApiPaths;
import io.scriptorium.workflows.failure.ErrorCode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(ApiPaths.WEBHOOKS)
@Tag(name = "webhooks", description = "Signed callbacks for document events, delivered by Temporal with retries")
class WebhookController {

	static final int MAX_DELIVERY_LIMIT = 500;

	private final WebhookService webhooks;

	private final WebhookRepository endpoints;

	WebhookController(WebhookService webhooks, WebhookRepository endpoints) {
		this.webhooks = webhooks;
		this.endpoints = endpoints;
	}

	@Operation(summary = "Register an endpoint; the answer carries its secret, this once")
	@PostMapping
	ResponseEntity<WebhookEndpoint> register(@RequestBody WebhookRequest request) {
		WebhookEndpoint endpoint = this.webhooks.register(request);
		return ResponseEntity.created(URI.create(ApiPaths.WEBHOOKS + "/" + endpoint.id())).body(endpoint);
	}

	@Operation(summary = "The registered endpoints, without their secrets")
	@GetMapping
	List<WebhookEndpoint> list() {
		return this.endpoints.list();
	}

	@GetMapping("/{id}")
	WebhookEndpoint get(@PathVariable UUID id) {
		return this.endpoints.find(id).orElseThrow(() -> notFound(id));
	}

	@Operation(summary = "Delete an endpoint: deliveries not yet made are dropped")
	@DeleteMapping("/{id}")
	ResponseEntity<Void> delete(@PathVariable UUID id) {
		if (!this.endpoints.delete(id)) {
			throw notFound(id);
		}
		return ResponseEntity.noContent().build();
	}

	@Operation(summary = "The endpoint's delivery log: every attempt, newest first")
	@GetMapping("/{id}/deliveries")
	List<WebhookDeliveryAttempt> deliveries(@PathVariable UUID id, @RequestParam(defaultValue = "100") int limit) {
		if (limit < 1 || limit > MAX_DELIVERY_LIMIT) {
			throw ApiException.invalidRequest("limit must be between 1 and " + MAX_DELIVERY_LIMIT);
		}
		get(id);
		return this.endpoints.deliveries(id, limit);
	}

	private static ApiException notFound(UUID id) {
		return new ApiException(HttpStatus.NOT_FOUND, ErrorCode.WEBHOOK_NOT_FOUND, "No webhook endpoint with id " + id);
	}

}
