package io.scriptorium.api.upload;

/**
 * A client's file name is only ever shown, never used as a path: keep its last path segment and drop control and
 * format characters (which could forge log lines or reverse the displayed text).
 */
final class FileNames {

	static final int MAX_LENGTH = 255;

	static final String FALLBACK = "document";

	private FileNames() {
	}

	static String sanitize(String original) {
		if (original == null) {
			return FALLBACK;
		}
		String name = original.substring(Math.max(original.lastIndexOf('/'), original.lastIndexOf('\\')) + 1);
		StringBuilder clean = new StringBuilder(name.length());
		name.codePoints().filter(FileNames::isDisplayable).forEach(clean::appendCodePoint);
		String result = clean.toString().strip();
		if (result.isEmpty() || result.equals(".") || result.equals("..")) {
			return FALLBACK;
		}
		return truncate(result);
	}

	private static boolean isDisplayable(int codePoint) {
		int type = Character.getType(codePoint);
		return type != Character.CONTROL && type != Character.FORMAT && type != Character.LINE_SEPARATOR
				&& type != Character.PARAGRAPH_SEPARATOR && type != Character.UNASSIGNED
				&& type != Character.PRIVATE_USE && type != Character.SURROGATE;
	}

	/** Keeps the extension, which decides the type of a ZIP-based document. */
	private static String truncate(String name) {
		if (name.length() <= MAX_LENGTH) {
			return name;
		}
		int dot = name.lastIndexOf('.');
		String extension = (dot > 0 && name.length() - dot <= 16) ? name.substring(dot) : "";
		int keep = MAX_LENGTH - extension.length();
		// Do not split a surrogate pair.
		if (Character.isHighSurrogate(name.charAt(keep - 1))) {
			keep--;
		}
		return name.substring(0, keep) + extension;
	}

}
