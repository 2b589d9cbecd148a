package dev.rapport.devstack;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole platform for system tests, as users run it: devstack's Kafka broker, PostgreSQL and every service jar in
 * its own process, on devstack's ports, from a fresh data dir. Started once for all system test classes in this JVM
 * and stopped when they are done (JUnit closes what the root store holds).
 */
final class RunningDevstack implements BeforeAllCallback, AutoCloseable {

	private static volatile RunningDevstack running;

	private final Up up;

	private final DataDir dataDir;

	private final ByteArrayOutputStream console;

	/** For JUnit's extension mechanism only. */
	RunningDevstack() {
		this(null, null, null);
	}

	private RunningDevstack(Up up, DataDir dataDir, ByteArrayOutputStream console) {
		this.up = up;
		this.dataDir = dataDir;
		this.console = console;
	}

	@Override
	public void beforeAll(ExtensionContext context) {
		context.getRoot()
			.getStore(ExtensionContext.Namespace.GLOBAL)
			.computeIfAbsent(RunningDevstack.class, key -> start(), RunningDevstack.class);
	}

	static RunningDevstack get() {
		assertThat(running).as("@ExtendWith(RunningDevstack.class) starts it").isNotNull();
		return running;
	}

	private static RunningDevstack start() {
		Path repoRoot = Path.of("").toAbsolutePath().getParent();
		DataDir dataDir = new DataDir(Path.of("target", "devstack-system-test"));
		ByteArrayOutputStream console = new ByteArrayOutputStream();
		Up up = new Up(repoRoot, dataDir, Devstack.version(), System.getenv(),
				new PrintStream(console, true, StandardCharsets.UTF_8));
		int exit = up.start(true, Service.ALL);
		assertThat(exit).as("devstack start; it printed:%n%s", console.toString(StandardCharsets.UTF_8)).isZero();
		running = new RunningDevstack(up, dataDir, console);
		return running;
	}

	DataDir dataDir() {
		return dataDir;
	}

	DemoIdentity identity() {
		return DemoIdentity.load(dataDir).orElseThrow();
	}

	PrintStream console() {
		return new PrintStream(console, true, StandardCharsets.UTF_8);
	}

	@Override
	public void close() {
		if (up != null) {
			up.stop();
		}
		running = null;
	}

}
