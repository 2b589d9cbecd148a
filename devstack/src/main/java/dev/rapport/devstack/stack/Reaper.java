package dev.rapport.devstack.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;

/**
 * Ends devstack's processes when devstack ends without stopping them ({@code kill -9}, a test JVM killed by its build
 * tool): the children run in sessions of their own (so a Ctrl-C reaches devstack only) and would otherwise outlive
 * it, holding their ports. A small shell process in a session of its own polls devstack's pid every second; once it
 * is gone it signals every process listed in a file (TERM, or INT for PostgreSQL's fast shutdown), waits up to 30 s
 * and kills what is left. An orderly stop empties the list first and ends the watcher, so it never signals a pid
 * that may since have been reused.
 */
final class Reaper implements AutoCloseable {

	private static final String SCRIPT = """
			parent=$1; list=$2
			while kill -0 "$parent" 2>/dev/null; do sleep 1; done
			[ -f "$list" ] || exit 0
			while read -r signal pid; do kill -"$signal" "$pid" 2>/dev/null; done < "$list"
			for _ in $(seq 30); do
			  alive=0
			  while read -r signal pid; do kill -0 "$pid" 2>/dev/null && alive=1; done < "$list"
			  [ "$alive" = 0 ] && break
			  sleep 1
			done
			while read -r signal pid; do kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null; done < "$list"
			rm -f "$list"
			""";

	private final Path list;

	private final Process watcher;

	private Reaper(Path list, Process watcher) {
		this.list = list;
		this.watcher = watcher;
	}

	/** Watches {@code parentPid} (devstack's own, unless a test stands in for it); the list starts empty. */
	static Reaper start(Path list, long parentPid, Path log) {
		try {
			Files.createDirectories(list.getParent());
			Files.writeString(list, "");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		// In a session of its own, like every child: a Ctrl-C or a kill of devstack's process group spares it.
		List<String> command = List.of("/bin/sh", "-c", SCRIPT, "devstack-reaper", Long.toString(parentPid),
				list.toString());
		return new Reaper(list, ChildProcess.start("reaper", command, Map.of(), log).process());
	}

	/** From now on, {@code pid} gets {@code signal} (TERM, INT) if devstack dies. */
	synchronized void watch(String signal, long pid) {
		try {
			Files.writeString(list, signal + " " + pid + "\n", StandardOpenOption.APPEND);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not record pid " + pid + " in " + list, ex);
		}
	}

	long pid() {
		return watcher.pid();
	}

	/** An orderly stop: nothing left to watch, and the watcher ends. */
	@Override
	public synchronized void close() {
		try {
			Files.deleteIfExists(list);
		}
		catch (IOException ex) {
			// The watcher is ended below anyway.
		}
		watcher.destroy();
	}

}
