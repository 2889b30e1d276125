package io.github.resilientredis.autoconfigure;

import java.time.Duration;

/**
 * Reconnection after a connection is lost.
 * <p>
 * Bound under {@code redis.reconnect.*} as part of {@link RedisResilienceProperties}.
 */
public class RedisReconnectProperties {

	/**
	 * Whether to reconnect automatically.
	 */
	private boolean enabled = true;

	/**
	 * First reconnect delay; later delays grow exponentially with jitter.
	 */
	private Duration minDelay = Duration.ofMillis(100);

	/**
	 * Upper bound of the reconnect delay.
	 */
	private Duration maxDelay = Duration.ofSeconds(3);

	/**
	 * Number of failed reconnect attempts after which the client is reported stuck.
	 */
	private int stuckAttempts = 20;

	/**
	 * Time disconnected after which the client is reported stuck.
	 */
	private Duration stuckAfter = Duration.ofSeconds(60);

	/**
	 * Whether to close and re-create connections automatically when the client is
	 * stuck.
	 */
	private boolean autoReset = false;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Duration getMinDelay() {
		return this.minDelay;
	}

	public void setMinDelay(Duration minDelay) {
		this.minDelay = minDelay;
	}

	public Duration getMaxDelay() {
		return this.maxDelay;
	}

	public void setMaxDelay(Duration maxDelay) {
		this.maxDelay = maxDelay;
	}

	public int getStuckAttempts() {
		return this.stuckAttempts;
	}

	public void setStuckAttempts(int stuckAttempts) {
		this.stuckAttempts = stuckAttempts;
	}

	public Duration getStuckAfter() {
		return this.stuckAfter;
	}

	public void setStuckAfter(Duration stuckAfter) {
		this.stuckAfter = stuckAfter;
	}

	public boolean isAutoReset() {
		return this.autoReset;
	}

	public void setAutoReset(boolean autoReset) {
		this.autoReset = autoReset;
	}

}
