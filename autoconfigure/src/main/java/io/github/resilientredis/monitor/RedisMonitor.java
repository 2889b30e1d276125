package io.github.resilientredis.monitor;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.github.resilientredis.diagnostics.Redaction;
import org.jspecify.annotations.Nullable;

import io.github.resilientredis.connection.ConnectionPoolStatistics;
import io.github.resilientredis.resilience.BreakerSnapshot;
import io.github.resilientredis.resilience.ResilienceStatus;

/**
 * One view over every monitoring part (every node of the topology, pool, reconnect tracker,
 * resilience status, event history, leak detector, resetter), rendering the typed sections
 * shared by the health indicator and the {@code redis} endpoint. Parts that are not
 * present are {@code null} in a section and left out of its JSON.
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

	/** Whether samples keep other applications' addresses, ages and last commands. */
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

	/** Every node of the topology, with its clients and slow commands. */
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

	/** Pool figures; with created/destroyed totals and leak suspects when {@code full}. */
	public PoolSection pool(boolean full) {
		ConnectionPoolStatistics statistics = this.pool.get();
		if (statistics == null) {
			return PoolSection.UNAVAILABLE;
		}
		LeakDetector leaks = full ? this.leakDetector : null;
		return new PoolSection(null, statistics.isPooled(), statistics.getActive(), statistics.getIdle(),
				statistics.getWaiting(), statistics.getMaxActive(), full ? statistics.getCreated() : null,
				full ? statistics.getDestroyed() : null, (leaks != null) ? leaks.getThreshold() : null,
				(leaks != null) ? leaks.getSuspectsTotal() : null,
				(leaks != null) ? leaks.getSuspects().stream().map(LeakSuspect::of).toList() : null);
	}

	/** Reconnect attempts, stuck state and resets, without the figures of a missing part. */
	public RetriesSection retries() {
		ReconnectTracker tracker = this.tracker;
		ConnectionResetter resetter = this.resetter;
		return new RetriesSection((tracker != null) ? tracker.getCurrentAttempts() : null,
				(tracker != null) ? tracker.getTotalAttempts() : null, (tracker != null) ? tracker.isStuck() : null,
				(tracker != null) ? tracker.getSuccessfulReconnections() : null,
				(tracker != null) ? tracker.getAverageRecoveryTime() : null,
				(tracker != null) ? tracker.isAutoResetEnabled() : null,
				(tracker != null) ? tracker.getAutoResets() : null, (tracker != null) ? tracker.getEndpoints() : null,
				(resetter != null) ? resetter.getResets() : null, (resetter != null) ? resetter.getLastReset() : null,
				(resetter != null) ? resetter.getLastReason() : null);
	}

	/** Circuit breaker, fallback and journal state, {@code null} without a resilience layer. */
	public @Nullable ResilienceSection resilience() {
		ResilienceStatus status = this.resilience.get();
		if (status == null) {
			return null;
		}
		List<BreakerSnapshot> breakers = status.getBreakers();
		return new ResilienceSection(
				new CircuitBreaker(status.getCircuitBreakerName(), status.getCircuitBreakerState()),
				// Redis Cluster: one breaker per master, with its node and slots
				(breakers.size() > 1) ? breakers : null,
				new FallbackSection(status.isFallbackActive(), status.getFallbackActiveSince(),
						status.getFallbackEntries(), status.getFallbackHits(), status.getFallbackMisses()),
				new JournalSection(status.getJournalSize(), status.isJournalOverflowed(), status.getJournalReplays()),
				Redaction.redact(status.getLastFailure()), status.getLastFailureAt());
	}

	/** The newest {@code limit} events of the history. */
	public EventsSection events(int limit) {
		List<RedisEvent> events = this.history.getEvents();
		return new EventsSection(this.history.getCapacity(), events.size(),
				events.subList(Math.max(0, events.size() - limit), events.size()));
	}

	/**
	 * Figures of the {@link ConnectionPoolStatistics} and the {@link LeakDetector};
	 * {@code available} is present (and {@code false}) only when the factory has no pool
	 * statistics, the totals and leak figures only in the full section.
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record PoolSection(@Nullable Boolean available, @Nullable Boolean pooled, @Nullable Integer active,
			@Nullable Integer idle, @Nullable Integer waiting, @Nullable Integer max, @Nullable Long created,
			@Nullable Long destroyed, @Nullable Duration leakDetectionThreshold, @Nullable Long leakSuspectsTotal,
			@Nullable List<LeakSuspect> leakSuspects) {

		static final PoolSection UNAVAILABLE = new PoolSection(false, null, null, null, null, null, null, null, null,
				null, null);

	}

	/** A borrow held longer than the leak detection threshold. */
	public record LeakSuspect(String connection, Duration heldFor) {

		static LeakSuspect of(ConnectionPoolStatistics.Borrow borrow) {
			return new LeakSuspect(borrow.connection(), borrow.heldFor());
		}

	}

	/**
	 * The figures of the {@link ReconnectTracker} (absent without one) and of the
	 * {@link ConnectionResetter} (absent without one), in the order of {@link #retries()}.
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record RetriesSection(@Nullable Integer reconnectAttempts, @Nullable Long totalReconnectAttempts,
			@Nullable Boolean stuck, @Nullable Long successfulReconnections, @Nullable Duration averageRecoveryTime,
			@Nullable Boolean autoReset, @Nullable Long autoResets,
			@Nullable List<ReconnectTracker.EndpointStatus> endpoints, @Nullable Long resets,
			@Nullable Instant lastReset, @Nullable String lastResetReason) {
	}

	/**
	 * Circuit breaker, fallback and journal state: {@code breakers} only in a Redis
	 * Cluster (one per master), {@code lastFailure} redacted.
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record ResilienceSection(CircuitBreaker circuitBreaker, @Nullable List<BreakerSnapshot> breakers,
			FallbackSection fallback, JournalSection journal, @Nullable String lastFailure,
			@Nullable Instant lastFailureAt) {
	}

	/** A circuit breaker's name and state. */
	public record CircuitBreaker(String name, String state) {
	}

	/** The local fallback: whether and since when it serves, entries held, reads answered and not. */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record FallbackSection(boolean active, @Nullable Instant activeSince, long entries, long hits,
			long misses) {
	}

	/** The outage journal: keys journaled, whether keys were dropped, replays so far. */
	public record JournalSection(int size, boolean overflowed, long replays) {
	}

	/** The newest {@code events}, oldest first, of the {@code count} kept ({@code capacity} at most). */
	public record EventsSection(int capacity, int count, List<RedisEvent> events) {
	}

}
