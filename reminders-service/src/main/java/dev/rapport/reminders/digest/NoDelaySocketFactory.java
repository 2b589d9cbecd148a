package dev.rapport.reminders.digest;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;

import javax.net.SocketFactory;

/**
 * Plain sockets with Nagle's algorithm off, for the SMTP connection. A mail's data goes out in several writes and ends
 * with a short {@code "\r\n.\r\n"}; with Nagle on, that last segment waits for the server's acknowledgement of the
 * previous one, which the server delays (40 ms on Linux) until it has something to say: every mail would cost that
 * wait. STARTTLS runs over the same socket, so it keeps the setting.
 */
final class NoDelaySocketFactory extends SocketFactory {

	private final SocketFactory plain = SocketFactory.getDefault();

	@Override
	public Socket createSocket() throws IOException {
		return noDelay(plain.createSocket());
	}

	@Override
	public Socket createSocket(String host, int port) throws IOException {
		return noDelay(plain.createSocket(host, port));
	}

	@Override
	public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
		return noDelay(plain.createSocket(host, port, localHost, localPort));
	}

	@Override
	public Socket createSocket(InetAddress host, int port) throws IOException {
		return noDelay(plain.createSocket(host, port));
	}

	@Override
	public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
			throws IOException {
		return noDelay(plain.createSocket(address, port, localAddress, localPort));
	}

	private static Socket noDelay(Socket socket) throws IOException {
		socket.setTcpNoDelay(true);
		return socket;
	}

}
