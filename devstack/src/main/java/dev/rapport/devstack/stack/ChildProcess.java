package dev.rapport.devstack.stack;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A process devstack started (the broker or a service): its log file, its memory and its orderly stop. */
final class ChildProcess {

	/**
	 * Children run in their own session (setsid keeps the pid), so a Ctrl-C in the terminal reaches devstack only
	 * and devstack stops them in order: services before the broker they would otherwise wait for.
	 */
	private static final Path SETSID = Path.of("/usr/bin/setsid");

	/**
	 * What a child takes from devstack's own environment: enough to run a JVM or a shell in the user's locale and temp
	 * dir, nothing else (a stray DATABASE_URL, SERVER_PORT or JAVA_TOOL_OPTIONS in the caller's shell would rewire a
	 * service). Everything else a child sees, devstack sets on purpose.
	 */
	static final List<String> INHERITED = List.of("PATH", "HOME", "USER", "LANG", "LC_ALL", "TZ", "TMPDIR");

	private final String name;

	private final Process process;

	private final Path log;

	private ChildProcess(String name, Process process, Path log) {
		this.name = name;
		this.process = process;
		this.log = log;
	}

	static ChildProcess start(String name, List<String> command, Map<String, String> environment, Path log) {
		List<String> fullCommand = new ArrayList<>();
		if (Files.isExecutable(SETSID)) {
			fullCommand.add(SETSID.toString());
		}
		fullCommand.addAll(command);
		ProcessBuilder builder = new ProcessBuilder(fullCommand).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
		builder.environment().clear();
		builder.environment().putAll(cleanEnvironment(System.getenv(), environment));
		try {
			Files.createDirectories(log.getParent());
			return new ChildProcess(name, builder.start(), log);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start " + name + ": " + String.join(" ", command), ex);
		}
	}

	/** {@link #INHERITED} from devstack's own environment, then what devstack sets (which wins). */
	static Map<String, String> cleanEnvironment(Map<String, String> own, Map<String, String> set) {
		Map<String, String> environment = new LinkedHashMap<>();
		INHERITED.stream().filter(own::containsKey).forEach(name -> environment.put(name, own.get(name)));
		environment.putAll(set);
		return environment;
	}

	/** Runs a short-lived command to completion (e.g. formatting Kafka's storage) and returns its exit code. */
	static int run(String name, List<String> command, Path log, Duration timeout) {
		ChildProcess child = start(name, command, Map.of(), log);
		try {
			if (!child.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				child.process.destroyForcibly();
				throw new IllegalStateException(name + " did not finish within " + timeout.toSeconds() + " s");
			}
			return child.process.exitValue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			child.process.destroyForcibly();
			throw new IllegalStateException(name + " was interrupted", ex);
		}
	}

	Process process() {
		return process;
	}

	String name() {
		return name;
	}

	long pid() {
		return process.pid();
	}

	Path log() {
		return log;
	}

	boolean isAlive() {
		return process.isAlive();
	}

	/** Only meaningful once the process has exited. */
	int exitCode() {
		return process.exitValue();
	}

	CompletableFuture<Process> onExit() {
		return process.onExit();
	}

	List<String> lastLogLines(int count) {
		try {
			List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
			return lines.subList(Math.max(0, lines.size() - count), lines.size());
		}
		catch (IOException | UncheckedIOException ex) {
			return List.of("(could not read " + log + ": " + ex.getMessage() + ")");
		}
	}

	/**
	 * Stops the given processes together: SIGTERM to all, then up to {@code grace} for each to exit (waited in
	 * parallel), then SIGKILL for any still running. Reports each one on {@code out}.
	 */
	static void stopAll(List<ChildProcess> children, Duration grace, PrintStream out) {
		List<ChildProcess> running = children.stream().filter(ChildProcess::isAlive).toList();
		running.forEach(child -> child.process.destroy());
		long deadline = System.nanoTime() + grace.toNanos();
		for (ChildProcess child : running) {
			long started = System.nanoTime();
			try {
				child.onExit().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
				out.printf("  stopped %-22s pid %-7d (%s)%n", child.name, child.pid(), describe(child.exitCode()));
			}
			catch (TimeoutException ex) {
				child.process.destroyForcibly();
				out.printf("  killed  %-22s pid %-7d (no exit %d s after SIGTERM)%n", child.name, child.pid(),
						grace.toSeconds());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				child.process.destroyForcibly();
				out.printf("  killed  %-22s pid %-7d (interrupted)%n", child.name, child.pid());
			}
			catch (ExecutionException ex) {
				out.printf("  stopped %-22s pid %-7d (%s)%n", child.name, child.pid(), ex.getCause());
			}
		}
	}

	/** JVMs stopped by SIGTERM exit with 128 + 15. */
	private static String describe(int exitCode) {
		return exitCode == 143 ? "exit 143: SIGTERM" : "exit " + exitCode;
	}

}
