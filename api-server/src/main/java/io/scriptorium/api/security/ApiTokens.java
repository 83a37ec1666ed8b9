package io.scriptorium.api.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * The accepted bearer tokens, kept only as SHA-256 digests and compared in constant time: comparing digests of equal
 * length with {@link MessageDigest#isEqual} tells an attacker nothing through timing about how much of a guess was
 * right, nor about a token's length.
 */
final class ApiTokens {

	private final List<byte[]> digests;

	ApiTokens(List<String> tokens) {
		this.digests = tokens.stream().map(ApiTokens::digest).toList();
	}

	boolean isEmpty() {
		return this.digests.isEmpty();
	}

	int size() {
		return this.digests.size();
	}

	boolean accepts(String presented) {
		if (presented == null || presented.isEmpty()) {
			return false;
		}
		byte[] candidate = digest(presented);
		boolean match = false;
		// Every digest is compared, so that the time taken does not say which token matched.
		for (byte[] expected : this.digests) {
			match |= MessageDigest.isEqual(expected, candidate);
		}
		return match;
	}

	private static byte[] digest(String token) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every JRE", ex);
		}
	}

	/** Never the tokens themselves. */
	@Override
	public String toString() {
		return "ApiTokens[" + this.digests.size() + " configured]";
	}

}
