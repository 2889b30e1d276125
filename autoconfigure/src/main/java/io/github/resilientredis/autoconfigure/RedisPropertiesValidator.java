package io.github.resilientredis.autoconfigure;

import java.time.Duration;
import java.util.Collection;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.BeanWrapperImpl;
import org.springframework.beans.BeansException;
import org.springframework.core.Conventions;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;
import org.springframework.validation.BindingResult;
import org.springframework.validation.Errors;
import org.springframework.validation.FieldError;

import io.github.resilientredis.cache.CacheValueFormat;
import io.github.resilientredis.connection.InvalidRedisConfigurationException;
import io.github.resilientredis.connection.RedisUrl;

/**
 * Validates {@link RedisResilienceProperties} where Boot binds them, so that a value the
 * starter cannot use fails startup through Boot's {@code BindValidationFailureAnalyzer},
 * naming the property and a correct example, instead of surfacing later as an obscure
 * Lettuce, commons-pool2 or Resilience4j error.
 */
public class RedisPropertiesValidator {

	private static final Log logger = LogFactory.getLog(RedisPropertiesValidator.class);

	private static final String PREFIX = "redis.";

	private static final String CODE = "invalid";

	private static final String IDENTIFIER = "\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*";

	private static final Pattern JAVA_PACKAGE = Pattern.compile(IDENTIFIER + "(\\." + IDENTIFIER + ")*");

	private static final Duration DEFAULT_HANG_THRESHOLD = new RedisCircuitBreakerProperties().getHangThreshold();

	private final Log log;

	private final @Nullable ClassLoader classLoader;

	public RedisPropertiesValidator() {
		this(logger, RedisPropertiesValidator.class.getClassLoader());
	}

	RedisPropertiesValidator(Log log, @Nullable ClassLoader classLoader) {
		this.log = log;
		this.classLoader = classLoader;
	}

	/**
	 * Validate one group at a time, so every group reports its first problem; implausible
	 * values are logged only when nothing is rejected.
	 * @param target the bound {@code redis.*} properties
	 * @param errors where each rejected value becomes a field error on its property
	 */
	public void validate(Object target, Errors errors) {
		RedisResilienceProperties properties = (RedisResilienceProperties) target;
		RedisEndpointPropertiesValidator endpoint = new RedisEndpointPropertiesValidator(this.log);
		RedisUrl url = checked(target, errors, () -> endpoint.validateEndpoint(properties));
		check(target, errors, () -> endpoint.validateTopology(properties));
		check(target, errors, () -> positive("redis.connect-timeout", properties.getConnectTimeout(), "2s"));
		check(target, errors, () -> positive("redis.command-timeout", properties.getCommandTimeout(), "2s"));
		check(target, errors, () -> notNegative("redis.shutdown-timeout", properties.getShutdownTimeout(), "100ms"));
		check(target, errors, () -> new RedisTlsPropertiesValidator(this.log).validate(properties.getTls(), url));
		check(target, errors, () -> validateKeepalive(properties.getKeepalive()));
		check(target, errors, () -> validatePool(properties.getPool()));
		check(target, errors, () -> validateReconnect(properties.getReconnect()));
		check(target, errors, () -> validateCircuitBreaker(properties.getCircuitBreaker()));
		check(target, errors, () -> validateHangDetection(properties));
		check(target, errors, () -> {
			validateFallback(properties.getFallback());
			validateCache(properties.getCache());
		});
		check(target, errors, () -> {
			validateMonitor(properties.getMonitor());
			validateHealth(properties.getHealth());
		});
		if (!errors.hasErrors()) {
			new RedisPropertiesPlausibility(this.log).check(properties);
		}
	}

	private static <T> @Nullable T checked(Object target, Errors errors, Supplier<T> group) {
		try {
			return group.get();
		}
		catch (InvalidRedisConfigurationException ex) {
			// the field error Boot's BindValidationFailureAnalyzer prints as Property / Value /
			// Reason, the exception reachable through FieldError#unwrap
			String property = ex.getProperty();
			String field = property.startsWith(PREFIX) ? property.substring(PREFIX.length()) : property;
			String reason = ex.getMessage() + ". " + ex.getAction();
			if (errors instanceof BindingResult result) {
				FieldError error = new FieldError(result.getObjectName(), field, display(field, value(target, field)),
						false, new String[] { CODE + "." + field, CODE }, null, reason);
				error.wrap(ex);
				result.addError(error);
			}
			else {
				errors.reject(CODE, reason);
			}
			return null;
		}
	}

	private static @Nullable Object value(Object target, String field) {
		try {
			return new BeanWrapperImpl(target).getPropertyValue(Conventions.attributeNameToPropertyName(field));
		}
		catch (BeansException ex) {
			return null;
		}
	}

	/**
	 * A {@code redis.*} value, bound or as given, as an error message may show it: masked,
	 * as Boot prints it as given and a URL, host, node list or password may hold a secret.
	 * @param field the property below {@code redis.}, e.g. {@code pool.max-active}
	 */
	static @Nullable Object display(String field, @Nullable Object value) {
		if (value == null) {
			return null;
		}
		if (field.contains("password")) {
			return "****";
		}
		if (value instanceof Duration duration) {
			return format(duration);
		}
		String text = (value instanceof Collection<?> values) ? StringUtils.collectionToCommaDelimitedString(values)
				: String.valueOf(value);
		if (field.equals("url")) {
			return RedisUrl.maskCredentials(text);
		}
		if (field.equals("host") || field.endsWith(".nodes") || text.contains("@") || text.contains("://")) {
			// a value that is no host name may be a password set in the wrong variable
			return RedisUrl.maskInvalid(text);
		}
		return text;
	}

	private static void check(Object target, Errors errors, Runnable group) {
		checked(target, errors, () -> {
			group.run();
			return null;
		});
	}

	private void validateKeepalive(RedisKeepaliveProperties keepalive) {
		if (keepalive.isEnabled()) {
			// TCP_KEEPIDLE and TCP_KEEPINTVL are whole seconds: 500ms would become 0.
			atLeastOneSecond("redis.keepalive.idle", keepalive.getIdle(), "15s");
			atLeastOneSecond("redis.keepalive.interval", keepalive.getInterval(), "5s");
			atLeast("redis.keepalive.count", keepalive.getCount(), 1, "3");
			positiveIfSet("redis.keepalive.tcp-user-timeout", keepalive.getTcpUserTimeout(), "10s");
		}
	}

	private void validatePool(RedisPoolProperties pool) {
		if (!pool.isEnabled()) {
			return;
		}
		require(pool.getMaxActive() >= 1, "redis.pool.max-active", "is " + pool.getMaxActive() + " but must be 1 or "
				+ "more; an unbounded pool (-1) lets one application use up the server's maxclients",
				"Set a bound, e.g. redis.pool.max-active=8, or redis.pool.enabled=false to not pool.");
		int maxIdle = pool.determineMaxIdle();
		between("redis.pool.max-idle", maxIdle, 0, pool.getMaxActive(), "redis.pool.max-active",
				String.valueOf(pool.getMaxActive()));
		between("redis.pool.min-idle", pool.getMinIdle(), 0, maxIdle, "redis.pool.max-idle", "0");
		require(pool.getMaxWait() == null || !pool.getMaxWait().isNegative(), "redis.pool.max-wait",
				"is " + format(pool.getMaxWait()) + " but must be positive; an unbounded wait (-1) blocks request "
						+ "threads for as long as Redis is unreachable", "Set a bound, e.g. redis.pool.max-wait=1s.");
		positive("redis.pool.max-wait", pool.getMaxWait(), "1s");
		positive("redis.pool.eviction-interval", pool.getEvictionInterval(), "30s");
		positive("redis.pool.min-evictable-idle-time", pool.getMinEvictableIdleTime(), "60s");
		positiveIfSet("redis.pool.leak-detection-threshold", pool.getLeakDetectionThreshold(), "30s");
		positive("redis.pool.validation-timeout", pool.getValidationTimeout(), "250ms");
	}

	private void validateReconnect(RedisReconnectProperties reconnect) {
		if (!reconnect.isEnabled()) {
			return;
		}
		positive("redis.reconnect.min-delay", reconnect.getMinDelay(), "100ms");
		positive("redis.reconnect.max-delay", reconnect.getMaxDelay(), "3s");
		require(reconnect.getMinDelay().compareTo(reconnect.getMaxDelay()) <= 0, "redis.reconnect.min-delay",
				"(" + format(reconnect.getMinDelay()) + ") is greater than redis.reconnect.max-delay ("
						+ format(reconnect.getMaxDelay()) + ")",
				example("redis.reconnect.min-delay=100ms with redis.reconnect.max-delay=3s"));
		atLeast("redis.reconnect.stuck-attempts", reconnect.getStuckAttempts(), 1, "20");
		positive("redis.reconnect.stuck-after", reconnect.getStuckAfter(), "60s");
	}

	private void validateCircuitBreaker(RedisCircuitBreakerProperties breaker) {
		if (!breaker.isEnabled()) {
			return;
		}
		require(StringUtils.hasText(breaker.getName()), "redis.circuit-breaker.name", "is empty",
				example("redis.circuit-breaker.name=redis"));
		percentage("redis.circuit-breaker.failure-rate-threshold", breaker.getFailureRateThreshold(), "50");
		percentage("redis.circuit-breaker.slow-call-rate-threshold", breaker.getSlowCallRateThreshold(), "80");
		positive("redis.circuit-breaker.slow-call-duration", breaker.getSlowCallDuration(), "1s");
		atLeast("redis.circuit-breaker.sliding-window-size", breaker.getSlidingWindowSize(), 1, "20");
		between("redis.circuit-breaker.minimum-number-of-calls", breaker.getMinimumNumberOfCalls(), 1,
				breaker.getSlidingWindowSize(), "redis.circuit-breaker.sliding-window-size",
				String.valueOf(Math.min(5, breaker.getSlidingWindowSize())));
		Duration wait = breaker.getWaitInOpenState();
		require(wait != null && wait.toMillis() >= 1, "redis.circuit-breaker.wait-in-open-state",
				"is " + format(wait) + " but must be at least 1ms",
				example("redis.circuit-breaker.wait-in-open-state=500ms"));
		require(breaker.getWaitJitter() >= 0 && breaker.getWaitJitter() < 1, "redis.circuit-breaker.wait-jitter",
				"is " + breaker.getWaitJitter() + " but must be from 0 (no jitter) to less than 1",
				example("redis.circuit-breaker.wait-jitter=0.5"));
		atLeast("redis.circuit-breaker.permitted-calls-in-half-open-state",
				breaker.getPermittedCallsInHalfOpenState(), 1, "3");
	}

	private void validateHangDetection(RedisResilienceProperties properties) {
		RedisCircuitBreakerProperties breaker = properties.getCircuitBreaker();
		if (!breaker.isEnabled() || !breaker.isHangDetection()) {
			return;
		}
		positive("redis.circuit-breaker.hang-threshold", breaker.getHangThreshold(), "1s");
		Duration threshold = breaker.getHangThreshold();
		Duration commandTimeout = properties.getCommandTimeout();
		// the default threshold simply stays idle under a command timeout of 1s or less
		if (!threshold.equals(DEFAULT_HANG_THRESHOLD) && threshold.compareTo(commandTimeout) >= 0) {
			throw new InvalidRedisConfigurationException("redis.circuit-breaker.hang-threshold", "is "
					+ format(threshold) + " but must be below redis.command-timeout (" + format(commandTimeout)
					+ "), which would end the wait first", example("redis.circuit-breaker.hang-threshold="
							+ Math.max(1, commandTimeout.toMillis() / 2) + "ms"));
		}
	}

	private void validateFallback(RedisFallbackProperties fallback) {
		if (!fallback.isEnabled()) {
			return;
		}
		require(fallback.getMaximumEntries() >= 1, "redis.fallback.maximum-entries", "is "
				+ fallback.getMaximumEntries() + " but must be 1 or more", "Set e.g. redis.fallback.maximum-entries="
						+ "10000, or redis.fallback.enabled=false to turn the fallback off.");
		positive("redis.fallback.ttl", fallback.getTtl(), "5m");
		atLeast("redis.fallback.journal-maximum-entries", fallback.getJournalMaximumEntries(), 0, "10000");
		for (String pattern : fallback.getCacheKeyPatterns()) {
			require(pattern != null && !pattern.replace("*", "").replace("?", "").isBlank(),
					"redis.fallback.cache-key-patterns", "contains '" + pattern + "', which would declare every key "
							+ "(locks, counters, sessions) as cache data that may be answered locally",
					"Name the keys that are really cache data, e.g. redis.fallback.cache-key-patterns=catalog:*,prices:*.");
		}
	}

	private void validateCache(RedisCacheProperties cache) {
		if (!cache.isEnabled()) {
			return;
		}
		Duration ttl = cache.getTimeToLive();
		require(ttl == null || isPositive(ttl), "redis.cache.time-to-live",
				"is " + format(ttl) + " but must be positive", "Set e.g. redis.cache.time-to-live=10m, or leave "
						+ "redis.cache.time-to-live empty for entries that never expire.");
		for (String trusted : cache.getJson().getTrustedPackages()) {
			require(trusted != null && JAVA_PACKAGE.matcher(trusted).matches(), "redis.cache.json.trusted-packages",
					"contains '" + trusted + "', which is not a package name: JSON cache values may name classes "
							+ "of the listed packages and their sub-packages only, so wildcards are not needed",
					"List packages by name, e.g. redis.cache.json.trusted-packages=com.example.catalog,"
							+ "com.example.pricing.");
		}
		require(cache.getValueFormat() != CacheValueFormat.JSON
				|| ClassUtils.isPresent("tools.jackson.databind.ObjectMapper", this.classLoader),
				"redis.cache.value-format",
				"is json but Jackson 3 (tools.jackson.core:jackson-databind) is not on the classpath",
				"Add org.springframework.boot:spring-boot-starter-jackson, or set redis.cache.value-format=java.");
	}

	private void validateMonitor(RedisMonitorProperties monitor) {
		if (!monitor.isEnabled()) {
			return;
		}
		positive("redis.monitor.interval", monitor.getInterval(), "30s");
		percentage("redis.monitor.warning-threshold", monitor.getWarningThreshold(), "80");
		percentage("redis.monitor.critical-threshold", monitor.getCriticalThreshold(), "90");
		require(monitor.getWarningThreshold() < monitor.getCriticalThreshold(), "redis.monitor.warning-threshold",
				"(" + monitor.getWarningThreshold() + ") must be lower than redis.monitor.critical-threshold ("
						+ monitor.getCriticalThreshold() + ")",
				example("redis.monitor.warning-threshold=80 with redis.monitor.critical-threshold=90"));
		require(monitor.getForeignClientsRatio() > 0, "redis.monitor.foreign-clients-ratio",
				"is " + monitor.getForeignClientsRatio() + " but must be positive",
				example("redis.monitor.foreign-clients-ratio=4"));
		atLeast("redis.monitor.event-history-size", monitor.getEventHistorySize(), 1, "100");
		notNegative("redis.monitor.slow-command-threshold", monitor.getSlowCommandThreshold(), "100ms");
		between("redis.monitor.slow-log-entries", monitor.getSlowLogEntries(), 1, 128, null, "10");
		atLeast("redis.monitor.max-nodes", monitor.getMaxNodes(), 1, "16");
	}

	private void validateHealth(RedisHealthProperties health) {
		positive("redis.health.timeout", health.getTimeout(), "500ms");
		notNegative("redis.health.cache-ttl", health.getCacheTtl(), "1s");
		String status = health.getFallbackStatus().trim();
		require("DEGRADED".equalsIgnoreCase(status) || "DOWN".equalsIgnoreCase(status), "redis.health.fallback-status",
				"is '" + health.getFallbackStatus() + "' but must be DEGRADED or DOWN",
				"Set redis.health.fallback-status=DEGRADED (HTTP 200 while the fallback serves) or "
						+ "redis.health.fallback-status=DOWN (HTTP 503).");
	}

	/** Reject a value unless it is valid; the action names the property and a correct example. */
	static void require(boolean valid, String property, String problem, String action) {
		if (!valid) {
			throw new InvalidRedisConfigurationException(property, problem, action);
		}
	}

	static String example(String example) {
		return "Set a valid value, e.g. " + example + ".";
	}

	static void atLeast(String property, long value, long min, String example) {
		require(value >= min, property, "is " + value + " but must be " + min + " or more",
				example(property + "=" + example));
	}

	/** Reject a number outside {@code min..max}, from {@code maxProperty} or fixed ({@code null}). */
	private static void between(String property, long value, long min, long max, @Nullable String maxProperty,
			String example) {
		require(value >= min && value <= max, property, "is " + value + " but must be "
				+ ((maxProperty != null) ? "between " + min + " and " + maxProperty + " (" + max + ")"
						: "from " + min + " to " + max),
				example(property + "=" + example));
	}

	private static void percentage(String property, float value, String example) {
		require(value > 0 && value <= 100, property, "is " + value + " but must be a percentage above 0 and at most "
				+ "100", example(property + "=" + example));
	}

	static void positive(String property, @Nullable Duration value, String example) {
		require(value != null && isPositive(value), property, "is " + format(value)
				+ " but must be a positive duration", example(property + "=" + example));
	}

	static void positiveIfSet(String property, @Nullable Duration value, String example) {
		require(value == null || isPositive(value), property, "is " + format(value) + " but must be a positive "
				+ "duration", "Set e.g. " + property + "=" + example + ", or leave " + property + " empty to disable it.");
	}

	private static void notNegative(String property, @Nullable Duration value, String example) {
		require(value != null && !value.isNegative(), property,
				"is " + format(value) + " but must be 0 or a positive duration", example(property + "=" + example));
	}

	private static void atLeastOneSecond(String property, @Nullable Duration value, String example) {
		require(value != null && value.getSeconds() >= 1, property, "is " + format(value)
				+ " but TCP keepalive counts in whole seconds, so it must be at least 1s", "Set e.g. " + property
						+ "=" + example + ", or redis.keepalive.enabled=false.");
	}

	private static boolean isPositive(Duration value) {
		return !value.isZero() && !value.isNegative();
	}

	static String format(@Nullable Duration value) {
		if (value == null) {
			return "empty";
		}
		if (value.getNano() == 0) {
			return value.getSeconds() + "s";
		}
		return (value.getNano() % 1_000_000 == 0 && value.getSeconds() < 1_000_000) ? value.toMillis() + "ms"
				: value.toString();
	}

}
