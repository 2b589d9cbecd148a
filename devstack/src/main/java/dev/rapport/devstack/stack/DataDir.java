package dev.rapport.devstack.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/** Where devstack keeps its state between runs: {@code .devstack/} at the repo root, or {@code $RAPPORT_DEVSTACK_DIR}. */
public record DataDir(Path root) {

	static final String ENVIRONMENT_VARIABLE = "RAPPORT_DEVSTACK_DIR";

	public DataDir {
		root = root.toAbsolutePath().normalize();
	}

	public static DataDir locate(Map<String, String> environment, Path repoRoot) {
		String configured = environment.get(ENVIRONMENT_VARIABLE);
		return new DataDir(configured == null || configured.isBlank() ? repoRoot.resolve(".devstack")
				: repoRoot.resolve(configured));
	}

	/** Broker config, cluster id and, under {@code data/}, the topic logs. */
	Path kafka() {
		return root.resolve("kafka");
	}

	Path postgres() {
		return root.resolve("postgres");
	}

	Path keys() {
		return root.resolve("keys");
	}

	/** The copy of a service's jar that the running service uses (made by {@code up}). */
	public Path jar(Service service) {
		return root.resolve("jars").resolve(service.module() + ".jar");
	}

	/** The ports the last {@code up} used ({@link Ports}). */
	Path ports() {
		return root.resolve("ports.properties");
	}

	/** The address of the running devstack's page of received mail ({@link MailCatcher}), for tests that read it. */
	public Path mailPage() {
		return root.resolve("mail-page");
	}

	Path demoProperties() {
		return root.resolve("demo.properties");
	}

	/** The dev clock's offset ({@code devstack clock}), which services start with. */
	Path clockOffset() {
		return root.resolve("clock-offset");
	}

	/** An instance's local state (analytics-service's state stores): a directory of its own, wiped by --fresh. */
	Path state(Instance instance) {
		return root.resolve("state").resolve(instance.name());
	}

	Path log(String processName) {
		return root.resolve("logs").resolve(processName + ".log");
	}

	/** Empties a process's log for this run, so its last lines are this run's. */
	Path newLog(String processName) {
		Path log = log(processName);
		try {
			Files.createDirectories(log.getParent());
			Files.writeString(log, "");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return log;
	}

	boolean exists() {
		return Files.isDirectory(root);
	}

	/** For {@code up --fresh}: everything goes, keys and demo ids included. */
	void delete() {
		if (!exists()) {
			return;
		}
		try (Stream<Path> paths = Files.walk(root)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(path);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not delete " + root, ex);
		}
	}

}
