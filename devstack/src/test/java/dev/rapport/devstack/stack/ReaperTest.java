package dev.rapport.devstack.stack;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** A {@code sleep} process stands in for devstack (the parent) and others for the children it started. */
class ReaperTest {

	@TempDir
	Path dir;

	private final List<Process> started = new java.util.ArrayList<>();

	@AfterEach
	void endWhatIsLeft() {
		started.forEach(Process::destroyForcibly);
	}

	@Test
	void endsTheListedProcessesOnceTheParentIsGone() throws Exception {
		Process parent = sleeper();
		Process child = sleeper();
		Process other = sleeper();
		Process unlisted = sleeper();
		try (Reaper reaper = Reaper.start(dir.resolve("children.pids"), parent.pid(), dir.resolve("reaper.log"))) {
			reaper.watch("TERM", child.pid());
			// Devstack lists PostgreSQL with INT; a sleep would inherit INT ignored from a shell's background job
			// (where CI may run), so another catchable signal shows that each process gets the one listed for it.
			reaper.watch("USR1", other.pid());

			parent.destroyForcibly();

			assertThat(child.waitFor(30, TimeUnit.SECONDS)).as("the child ended after its parent").isTrue();
			assertThat(other.waitFor(30, TimeUnit.SECONDS)).isTrue();
			assertThat(child.exitValue()).as("ended by TERM (128 + 15), not KILL").isEqualTo(143);
			assertThat(other.exitValue()).as("ended by USR1 (128 + 10), not KILL").isEqualTo(138);
			assertThat(ProcessHandle.of(reaper.pid()).map(handle -> handle.onExit().join()))
				.as("the watcher ends once it has done its work")
				.isNotNull();
			assertThat(unlisted.isAlive()).as("only listed processes are signalled").isTrue();
		}
	}

	@Test
	void anOrderlyStopEndsTheWatcherAndSignalsNothing() throws Exception {
		Process parent = sleeper();
		Process child = sleeper();
		Reaper reaper = Reaper.start(dir.resolve("children.pids"), parent.pid(), dir.resolve("reaper.log"));
		reaper.watch("TERM", child.pid());

		reaper.close();
		ProcessHandle.of(reaper.pid()).ifPresent(watcher -> watcher.onExit().join());
		parent.destroyForcibly();
		parent.waitFor();

		assertThat(child.isAlive()).as("a closed reaper signals nobody").isTrue();
	}

	@Test
	void childrenSeeOnlyWhatDevstackPassesOn() {
		assertThat(ChildProcess.cleanEnvironment(
				java.util.Map.of("PATH", "/usr/bin", "HOME", "/home/ada", "DATABASE_URL", "jdbc:postgresql://elsewhere",
						"JAVA_TOOL_OPTIONS", "-Xmx8m"),
				java.util.Map.of("SERVER_PORT", "8081", "HOME", "/set")))
			.containsOnly(java.util.Map.entry("PATH", "/usr/bin"), java.util.Map.entry("HOME", "/set"),
					java.util.Map.entry("SERVER_PORT", "8081"));
	}

	private Process sleeper() throws Exception {
		Process process = new ProcessBuilder("sleep", "600").start();
		started.add(process);
		return process;
	}

}
