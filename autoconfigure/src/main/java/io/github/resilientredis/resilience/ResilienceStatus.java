package io.github.resilientredis.resilience;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What the resilience layer is doing right now, read by the health indicator, the
 * {@code /actuator/redis} endpoint and meters.
 */
public interface ResilienceStatus {

	/**
	 * Name of the circuit breaker.
	 * @return the breaker name
	 */
	String getCircuitBreakerName();

	/**
	 * Breaker state: CLOSED, OPEN, HALF_OPEN, DISABLED, FORCED_OPEN, METRICS_ONLY.
	 * @return the state name
	 */
	String getCircuitBreakerState();

	/**
	 * Every breaker of the command guard: the one breaker, then in a Redis Cluster one per
	 * master node, with the node's slots.
	 * @return the snapshots, empty when unknown
	 */
	default List<BreakerSnapshot> getBreakers() {
		return List.of();
	}

	/**
	 * Whether cache data is served from the local fallback.
	 * @return {@code true} while the fallback serves
	 */
	boolean isFallbackActive();

	/**
	 * Since when the fallback serves.
	 * @return the activation instant, or {@code null} when inactive
	 */
	@Nullable Instant getFallbackActiveSince();

	/**
	 * Entries in the local fallback store.
	 * @return the approximate entry count
	 */
	long getFallbackEntries();

	/**
	 * Keys and caches journaled for invalidation on recovery.
	 * @return the journal size
	 */
	int getJournalSize();

	/**
	 * Whether the journal overflowed (affected caches are cleared on recovery).
	 * @return {@code true} after an overflow in the current outage
	 */
	boolean isJournalOverflowed();

	/**
	 * Description of the last unavailability failure (no credentials).
	 * @return the last failure, or {@code null} when none
	 */
	@Nullable String getLastFailure();

	/**
	 * When the last unavailability failure happened.
	 * @return the instant, or {@code null} when none
	 */
	@Nullable Instant getLastFailureAt();

	/**
	 * Reads served by the fallback since start.
	 * @return the hit count
	 */
	long getFallbackHits();

	/**
	 * Reads the fallback could not answer since start.
	 * @return the miss count
	 */
	long getFallbackMisses();

	/**
	 * Journal replays done on recovery since start.
	 * @return the replay count
	 */
	long getJournalReplays();

}
