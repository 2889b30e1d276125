package io.github.resilientredis.resilience;

import org.springframework.data.redis.RedisConnectionFailureException;

/**
 * Thrown without contacting Redis while the circuit breaker is open: the command was not
 * sent, so it had no effect. Only cache data (Spring's cache abstraction) is answered
 * locally during an outage; every other command fails with this exception. Extends
 * {@link RedisConnectionFailureException} so existing handlers keep working.
 */
public class RedisUnavailableException extends RedisConnectionFailureException {

	/**
	 * Create a new instance.
	 * @param message the detail message
	 */
	public RedisUnavailableException(String message) {
		super(message);
	}

}
