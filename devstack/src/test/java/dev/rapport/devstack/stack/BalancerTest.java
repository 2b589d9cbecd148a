package dev.rapport.devstack.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BalancerTest {

	private final List<AutoCloseable> open = new ArrayList<>();

	@AfterEach
	void close() throws Exception {
		for (AutoCloseable closeable : open) {
			closeable.close();
		}
	}

	@Test
	void takesTurnsAndSkipsAnInstanceThatRefuses() throws IOException {
		int first = answering("one");
		int second = answering("two");
		int gone = freePort();
		Balancer balancer = balancer(List.of(first, gone, second));

		List<String> answers = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			answers.add(ask(balancer.port(), "hello"));
		}

		// Turns go one, (gone, so) two, two, two, one, one... each connection once round robin past a refusal.
		assertThat(answers).as("every connection answered").allMatch(answer -> answer.endsWith(":hello"));
		assertThat(answers).anyMatch(answer -> answer.startsWith("one")).anyMatch(answer -> answer.startsWith("two"));
		assertThat(balancer.counts()).isEqualTo("6 connections, 2 refused by an instance");
	}

	@Test
	void closesTheConnectionWhenNoInstanceAccepts() throws IOException {
		Balancer balancer = balancer(List.of(freePort()));

		try (Socket client = new Socket(Ports.HOST, balancer.port())) {
			client.setSoTimeout(5000);
			assertThat(client.getInputStream().read()).as("end of stream").isEqualTo(-1);
		}
	}

	private Balancer balancer(List<Integer> instances) throws IOException {
		Balancer balancer = Balancer.start("test", freePort(), instances);
		open.add(balancer);
		return balancer;
	}

	/** An instance that answers each connection's one line with its name and that line, then closes it. */
	private int answering(String name) throws IOException {
		ServerSocket server = new ServerSocket();
		server.bind(new InetSocketAddress(Ports.HOST, 0));
		open.add(server);
		Thread.ofVirtual().start(() -> {
			while (!server.isClosed()) {
				try (Socket connection = server.accept()) {
					String line = readLine(connection.getInputStream());
					connection.getOutputStream().write((name + ":" + line + "\n").getBytes(StandardCharsets.UTF_8));
				}
				catch (IOException ex) {
					// closed by the test
				}
			}
		});
		return server.getLocalPort();
	}

	private static String ask(int port, String line) throws IOException {
		try (Socket client = new Socket(Ports.HOST, port)) {
			client.setSoTimeout(5000);
			OutputStream out = client.getOutputStream();
			out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
			out.flush();
			return readLine(client.getInputStream());
		}
	}

	private static String readLine(InputStream in) throws IOException {
		StringBuilder line = new StringBuilder();
		int c;
		while ((c = in.read()) >= 0 && c != '\n') {
			line.append((char) c);
		}
		return line.toString();
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
