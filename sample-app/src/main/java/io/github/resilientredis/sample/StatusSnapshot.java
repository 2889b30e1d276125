package io.github.resilientredis.sample;

import java.time.Instant;
import java.util.List;

import io.github.resilientredis.monitor.RedisEvent;
import io.github.resilientredis.monitor.UtilizationLevel;
import org.jspecify.annotations.Nullable;

/**
 * What the status page shows at one instant: Redis health, breaker, fallback, pool, server
 * clients, reconnects and the newest connection events. A part the application does not
 * have (no resilience layer, no pool, no sample yet) is {@code null}.
 *
 * @param at when the snapshot was taken
 * @param redis status of the {@code redis} health component (UP, DOWN, DEGRADED,
 * MISCONFIGURED, or UNKNOWN without one)
 * @param breaker the circuit breaker
 * @param fallback the local fallback of cache data
 * @param pool the dedicated-connection pool
 * @param server the server's clients against its maxclients
 * @param reconnect Lettuce's reconnect attempts
 * @param events the newest connection, breaker and fallback events, oldest first
 */
public record StatusSnapshot(Instant at, String redis, @Nullable Breaker breaker, @Nullable Fallback fallback,
		@Nullable Pool pool, @Nullable Server server, @Nullable Reconnect reconnect, List<RedisEvent> events) {

	/**
	 * The circuit breaker guarding every command.
	 *
	 * @param name the breaker name
	 * @param state CLOSED, OPEN, HALF_OPEN, ...
	 */
	public record Breaker(String name, String state) {
	}

	/**
	 * The local fallback of cache data.
	 *
	 * @param active whether it answers cache reads now
	 * @param activeSince since when, or {@code null} when inactive
	 * @param entries entries held
	 * @param hits reads it answered since start
	 * @param misses reads it could not answer since start
	 * @param journalSize keys and caches to invalidate on recovery
	 */
	public record Fallback(boolean active, @Nullable Instant activeSince, long entries, long hits, long misses,
			int journalSize) {
	}

	/**
	 * The dedicated-connection pool.
	 *
	 * @param active borrowed connections
	 * @param idle idle connections
	 * @param waiting threads waiting for a connection
	 * @param max maximum of borrowed connections
	 */
	public record Pool(int active, int idle, int waiting, int max) {
	}

	/**
	 * The server's clients from the latest sample.
	 *
	 * @param sampledAt when the sample was taken
	 * @param reachable whether the server answered the sample
	 * @param connectedClients connected clients, or {@code null} when unknown
	 * @param maxClients the maxclients setting, or {@code null} when unknown
	 * @param utilizationPercent connected clients in percent of maxclients
	 * @param level the utilization level
	 */
	public record Server(Instant sampledAt, boolean reachable, @Nullable Long connectedClients,
			@Nullable Long maxClients, @Nullable Double utilizationPercent, UtilizationLevel level) {
	}

	/**
	 * Lettuce's reconnect attempts.
	 *
	 * @param attempts attempts of the current disconnection
	 * @param totalAttempts attempts since start
	 * @param stuck whether the client is considered stuck reconnecting
	 */
	public record Reconnect(int attempts, long totalAttempts, boolean stuck) {
	}

}
