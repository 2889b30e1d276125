package io.github.resilientredis.resilience;

import io.lettuce.core.RedisCommandTimeoutException;

/**
 * Redis stopped answering a connection for longer than
 * {@code redis.circuit-breaker.hang-threshold} while it answered nothing else either:
 * the reason the {@link HangDetector} opened the breaker before the command timeout.
 * The waiting commands themselves still end at their own timeout or with Redis' answer.
 */
public class RedisHangException extends RedisCommandTimeoutException {

	/**
	 * Create an exception.
	 * @param message what was detected
	 */
	public RedisHangException(String message) {
		super(message);
	}

}
