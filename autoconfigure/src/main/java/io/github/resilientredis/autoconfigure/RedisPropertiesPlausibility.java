package io.github.resilientredis.autoconfigure;

import java.time.Duration;

import org.apache.commons.logging.Log;
import org.jspecify.annotations.Nullable;

/**
 * Warns about {@code redis.*} values that are valid but implausible, almost always a wrong
 * unit (a bare number is milliseconds: {@code redis.command-timeout=2} is 2 ms) or a zero
 * too many; startup goes on, since a deliberate extreme value may be right for someone.
 * <ul>
 * <li>Connect, command and health timeouts and the breaker's slow-call duration and
 * open-state wait from 10 ms to 5 min: below, a TLS handshake, a cross-zone round trip or
 * a GC pause fails healthy commands and opens the breaker; above, a caller waits longer
 * than any HTTP client, load balancer or Kubernetes probe.</li>
 * <li>Shutdown timeout, pool max-wait and reconnect max-delay at most 5 min: beyond,
 * shutdown, a request thread or the reconnection waits that long.</li>
 * <li>{@code pool.max-active} at most Redis' default {@code maxclients} (10,000); the
 * heap-held fallback entries and journal at most 1,000,000; the event history, returned
 * in one response by {@code /actuator/redis/events}, at most 10,000.</li>
 * </ul>
 */
class RedisPropertiesPlausibility {

	private static final Duration MIN_TIMEOUT = Duration.ofMillis(10);

	private static final Duration MAX_WAIT = Duration.ofMinutes(5);

	private static final String TIMEOUT_RANGE = "10ms to 5m";

	private final Log log;

	RedisPropertiesPlausibility(Log log) {
		this.log = log;
	}

	/** Log one warning per implausible value of the bound and validated properties. */
	void check(RedisResilienceProperties properties) {
		timeout("redis.connect-timeout", properties.getConnectTimeout(),
				"connections fail before the TCP and TLS handshakes can finish");
		timeout("redis.command-timeout", properties.getCommandTimeout(),
				"commands time out while Redis is healthy, so the breaker opens and the application stays degraded");
		timeout("redis.health.timeout", properties.getHealth().getTimeout(),
				"the health check fails while Redis is healthy");
		atMost("redis.shutdown-timeout", properties.getShutdownTimeout(), "shutdown waits that long");
		RedisPoolProperties pool = properties.getPool();
		if (pool.isEnabled()) {
			atMost("redis.pool.max-wait", pool.getMaxWait(), "request threads block that long on an exhausted pool");
			atMost("redis.pool.max-active", pool.getMaxActive(), 10_000,
					"Redis' default maxclients is 10000, so one instance could take every connection of the server");
		}
		if (properties.getReconnect().isEnabled()) {
			atMost("redis.reconnect.max-delay", properties.getReconnect().getMaxDelay(),
					"the application may stay disconnected that long after Redis is back");
		}
		RedisCircuitBreakerProperties breaker = properties.getCircuitBreaker();
		if (breaker.isEnabled()) {
			timeout("redis.circuit-breaker.slow-call-duration", breaker.getSlowCallDuration(),
					"healthy calls count as slow, so the breaker opens");
			timeout("redis.circuit-breaker.wait-in-open-state", breaker.getWaitInOpenState(),
					"the breaker probes an unavailable Redis almost continuously, or stays open long after it is back");
		}
		RedisFallbackProperties fallback = properties.getFallback();
		if (fallback.isEnabled()) {
			atMost("redis.fallback.maximum-entries", fallback.getMaximumEntries(), 1_000_000,
					"every entry is kept on the heap");
			atMost("redis.fallback.journal-maximum-entries", fallback.getJournalMaximumEntries(), 1_000_000,
					"every journaled key is kept on the heap");
		}
		if (properties.getMonitor().isEnabled()) {
			atMost("redis.monitor.event-history-size", properties.getMonitor().getEventHistorySize(), 10_000,
					"/actuator/redis/events returns every event in one response");
		}
	}

	private void timeout(String property, @Nullable Duration value, String consequence) {
		if (value != null && (value.compareTo(MIN_TIMEOUT) < 0 || value.compareTo(MAX_WAIT) > 0)) {
			warn(property, RedisPropertiesValidator.format(value), TIMEOUT_RANGE,
					(value.compareTo(MIN_TIMEOUT) < 0) ? consequence + " (a bare number means milliseconds)"
							: "callers may wait that long");
		}
	}

	private void atMost(String property, @Nullable Duration value, String consequence) {
		if (value != null && value.compareTo(MAX_WAIT) > 0) {
			warn(property, RedisPropertiesValidator.format(value), "at most 5m", consequence);
		}
	}

	private void atMost(String property, long value, long max, String consequence) {
		if (value > max) {
			warn(property, String.valueOf(value), "at most " + max, consequence);
		}
	}

	private void warn(String property, String value, String range, String consequence) {
		this.log.warn(property + "=" + value + " is outside the plausible range (" + range + "): " + consequence
				+ ". Check the value, or ignore this warning if it is deliberate.");
	}

}
