package io.github.resilientredis.fallback;

import org.springframework.data.redis.connection.RedisConnection;

/**
 * Access to Redis that bypasses the circuit breaker and the fallback, used to probe Redis
 * and replay the outage journal. The connection factory of the starter provides it.
 */
public interface RecoveryAccess {

	/**
	 * A connection that is not intercepted; the caller closes it.
	 * @return the connection
	 */
	RedisConnection uninterceptedConnection();

	/**
	 * Close the shared and idle pooled connections so the next command connects afresh
	 * instead of waiting for a reconnect backoff.
	 */
	void resetConnections();

}
