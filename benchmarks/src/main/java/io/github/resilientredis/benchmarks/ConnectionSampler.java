package io.github.resilientredis.benchmarks;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;

import io.github.resilientredis.test.RedisServer;

/**
 * Samples the number of client connections a fixture server sees (CLIENT LIST without the fixture's
 * admin connection) and keeps the maximum. Sampling is suspended while the server is down or frozen,
 * because an admin command to a SIGSTOPped server would hang.
 */
final class ConnectionSampler implements AutoCloseable {

	private final RedisServer server;

	private final ReentrantLock lock = new ReentrantLock();

	private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "connection-sampler");
		thread.setDaemon(true);
		return thread;
	});

	private boolean available = true;

	private int max;

	private int last;

	private String maxNames = "";

	ConnectionSampler(RedisServer server, long periodMillis) {
		this.server = server;
		this.executor.scheduleWithFixedDelay(this::sample, 0, periodMillis, TimeUnit.MILLISECONDS);
	}

	/**
	 * Stop sampling before the server is killed or frozen; waits for a sample in flight.
	 */
	void suspend() {
		this.lock.lock();
		try {
			this.available = false;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Sample again once the server answers.
	 */
	void resume() {
		this.lock.lock();
		try {
			this.available = true;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * The highest number of connections seen so far.
	 * @return the maximum
	 */
	int max() {
		this.lock.lock();
		try {
			return this.max;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * The number of connections at the last sample.
	 * @return the last count
	 */
	int last() {
		this.lock.lock();
		try {
			return this.last;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * The client names at the latest sample that reached the maximum (a connection still in its handshake
	 * has no name yet), e.g. {@code "app x2, (unnamed) x1"}.
	 * @return the names with counts
	 */
	String maxNames() {
		this.lock.lock();
		try {
			return this.maxNames;
		}
		finally {
			this.lock.unlock();
		}
	}

	private static String names(List<Map<String, String>> clients) {
		Map<String, Long> counts = clients.stream()
			.map((client) -> client.getOrDefault("name", ""))
			.map((name) -> name.isEmpty() ? "(unnamed)" : name)
			.collect(Collectors.groupingBy((name) -> name, TreeMap::new, Collectors.counting()));
		return counts.entrySet()
			.stream()
			.map((entry) -> entry.getKey() + " x" + entry.getValue())
			.collect(Collectors.joining(", "));
	}

	private void sample() {
		this.lock.lock();
		try {
			if (this.available) {
				List<Map<String, String>> clients = this.server.clients();
				this.last = clients.size();
				if (this.last >= this.max) {
					this.max = this.last;
					this.maxNames = names(clients);
				}
			}
		}
		catch (RuntimeException ex) {
			// the server is restarting; the next sample will tell
		}
		finally {
			this.lock.unlock();
		}
	}

	@Override
	public void close() {
		this.executor.shutdownNow();
		try {
			this.executor.awaitTermination(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
