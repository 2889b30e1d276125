package io.github.resilientredis.autoconfigure;

import java.time.Duration;

import io.github.resilientredis.connection.PoolValidation;
import org.jspecify.annotations.Nullable;

/**
 * Connection pool (commons-pool2) for dedicated connections.
 * <p>
 * Bound under {@code redis.pool.*} as part of {@link RedisResilienceProperties}.
 */
public class RedisPoolProperties {

	/**
	 * Whether to pool dedicated connections.
	 */
	private boolean enabled = true;

	/**
	 * Maximum number of dedicated connections the application holds at once.
	 */
	private int maxActive = 8;

	/**
	 * Maximum number of idle connections kept in the pool. Defaults to max-active.
	 */
	private @Nullable Integer maxIdle;

	/**
	 * Minimum number of idle connections kept in the pool.
	 */
	private int minIdle = 0;

	/**
	 * Maximum time to wait for a connection when the pool is exhausted.
	 */
	private Duration maxWait = Duration.ofSeconds(1);

	/**
	 * Time between runs of the idle connection evictor, which also PINGs idle
	 * connections (validation=while-idle).
	 */
	private Duration evictionInterval = Duration.ofSeconds(30);

	/**
	 * Minimum time a connection stays idle before the evictor may close it.
	 */
	private Duration minEvictableIdleTime = Duration.ofSeconds(60);

	/**
	 * Time a dedicated connection may be held before it is reported as a possible
	 * leak, with the borrower's stack trace. Unset to disable.
	 */
	private @Nullable Duration leakDetectionThreshold;

	/**
	 * When pooled connections are PINGed, so connections a firewall or load balancer
	 * dropped silently are replaced: while-idle (on every eviction run), on-borrow or
	 * none.
	 */
	private PoolValidation.Mode validation = PoolValidation.Mode.WHILE_IDLE;

	/**
	 * Deadline of the validation PING; a connection that does not answer in time is
	 * closed and replaced.
	 */
	private Duration validationTimeout = Duration.ofMillis(250);

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public int getMaxActive() {
		return this.maxActive;
	}

	public void setMaxActive(int maxActive) {
		this.maxActive = maxActive;
	}

	public @Nullable Integer getMaxIdle() {
		return this.maxIdle;
	}

	public void setMaxIdle(@Nullable Integer maxIdle) {
		this.maxIdle = maxIdle;
	}

	/**
	 * The max-idle in effect: max-idle, or max-active when max-idle is not set.
	 */
	public int determineMaxIdle() {
		return (this.maxIdle != null) ? this.maxIdle : this.maxActive;
	}

	public int getMinIdle() {
		return this.minIdle;
	}

	public void setMinIdle(int minIdle) {
		this.minIdle = minIdle;
	}

	public Duration getMaxWait() {
		return this.maxWait;
	}

	public void setMaxWait(Duration maxWait) {
		this.maxWait = maxWait;
	}

	public Duration getEvictionInterval() {
		return this.evictionInterval;
	}

	public void setEvictionInterval(Duration evictionInterval) {
		this.evictionInterval = evictionInterval;
	}

	public Duration getMinEvictableIdleTime() {
		return this.minEvictableIdleTime;
	}

	public void setMinEvictableIdleTime(Duration minEvictableIdleTime) {
		this.minEvictableIdleTime = minEvictableIdleTime;
	}

	public @Nullable Duration getLeakDetectionThreshold() {
		return this.leakDetectionThreshold;
	}

	public void setLeakDetectionThreshold(@Nullable Duration leakDetectionThreshold) {
		this.leakDetectionThreshold = leakDetectionThreshold;
	}

	public PoolValidation.Mode getValidation() {
		return this.validation;
	}

	public void setValidation(PoolValidation.Mode validation) {
		this.validation = validation;
	}

	public Duration getValidationTimeout() {
		return this.validationTimeout;
	}

	public void setValidationTimeout(Duration validationTimeout) {
		this.validationTimeout = validationTimeout;
	}

}
