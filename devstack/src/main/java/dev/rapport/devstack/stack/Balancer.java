package dev.rapport.devstack.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A round-robin TCP balancer in front of an application's instances ({@code up --replicas}), in devstack's own JVM:
 * each connection goes to the next instance, and to the one after it when that one refuses (killed, restarting). It
 * stands for what a deployment has in the same place, a Kubernetes Service or compose's DNS, which also balance
 * connections rather than requests, so every application keeps its one address per service (CONTACTS_URI,
 * RAPPORT_JWT_JWKS_URI) and the gateway's routing is the same as in a deployment. Like them it does not look inside:
 * a connection that was open to an instance when it died closes, and what was in flight on it fails (the gateway
 * retries a read on a new connection, which reaches a live instance; a write it never resends).
 * <p>
 * Why not Spring Cloud Gateway's own load balancer ({@code lb://} routes over static instances): it needs
 * spring-cloud-loadbalancer and routes of another form in devstack than in a deployment, it picks instances per
 * request without knowing which are up (a killed instance keeps getting its share until a health check, which would
 * poll each instance's management port), and each failure it sends to counts in the service's circuit breaker, which
 * opens for all instances at half of the calls failing: two instances, one killed.
 */
final class Balancer implements AutoCloseable {

	/** A dead instance on this machine refuses at once; a live one accepts at once. */
	private static final int CONNECT_TIMEOUT_MS = 1000;

	private static final int BUFFER = 16 * 1024;

	private final String name;

	private final ServerSocket server;

	private final List<InetSocketAddress> instances;

	private final AtomicInteger next = new AtomicInteger();

	private final AtomicLong connections = new AtomicLong();

	private final AtomicLong refused = new AtomicLong();

	private final Set<Socket> open = ConcurrentHashMap.newKeySet();

	private Balancer(String name, ServerSocket server, List<InetSocketAddress> instances) {
		this.name = name;
		this.server = server;
		this.instances = instances;
	}

	/** Listens on {@code port} at once (connections wait in the backlog until an instance is up) and serves them. */
	static Balancer start(String name, int port, List<Integer> instancePorts) {
		try {
			ServerSocket server = new ServerSocket();
			server.setReuseAddress(true);
			server.bind(new InetSocketAddress(Ports.HOST, port), 512);
			Balancer balancer = new Balancer(name, server,
					instancePorts.stream().map(instance -> new InetSocketAddress(Ports.HOST, instance)).toList());
			Thread.ofPlatform().name("balancer-" + name).daemon().start(balancer::accept);
			return balancer;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("The balancer of " + name + " could not listen on " + port, ex);
		}
	}

	String name() {
		return name;
	}

	int port() {
		return server.getLocalPort();
	}

	List<Integer> instancePorts() {
		return instances.stream().map(InetSocketAddress::getPort).toList();
	}

	/** Connections taken so far, and connection attempts an instance refused (each then went to the next one). */
	String counts() {
		return connections.get() + " connections, " + refused.get() + " refused by an instance";
	}

	private void accept() {
		while (!server.isClosed()) {
			try {
				Socket client = server.accept();
				connections.incrementAndGet();
				// A virtual thread per direction: blocking copies read simply and cost no platform thread each.
				Thread.ofVirtual().name("balancer-" + name + "-connection").start(() -> serve(client));
			}
			catch (IOException ex) {
				// Closed by close(), or one accept failed: the loop's condition tells which.
			}
		}
	}

	private void serve(Socket client) {
		open.add(client);
		Socket instance = connect();
		if (instance == null) {
			// Every instance refused: the client sees its connection closed, as with no listener at all.
			close(client, null);
			return;
		}
		open.add(instance);
		try {
			client.setTcpNoDelay(true);
			Thread upstream = Thread.ofVirtual().start(() -> copy(client, instance));
			copy(instance, client);
			upstream.join();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (SocketException ex) {
			// Closed meanwhile.
		}
		finally {
			close(client, instance);
		}
	}

	/** The next instance that accepts, trying each once from the one whose turn it is; null if none does. */
	private Socket connect() {
		int first = Math.floorMod(next.getAndIncrement(), instances.size());
		for (int i = 0; i < instances.size(); i++) {
			Socket socket = new Socket();
			try {
				socket.setTcpNoDelay(true);
				socket.connect(instances.get((first + i) % instances.size()), CONNECT_TIMEOUT_MS);
				return socket;
			}
			catch (IOException ex) {
				refused.incrementAndGet();
				closeQuietly(socket);
			}
		}
		return null;
	}

	/**
	 * Copies one direction until it ends; then both sockets close, so the other direction ends too: an HTTP peer that
	 * closes its side is done with the connection, and a client must learn at once that its instance died.
	 */
	private void copy(Socket from, Socket to) {
		byte[] buffer = new byte[BUFFER];
		try {
			InputStream in = from.getInputStream();
			OutputStream out = to.getOutputStream();
			int read;
			while ((read = in.read(buffer)) >= 0) {
				out.write(buffer, 0, read);
				out.flush();
			}
		}
		catch (IOException ex) {
			// Reset or closed: the connection is over.
		}
		finally {
			close(from, to);
		}
	}

	private void close(Socket client, Socket instance) {
		for (Socket socket : new Socket[] { client, instance }) {
			if (socket != null) {
				open.remove(socket);
				closeQuietly(socket);
			}
		}
	}

	private static void closeQuietly(Socket socket) {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// Already gone.
		}
	}

	/** Stops listening and closes every connection it holds. */
	@Override
	public void close() {
		try {
			server.close();
		}
		catch (IOException ex) {
			// Not listening any more either way.
		}
		open.forEach(Balancer::closeQuietly);
		open.clear();
	}

}
