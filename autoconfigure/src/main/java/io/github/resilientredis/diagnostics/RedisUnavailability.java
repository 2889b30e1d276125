package io.github.resilientredis.diagnostics;

import java.io.IOException;
import java.net.ConnectException;
import java.nio.channels.ClosedChannelException;
import java.util.Arrays;
import java.util.Locale;
import java.util.NoSuchElementException;

import javax.net.ssl.SSLException;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisLoadingException;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.QueryTimeoutException;
import org.springframework.data.redis.RedisConnectionFailureException;

/**
 * Tells whether a failure means that Redis is unavailable (counts against the circuit
 * breaker and activates the fallback) or that the caller made a mistake (passes through
 * unchanged).
 */
public final class RedisUnavailability {

	private static final String[] UNAVAILABLE_MESSAGES = { "closed", "connection reset", "connection refused",
			"disconnected", "not connected", "commands are rejected", "broken pipe", "unable to connect" };

	// CLUSTERDOWN: a cluster that lost a slot range stops serving every key
	private static final String[] UNAVAILABLE_ERROR_PREFIXES = { "LOADING", "MASTERDOWN", "CLUSTERDOWN",
			"ERR max number of clients reached" };

	private RedisUnavailability() {
	}

	/**
	 * Whether the failure, or any of its causes, means Redis is unavailable: connection
	 * refused, reset or closed, command timeout, {@code LOADING}, {@code MASTERDOWN},
	 * {@code CLUSTERDOWN}, maximum number of clients reached, TLS handshake failure.
	 * {@code WRONGTYPE}, wrong arguments, script and serialization errors are not.
	 */
	public static boolean isUnavailability(@Nullable Throwable failure) {
		return failure != null && Causes.any(failure, RedisUnavailability::isUnavailabilityItself);
	}

	private static boolean isUnavailabilityItself(Throwable failure) {
		if (failure instanceof RedisConnectionFailureException && failure.getCause() instanceof NoSuchElementException) {
			// pool exhausted: all connections borrowed, counts only when caused by unavailability
			return false;
		}
		if (failure instanceof RedisConnectionFailureException || failure instanceof QueryTimeoutException
				|| failure instanceof RedisConnectionException || failure instanceof RedisCommandTimeoutException
				|| failure instanceof RedisLoadingException || failure instanceof SSLException
				|| failure instanceof ConnectException || failure instanceof ClosedChannelException
				|| failure instanceof java.util.concurrent.TimeoutException
				|| failure instanceof java.util.concurrent.CancellationException) {
			return true;
		}
		String message = failure.getMessage();
		if (message == null) {
			return false;
		}
		if (Arrays.stream(UNAVAILABLE_ERROR_PREFIXES).anyMatch(message::startsWith)) {
			return true;
		}
		// server replies (RedisCommandExecutionException) are classified by their prefix only
		boolean clientSide = (failure instanceof io.lettuce.core.RedisException
				&& !(failure instanceof RedisCommandExecutionException)) || failure instanceof IOException;
		String lower = message.toLowerCase(Locale.ROOT);
		return clientSide && Arrays.stream(UNAVAILABLE_MESSAGES).anyMatch(lower::contains);
	}

}
