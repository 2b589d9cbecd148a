package dev.rapport.devstack.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Stream;

/** Reads how much memory processes hold, from Linux's /proc; empty where /proc is not there (macOS). */
final class Memory {

	private Memory() {
	}

	/** Resident set size (VmRSS) of one process, in KiB. */
	static OptionalLong rssKib(long pid) {
		return field(Path.of("/proc", Long.toString(pid), "status"), "VmRSS:");
	}

	/**
	 * Proportional set size summed over a process and its descendants, in KiB. PostgreSQL runs as several processes
	 * sharing one buffer pool: adding their RSS would count the shared memory once per process, PSS counts it once.
	 */
	static OptionalLong treePssKib(long pid) {
		List<Long> pids = ProcessHandle.of(pid)
			.map(root -> Stream.concat(Stream.of(root), root.descendants()).map(ProcessHandle::pid).toList())
			.orElse(List.of());
		long total = 0;
		boolean found = false;
		for (long each : pids) {
			OptionalLong pss = field(Path.of("/proc", Long.toString(each), "smaps_rollup"), "Pss:");
			if (pss.isPresent()) {
				total += pss.getAsLong();
				found = true;
			}
		}
		return found ? OptionalLong.of(total) : OptionalLong.empty();
	}

	static int treeSize(long pid) {
		return ProcessHandle.of(pid).map(root -> 1 + (int) root.descendants().count()).orElse(0);
	}

	static String format(OptionalLong kib) {
		return kib.isPresent() ? format(kib.getAsLong()) : "n/a";
	}

	static String format(long kib) {
		return kib >= 1024 * 1024 ? String.format("%.2f GiB", kib / (1024.0 * 1024)) : (kib / 1024) + " MiB";
	}

	/** Reads {@code "<name>   12345 kB"} from a /proc file. */
	private static OptionalLong field(Path file, String name) {
		try (Stream<String> lines = Files.lines(file)) {
			return lines.filter(line -> line.startsWith(name))
				.findFirst()
				.map(line -> OptionalLong.of(Long.parseLong(line.substring(name.length()).replace("kB", "").strip())))
				.orElse(OptionalLong.empty());
		}
		catch (IOException | RuntimeException ex) {
			return OptionalLong.empty();
		}
	}

}
