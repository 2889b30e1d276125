package io.github.resilientredis.resilience;

import java.time.Instant;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

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

	/**
	 * Create the exception for a command refused while the breaker is open.
	 * @param breakerName the breaker name
	 * @param state the breaker state
	 * @param since when Redis became unavailable, or {@code null} when unknown
	 * @param lastFailure the last unavailability failure, or {@code null} when unknown
	 * @param command the refused command
	 * @return the exception
	 */
	public static RedisUnavailableException breakerOpen(String breakerName, String state, @Nullable Instant since,
			@Nullable String lastFailure, String command) {
		return new RedisUnavailableException("Redis is unavailable: circuit breaker '" + breakerName + "' is " + state
				+ ((since != null) ? " since " + since : "") + "; last failure: "
				+ Objects.requireNonNullElse(lastFailure, "unknown") + ". Command '" + command
				+ "' was not sent to Redis");
	}

}
