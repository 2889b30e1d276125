package io.github.resilientredis.test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Finds the connections a test opened on a {@link RedisServer} and left open: it remembers
 * the server's connections when created and, on {@link #assertNoLeaks()}, waits for the
 * ones opened since to close (Lettuce closes them asynchronously) and fails naming those
 * still open. Leaked connections are the usual cause of
 * {@code ERR max number of clients reached} in a long test run.
 *
 * <pre class="code">
 * ConnectionLeakCheck leaks = server.connectionLeakCheck();
 * // ... open and close clients ...
 * leaks.assertNoLeaks();
 * </pre>
 *
 * The fixture's own admin connection never counts. When the server was restarted in
 * between (its connection ids start again), connections are compared per client name.
 */
public final class ConnectionLeakCheck {

	/**
	 * How long {@link #assertNoLeaks()} waits for connections to close.
	 */
	public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(3);

	private static final long POLL_MILLIS = 50;

	private final RedisServer server;

	private final String runId;

	private final List<ConnectedClient> before;

	ConnectionLeakCheck(RedisServer server) {
		this.server = server;
		this.runId = server.runId();
		this.before = server.connectedClients();
	}

	/**
	 * The connections opened since this check was created that are open now, without
	 * waiting.
	 * @return the open connections the server did not have at the start
	 */
	public List<ConnectedClient> leaked() {
		List<ConnectedClient> now = this.server.connectedClients();
		if (this.runId.equals(this.server.runId())) {
			Set<Long> known = this.before.stream().map(ConnectedClient::id).collect(Collectors.toSet());
			return now.stream().filter((client) -> !known.contains(client.id())).toList();
		}
		return beyondCountsPerName(now);
	}

	// ids restart with the server: a connection that reconnected after a restart is not new
	private List<ConnectedClient> beyondCountsPerName(List<ConnectedClient> now) {
		Map<String, Integer> allowed = new HashMap<>();
		this.before.forEach((client) -> allowed.merge(client.name(), 1, Integer::sum));
		List<ConnectedClient> leaked = new ArrayList<>();
		for (ConnectedClient client : now) {
			int left = allowed.getOrDefault(client.name(), 0);
			if (left > 0) {
				allowed.put(client.name(), left - 1);
			}
			else {
				leaked.add(client);
			}
		}
		return leaked;
	}

	/**
	 * Wait up to {@link #DEFAULT_TIMEOUT} for the connections opened since this check was
	 * created to close, and fail naming those still open.
	 * @throws AssertionError when connections stay open
	 */
	public void assertNoLeaks() {
		assertNoLeaks(DEFAULT_TIMEOUT);
	}

	/**
	 * Wait up to {@code timeout} for the connections opened since this check was created to
	 * close, and fail naming those still open.
	 * @param timeout how long to wait for asynchronous closes
	 * @throws AssertionError when connections stay open
	 */
	public void assertNoLeaks(Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		List<ConnectedClient> leaked = leaked();
		while (!leaked.isEmpty() && System.nanoTime() < deadline) {
			LocalProcesses.pause(POLL_MILLIS, "connections to close");
			leaked = leaked();
		}
		if (!leaked.isEmpty()) {
			throw new AssertionError(message(leaked, timeout));
		}
	}

	private String message(List<ConnectedClient> leaked, Duration timeout) {
		List<String> names = leaked.stream().map(ConnectedClient::displayName).distinct().toList();
		List<String> addresses = leaked.stream().map(ConnectedClient::address).toList();
		return "This test left " + leaked.size() + ((leaked.size() == 1) ? " connection" : " connections")
				+ " open on the server, held by client names " + names + " (addresses " + addresses
				+ "), still open " + timeout.toMillis() + " ms after the test: close every client and connection "
				+ "the test opens (e.g. RedisClient.shutdown() or StatefulConnection.close() in @AfterEach). "
				+ "Leaked connections are the usual cause of 'ERR max number of clients reached'.";
	}

}
