package io.scriptorium.workflows.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A process's living descendants, found by their whole command line. */
public final class ChildProcesses {

	private ChildProcesses() {
	}

	/** This JVM's descendants whose command line contains {@code text}. */
	public static List<ProcessHandle> running(String text) {
		return running(ProcessHandle.current(), text);
	}

	/** {@code root}'s descendants whose command line contains {@code text}. */
	public static List<ProcessHandle> running(ProcessHandle root, String text) {
		return root.descendants()
			.filter(ProcessHandle::isAlive)
			.filter((process) -> commandLine(process).contains(text))
			.toList();
	}

	/**
	 * From /proc, because {@code ProcessHandle.Info.commandLine()} stops at 4,096 characters: a child JVM's class
	 * path alone is longer in a Maven build, so its main class and arguments would never be seen.
	 */
	private static String commandLine(ProcessHandle process) {
		try {
			byte[] line = Files.readAllBytes(Path.of("/proc", String.valueOf(process.pid()), "cmdline"));
			return new String(line, StandardCharsets.UTF_8).replace('\0', ' ');
		}
		catch (IOException ex) {
			// It ended meanwhile.
			return "";
		}
	}

}
