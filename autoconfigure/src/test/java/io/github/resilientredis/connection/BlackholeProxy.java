package io.github.resilientredis.connection;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy on a loopback port that forwards bytes between each client and a target
 * server, and can drop its existing connections <em>silently</em>, as a firewall or load
 * balancer does when its idle timeout expires: {@link #blackholeExisting()} makes every
 * existing connection pair swallow the bytes either side sends, without closing anything
 * (no FIN, no RST), while connections accepted afterwards forward normally.
 */
public final class BlackholeProxy implements AutoCloseable {

	private final ServerSocket server;

	private final InetSocketAddress target;

	private final List<Pair> pairs = new CopyOnWriteArrayList<>();

	private BlackholeProxy(InetSocketAddress target) throws IOException {
		this.target = target;
		this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		daemon("blackhole-proxy-accept", this::accept);
	}

	/**
	 * Start a proxy to {@code host:port} on a free loopback port.
	 * @param host the target host
	 * @param port the target port
	 * @return the running proxy
	 * @throws IOException if the listening socket cannot be opened
	 */
	public static BlackholeProxy start(String host, int port) throws IOException {
		return new BlackholeProxy(new InetSocketAddress(host, port));
	}

	/**
	 * The port clients connect to.
	 * @return the listening port
	 */
	public int port() {
		return this.server.getLocalPort();
	}

	/**
	 * Make every connection accepted so far swallow all bytes in both directions, keeping
	 * both sockets open. Connections accepted later are not affected.
	 */
	public void blackholeExisting() {
		this.pairs.forEach((pair) -> pair.blackholed = true);
	}

	private void accept() {
		while (!this.server.isClosed()) {
			try {
				Socket client = this.server.accept();
				Socket upstream = new Socket();
				upstream.connect(this.target, 2000);
				Pair pair = new Pair(client, upstream);
				this.pairs.add(pair);
				pump(pair, client, upstream);
				pump(pair, upstream, client);
			}
			catch (IOException ex) {
				// closed, or the target refused: the client sees its connection closed
			}
		}
	}

	private static void pump(Pair pair, Socket from, Socket to) {
		daemon("blackhole-proxy-pump", () -> {
			byte[] buffer = new byte[8192];
			try (InputStream in = from.getInputStream()) {
				OutputStream out = to.getOutputStream();
				for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
					if (!pair.blackholed) {
						out.write(buffer, 0, read);
						out.flush();
					}
				}
			}
			catch (IOException ex) {
				// the pair is being closed
			}
			if (!pair.blackholed) {
				pair.close();
			}
		});
	}

	private static Thread daemon(String name, Runnable task) {
		Thread thread = new Thread(task, name);
		thread.setDaemon(true);
		thread.start();
		return thread;
	}

	@Override
	public void close() throws IOException {
		this.server.close();
		this.pairs.forEach(Pair::close);
	}

	private static final class Pair {

		private final Socket client;

		private final Socket upstream;

		private volatile boolean blackholed;

		Pair(Socket client, Socket upstream) {
			this.client = client;
			this.upstream = upstream;
		}

		void close() {
			closeQuietly(this.client);
			closeQuietly(this.upstream);
		}

		private static void closeQuietly(Socket socket) {
			try {
				socket.close();
			}
			catch (IOException ex) {
				// already closed
			}
		}

	}

}
