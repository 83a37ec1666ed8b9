package io.scriptorium.api.webhooks;

import io.scriptorium.api.system.ApiException;
import java.security.SecureRandom;
import java.util.Base64;

/** Standard Webhooks secrets: {@code whsec_} and the base64 of the HMAC key. */
final class WebhookSecrets {

	static final String PREFIX = "whsec_";

	private static final int GENERATED_BYTES = 32;

	private static final int MIN_BYTES = 24;

	private static final int MAX_BYTES = 64;

	private static final SecureRandom RANDOM = new SecureRandom();

	private WebhookSecrets() {
	}

	static String generate() {
		byte[] key = new byte[GENERATED_BYTES];
		RANDOM.nextBytes(key);
		return PREFIX + Base64.getEncoder().encodeToString(key);
	}

	/** @throws ApiException (400) unless {@code secret} is a secret of a sensible length */
	static String check(String secret) {
		String refusal = "A webhook secret is whsec_ and the base64 of " + MIN_BYTES + " to " + MAX_BYTES + " bytes";
		if (!secret.startsWith(PREFIX)) {
			throw ApiException.invalidRequest(refusal);
		}
		try {
			int length = Base64.getDecoder().decode(secret.substring(PREFIX.length())).length;
			if (length < MIN_BYTES || length > MAX_BYTES) {
				throw ApiException.invalidRequest(refusal);
			}
		}
		catch (IllegalArgumentException ex) {
			throw ApiException.invalidRequest(refusal);
		}
		return secret;
	}

}
