package dev.rapport.devstack.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import redis.embedded.core.ExecutableProvider;

/**
 * The gateways' Redis with {@code up --replicas}: the {@code redis-server} binary that embedded-redis carries (the one
 * the gateway's own tests run), started as a child process like the broker. Sessions and rate-limit counters only,
 * so it keeps nothing on disk: a devstack restart signs every browser out, as a restart of a single gateway does.
 */
final class Redis {

	private final Path dir;

	private final int port;

	Redis(Path dir, int port) {
		this.dir = dir;
		this.port = port;
	}

	/** Unpacks the binary for this machine into the data dir (each start: it may be another version) and runs it. */
	ChildProcess start(Path log) {
		Path binary;
		try {
			Files.createDirectories(dir);
			binary = ExecutableProvider.newJarResourceProvider(dir.toFile()).get().toPath();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not unpack redis-server into " + dir, ex);
		}
		return ChildProcess.start("redis", List.of(binary.toString(), "--bind", Ports.HOST, "--port",
				Integer.toString(port), "--save", "", "--appendonly", "no", "--dir", dir.toString()), Map.of(), log);
	}

	/** Waits until it answers PING, failing as soon as the process exits. */
	void awaitReady(ChildProcess redis, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (!answersPing()) {
			if (!redis.isAlive()) {
				throw new ChildExitedException(redis);
			}
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("Redis not ready after " + timeout.toSeconds() + " s (see "
						+ redis.log() + ")");
			}
			try {
				Thread.sleep(Up.POLL_INTERVAL);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted while waiting for Redis", ex);
			}
		}
	}

	private boolean answersPing() {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(Ports.HOST, port), 1000);
			socket.setSoTimeout(1000);
			socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
			InputStream in = socket.getInputStream();
			byte[] answer = in.readNBytes(5);
			return new String(answer, StandardCharsets.US_ASCII).equals("+PONG");
		}
		catch (IOException ex) {
			return false;
		}
	}

}
