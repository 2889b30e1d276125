package io.github.resilientredis.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the fixture's local {@code redis-server} processes (servers and sentinels) share: free
 * ports on 127.0.0.1, a reaper that kills them when the JVM exits, log reading and polling.
 */
final class LocalProcesses {

	/** The address every local process binds to (never the machine's shared 6379 Redis). */
	static final String HOST = "127.0.0.1";

	private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

	static {
		// a test JVM killed or ending without close() must not leave redis-server processes behind
		Runtime.getRuntime()
			.addShutdownHook(new Thread(() -> LIVE.forEach(Process::destroyForcibly), "redis-fixture-reaper"));
	}

	private LocalProcesses() {
	}

	/** Kill {@code process} when the JVM exits, unless {@link #forget} is called first. */
	static void reapOnExit(Process process) {
		LIVE.add(process);
	}

	/** The process has exited: nothing to reap. */
	static void forget(Process process) {
		LIVE.remove(process);
	}

	/**
	 * Ports free on {@link #HOST} right now, all different (they are held open together
	 * while chosen). Another process may take one before it is bound, so callers retry on
	 * "Address already in use".
	 */
	static int[] freePorts(int count) {
		List<ServerSocket> sockets = new ArrayList<>();
		try {
			int[] ports = new int[count];
			for (int i = 0; i < count; i++) {
				ServerSocket socket = new ServerSocket();
				sockets.add(socket);
				socket.bind(new InetSocketAddress(InetAddress.getByName(HOST), 0));
				ports[i] = socket.getLocalPort();
			}
			return ports;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			for (ServerSocket socket : sockets) {
				try {
					socket.close();
				}
				catch (IOException ex) {
					// ignore: the port is released either way
				}
			}
		}
	}

	/** The text of a log file, empty while it does not exist or cannot be read. */
	static String read(Path file) {
		try {
			return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
		}
		catch (IOException ex) {
			return "";
		}
	}

	/**
	 * Sleep between two polls of a condition; an interrupt ends the wait with an
	 * exception naming what was awaited (and keeps the interrupt flag).
	 */
	static void pause(long millis, String waitingFor) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for " + waitingFor, ex);
		}
	}

}
