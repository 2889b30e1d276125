package io.github.resilientredis.monitor;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.github.resilientredis.diagnostics.Redaction;
import org.jspecify.annotations.Nullable;

import io.github.resilientredis.connection.ConnectionPoolStatistics;
import io.github.resilientredis.resilience.BreakerSnapshot;
import io.github.resilientredis.resilience.ResilienceStatus;

/**
 * One view over every monitoring part (every node of the topology, pool, reconnect tracker,
 * resilience status, event history, leak detector, resetter), rendering the sections
 * shared by the health indicator and the {@code redis} endpoint. Parts that are not
 * present are left out.
 */
public class RedisMonitor {

	private final OutOfBandConnection connection;

	private final boolean showingOtherClients;

	private final EventHistory history;

	private final Supplier<@Nullable ConnectionPoolStatistics> pool;

	private final Supplier<@Nullable ResilienceStatus> resilience;

	private final @Nullable ReconnectTracker tracker;

	private final @Nullable LeakDetector leakDetector;

	private final @Nullable ConnectionResetter resetter;

	private final TopologyMonitor topology;

	public RedisMonitor(OutOfBandConnection connection, TopologyMonitor topology, boolean showingOtherClients,
			EventHistory history, Supplier<@Nullable ConnectionPoolStatistics> pool,
			Supplier<@Nullable ResilienceStatus> resilience, @Nullable ReconnectTracker tracker,
			@Nullable LeakDetector leakDetector, @Nullable ConnectionResetter resetter) {
		this.connection = connection;
		this.topology = topology;
		this.showingOtherClients = showingOtherClients;
		this.history = history;
		this.pool = pool;
		this.resilience = resilience;
		this.tracker = tracker;
		this.leakDetector = leakDetector;
		this.resetter = resetter;
	}

	public OutOfBandConnection getConnection() {
		return this.connection;
	}

	/**
	 * Whether samples keep other applications' addresses, ages and last commands.
	 * @return {@code true} when {@code redis.monitor.show-other-clients} is on
	 */
	public boolean isShowingOtherClients() {
		return this.showingOtherClients;
	}

	/**
	 * The server figures of the latest topology sample if it is younger than
	 * {@code maxAge}, otherwise of a new one (see {@link TopologySnapshot#server()}).
	 * @param maxAge the age up to which the last sample is served
	 * @param budget the deadline of a new sample
	 * @return the figures (never throws)
	 */
	public ServerClients getServer(Duration maxAge, Duration budget) {
		return this.topology.getSnapshot(maxAge, budget).server();
	}

	/**
	 * Every node of the topology, with its clients and slow commands.
	 * @return the topology monitor
	 */
	public TopologyMonitor getTopology() {
		return this.topology;
	}

	public EventHistory getHistory() {
		return this.history;
	}

	public @Nullable ConnectionPoolStatistics getPoolStatistics() {
		return this.pool.get();
	}

	public @Nullable ResilienceStatus getResilienceStatus() {
		return this.resilience.get();
	}

	public @Nullable ReconnectTracker getTracker() {
		return this.tracker;
	}

	public @Nullable LeakDetector getLeakDetector() {
		return this.leakDetector;
	}

	public @Nullable ConnectionResetter getResetter() {
		return this.resetter;
	}

	/**
	 * Server figures of a sample: version, mode, client counts, utilization.
	 * @param sample the sample
	 * @return the section
	 */
	public Map<String, Object> server(ServerClients sample) {
		Map<String, Object> section = new LinkedHashMap<>();
		put(section, "sampledAt", sample.sampledAt());
		put(section, "version", sample.version());
		put(section, "mode", sample.mode());
		put(section, "connectedClients", sample.connectedClients());
		put(section, "maxClients", sample.maxClients());
		put(section, "utilizationPercent", sample.utilizationPercent());
		put(section, "utilizationLevel", sample.level());
		put(section, "blockedClients", sample.blockedClients());
		put(section, "rejectedConnections", sample.rejectedConnections());
		put(section, "ownConnections", sample.ownConnections());
		put(section, "otherConnections", sample.otherConnections());
		put(section, "foreignClientsDominant", sample.foreignClientsDominant());
		if (!sample.unavailable().isEmpty()) {
			section.put("unavailable", sample.unavailable());
		}
		return section;
	}

	/**
	 * Pool figures and leak suspects.
	 * @param full whether to include created/destroyed totals and suspects
	 * @return the section
	 */
	public Map<String, Object> pool(boolean full) {
		Map<String, Object> section = new LinkedHashMap<>();
		ConnectionPoolStatistics statistics = this.pool.get();
		if (statistics == null) {
			section.put("available", false);
			return section;
		}
		section.put("pooled", statistics.isPooled());
		section.put("active", statistics.getActive());
		section.put("idle", statistics.getIdle());
		section.put("waiting", statistics.getWaiting());
		section.put("max", statistics.getMaxActive());
		if (full) {
			section.put("created", statistics.getCreated());
			section.put("destroyed", statistics.getDestroyed());
			if (this.leakDetector != null) {
				section.put("leakDetectionThreshold", this.leakDetector.getThreshold());
				section.put("leakSuspectsTotal", this.leakDetector.getSuspectsTotal());
				section.put("leakSuspects", this.leakDetector.getSuspects()
					.stream()
					.map((borrow) -> Map.of("connection", borrow.connection(), "heldFor", borrow.heldFor()))
					.toList());
			}
		}
		return section;
	}

	/**
	 * Reconnect attempts, stuck state and resets.
	 * @return the section
	 */
	public Map<String, Object> retries() {
		Map<String, Object> section = new LinkedHashMap<>();
		if (this.tracker != null) {
			section.put("reconnectAttempts", this.tracker.getCurrentAttempts());
			section.put("totalReconnectAttempts", this.tracker.getTotalAttempts());
			section.put("stuck", this.tracker.isStuck());
			section.put("successfulReconnections", this.tracker.getSuccessfulReconnections());
			put(section, "averageRecoveryTime", this.tracker.getAverageRecoveryTime());
			section.put("autoReset", this.tracker.isAutoResetEnabled());
			section.put("autoResets", this.tracker.getAutoResets());
			section.put("endpoints", this.tracker.getEndpoints());
		}
		if (this.resetter != null) {
			section.put("resets", this.resetter.getResets());
			put(section, "lastReset", this.resetter.getLastReset());
			put(section, "lastResetReason", this.resetter.getLastReason());
		}
		return section;
	}

	/**
	 * Circuit breaker, fallback and journal state.
	 * @return the section, empty when there is no resilience layer
	 */
	public Map<String, Object> resilience() {
		Map<String, Object> section = new LinkedHashMap<>();
		ResilienceStatus status = this.resilience.get();
		if (status == null) {
			return section;
		}
		section.put("circuitBreaker",
				Map.of("name", status.getCircuitBreakerName(), "state", status.getCircuitBreakerState()));
		List<BreakerSnapshot> breakers = status.getBreakers();
		if (breakers.size() > 1) {
			// Redis Cluster: one breaker per master, with its node and slots
			section.put("breakers", breakers);
		}
		Map<String, Object> fallback = new LinkedHashMap<>();
		fallback.put("active", status.isFallbackActive());
		put(fallback, "activeSince", status.getFallbackActiveSince());
		fallback.put("entries", status.getFallbackEntries());
		fallback.put("hits", status.getFallbackHits());
		fallback.put("misses", status.getFallbackMisses());
		section.put("fallback", fallback);
		section.put("journal", Map.of("size", status.getJournalSize(), "overflowed", status.isJournalOverflowed(),
				"replays", status.getJournalReplays()));
		put(section, "lastFailure", Redaction.redact(status.getLastFailure()));
		put(section, "lastFailureAt", status.getLastFailureAt());
		return section;
	}

	/**
	 * The event history.
	 * @param limit maximum number of (newest) events
	 * @return the section
	 */
	public Map<String, Object> events(int limit) {
		List<RedisEvent> events = this.history.getEvents();
		Map<String, Object> section = new LinkedHashMap<>();
		section.put("capacity", this.history.getCapacity());
		section.put("count", events.size());
		section.put("events", events.subList(Math.max(0, events.size() - limit), events.size()));
		return section;
	}

	static void put(Map<String, Object> map, String key, @Nullable Object value) {
		if (value != null) {
			map.put(key, value);
		}
	}

}
