package dev.rapport.gateway.ratelimit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

import org.testcontainers.containers.GenericContainer;
import redis.embedded.RedisServer;

import dev.rapport.platform.test.TestInfrastructure;

/**
 * A real Redis server for the shared rate limiter's tests: a Testcontainers {@code redis} where a Docker engine
 * runs, else the {@code redis-server} binary that embedded-redis brings from Maven Central, on a free loopback
 * port. It can be taken away and brought back, to see the gateway through an outage.
 */
public final class TestRedis implements AutoCloseable {

	private final RedisServer embedded;

	private final GenericContainer<?> container;

	private TestRedis(RedisServer embedded, GenericContainer<?> container) {
		this.embedded = embedded;
		this.container = container;
	}

	public static TestRedis start() {
		if (TestInfrastructure.containers()) {
			GenericContainer<?> container = new GenericContainer<>("redis:7-alpine").withExposedPorts(6379);
			container.start();
			return new TestRedis(null, container);
		}
		try {
			RedisServer server = RedisServer.newRedisServer()
				.bind("127.0.0.1")
				.port(freePort())
				.setting("save \"\"")
				.setting("appendonly no")
				.build();
			server.start();
			return new TestRedis(server, null);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	public String url() {
		return embedded != null ? "redis://127.0.0.1:" + embedded.ports().getFirst()
				: "redis://" + container.getHost() + ":" + container.getMappedPort(6379);
	}

	/** Redis stops answering: the embedded server stops, the container pauses (so its port stays the same). */
	public void takeAway() {
		try {
			if (embedded != null) {
				embedded.stop();
			}
			else {
				container.getDockerClient().pauseContainerCmd(container.getContainerId()).exec();
			}
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** Redis answers again, on the same address. */
	public void bringBack() {
		try {
			if (embedded != null) {
				embedded.start();
			}
			else {
				container.getDockerClient().unpauseContainerCmd(container.getContainerId()).exec();
			}
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	@Override
	public void close() {
		try {
			if (embedded != null) {
				embedded.stop();
			}
			else {
				container.stop();
			}
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
