package io.github.resilientredis.connection;

import org.springframework.data.redis.RedisConnectionFailureException;

/**
 * No dedicated connection became free within {@code redis.pool.max-wait}: the application
 * holds all {@code redis.pool.max-active} connections. Redis itself may be healthy.
 * <p>
 * It extends {@link RedisConnectionFailureException} only because Spring Data Redis wraps
 * every other exception from a connection provider into a generic "Unable to connect to
 * Redis"; callers that classify failures (the circuit breaker) should test for this type
 * first.
 */
public class PoolExhaustedException extends RedisConnectionFailureException {

	/**
	 * Create an exception.
	 * @param message the message, naming the properties to change
	 * @param cause the pool's exception
	 */
	public PoolExhaustedException(String message, Throwable cause) {
		super(message, cause);
	}

}
