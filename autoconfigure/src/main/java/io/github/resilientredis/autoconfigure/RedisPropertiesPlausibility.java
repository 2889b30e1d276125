package io.github.resilientredis.autoconfigure;

import java.time.Duration;

import org.apache.commons.logging.Log;
import org.jspecify.annotations.Nullable;

/**
 * Warns about {@code redis.*} values that are valid but implausible: almost always a
 * wrong unit (a bare number is milliseconds, so {@code redis.command-timeout=2} is 2 ms)
 * or a zero too many. Each warning names the property, the value and the plausible
 * range; startup goes on, since a deliberate extreme value may be right for someone.
 * <p>
 * The ranges, and why:
 * <ul>
 * <li>{@code connect-timeout}, {@code command-timeout}, {@code health.timeout},
 * {@code circuit-breaker.slow-call-duration} and
 * {@code circuit-breaker.wait-in-open-state}: 10 ms to 5 min. Below 10 ms a TLS handshake,
 * a cross-zone round trip (1-3 ms) or a garbage collection pause already exceeds the
 * timeout, so healthy commands fail, the breaker opens and the application stays degraded
 * with Redis up (and a breaker that half-opens every few milliseconds keeps probing a dead
 * server). Above 5 min a request thread waits longer than any HTTP client, load balancer
 * (60 s idle timeouts are common) or Kubernetes probe waits for it.</li>
 * <li>{@code pool.max-wait}, {@code reconnect.max-delay}, {@code shutdown-timeout}: at
 * most 5 min, for the same reason; a shutdown that long outlives Kubernetes' 30 s grace
 * period and ends in SIGKILL anyway.</li>
 * <li>{@code pool.max-active}: at most 10,000, Redis' default {@code maxclients}: a single
 * instance could take every connection of the server.</li>
 * <li>{@code fallback.maximum-entries} and {@code fallback.journal-maximum-entries}: at
 * most 1,000,000. Both live on the heap; a million cached values of 1 KB is a gigabyte.</li>
 * <li>{@code monitor.event-history-size}: at most 10,000; {@code /actuator/redis/events}
 * returns all of them in one response.</li>
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

	/**
	 * Log one warning per implausible value.
	 * @param properties the bound and validated properties
	 */
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
