package io.github.resilientredis.fallback;

import java.time.Duration;

/**
 * Told about fallback and recovery transitions, for event history and logs. Breaker
 * transitions are published by Resilience4j's own event publisher.
 */
public interface ResilienceListener {

	/**
	 * The local fallback started serving.
	 * @param cause why Redis is considered unavailable (no credentials)
	 */
	default void fallbackActivated(String cause) {
	}

	/**
	 * The journal was replayed against Redis and the fallback stopped serving.
	 * @param invalidatedKeys keys deleted on Redis
	 * @param clearedCaches caches cleared on Redis
	 * @param outage how long the fallback served
	 */
	default void fallbackDeactivated(int invalidatedKeys, int clearedCaches, Duration outage) {
	}

	/**
	 * A journal replay failed; the fallback keeps serving.
	 * @param cause the failure (no credentials)
	 */
	default void journalReplayFailed(String cause) {
	}

}
