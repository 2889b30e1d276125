package io.github.resilientredis.resilience;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What the resilience layer is doing right now, read by the health indicator, the
 * {@code /actuator/redis} endpoint and meters.
 */
public interface ResilienceStatus {

	/** The name of the circuit breaker. */
	String getCircuitBreakerName();

	/** The breaker state: CLOSED, OPEN, HALF_OPEN, DISABLED, FORCED_OPEN, METRICS_ONLY. */
	String getCircuitBreakerState();

	/**
	 * Every breaker of the command guard: the one breaker, then in a Redis Cluster one per
	 * master node, with the node's slots; empty when unknown.
	 */
	default List<BreakerSnapshot> getBreakers() {
		return List.of();
	}

	/** Whether cache data is served from the local fallback. */
	boolean isFallbackActive();

	/** Since when the fallback serves, or {@code null} when inactive. */
	@Nullable Instant getFallbackActiveSince();

	/** The approximate number of entries in the local fallback store. */
	long getFallbackEntries();

	/** The number of keys and caches journaled for invalidation on recovery. */
	int getJournalSize();

	/** Whether the journal overflowed in the current outage (affected caches are cleared on recovery). */
	boolean isJournalOverflowed();

	/** The last unavailability failure (no credentials), or {@code null} when none. */
	@Nullable String getLastFailure();

	/** When the last unavailability failure happened, or {@code null} when none. */
	@Nullable Instant getLastFailureAt();

	/** Reads served by the fallback since start. */
	long getFallbackHits();

	/** Reads the fallback could not answer since start. */
	long getFallbackMisses();

	/** Journal replays done on recovery since start. */
	long getJournalReplays();

}
