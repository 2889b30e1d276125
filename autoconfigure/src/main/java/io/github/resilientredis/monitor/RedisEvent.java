package io.github.resilientredis.monitor;

import java.time.Instant;

/**
 * One entry of the {@link EventHistory}.
 *
 * @param timestamp when it happened
 * @param type what happened
 * @param detail a short human-readable description (never credentials)
 */
public record RedisEvent(Instant timestamp, Type type, String detail) {

	/**
	 * Kinds of recorded events.
	 */
	public enum Type {

		/** A connection to a Redis endpoint was established. */
		CONNECTED,
		/** A connection to a Redis endpoint was lost or closed. */
		DISCONNECTED,
		/** Lettuce tried to reconnect (recorded for attempts 1, 2, 4, 8, ...). */
		RECONNECT_ATTEMPT,
		/** A reconnect attempt failed (recorded for attempts 1, 2, 4, 8, ...). */
		RECONNECT_FAILED,
		/** The client is considered stuck reconnecting. */
		STUCK,
		/** A stuck endpoint reconnected. */
		RECOVERED,
		/** The circuit breaker changed state. */
		CIRCUIT_BREAKER,
		/** The local fallback started serving. */
		FALLBACK_ACTIVATED,
		/** The journal was replayed and the fallback stopped serving. */
		FALLBACK_DEACTIVATED,
		/** A journal replay failed. */
		JOURNAL_REPLAY_FAILED,
		/** Connections were force-closed and re-created. */
		RESET,
		/** A dedicated connection was held past the leak detection threshold. */
		LEAK_SUSPECT,
		/** Server client utilization crossed a threshold. */
		UTILIZATION,
		/** The sentinels named another master. */
		FAILOVER

	}

}
