package io.scriptorium.api.console;

/**
 * The paths of the console's static files ({@code src/main/resources/static/}): its page and the scripts and styles
 * under {@code /console/}. They hold no data (everything they show comes from {@code /api/**} with the user's
 * token), so they are served without one.
 */
public final class ConsolePaths {

	/** The scripts, styles and icon, all in one folder so that one prefix names them. */
	public static final String FILES_PREFIX = "/console/";

	private ConsolePaths() {
	}

	/** The page ({@code /}, which Spring Boot answers with {@code index.html}) and its files. */
	public static boolean isConsole(String path) {
		return path.equals("/") || path.equals("/index.html") || path.startsWith(FILES_PREFIX);
	}

}
