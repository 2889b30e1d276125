package io.github.resilientredis.resilience;

import java.util.function.Consumer;

import org.springframework.data.redis.connection.RedisConnection;

/**
 * Access to Redis around the circuit breaker, used to probe Redis and replay the outage
 * journal before cache traffic returns to it. The starter's connection factory and
 * breaker provide it.
 */
public interface RecoveryAccess {

	/**
	 * Run an action on a connection whose commands bypass the circuit breaker; the
	 * connection is closed afterwards.
	 * @param action the action
	 */
	void withConnection(Consumer<RedisConnection> action);

	/**
	 * Close the shared and idle pooled connections so the next command connects afresh
	 * instead of waiting for a reconnect backoff.
	 */
	void resetConnections();

}
