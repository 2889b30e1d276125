package io.github.resilientredis.autoconfigure;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * TCP keepalive settings, so a connection whose peer vanished is noticed.
 * <p>
 * Bound under {@code redis.keepalive.*} as part of {@link RedisResilienceProperties}.
 */
public class RedisKeepaliveProperties {

	/**
	 * Whether to enable TCP keepalive.
	 */
	private boolean enabled = true;

	/**
	 * Idle time before the first keepalive probe (native transport only).
	 */
	private Duration idle = Duration.ofSeconds(15);

	/**
	 * Time between keepalive probes (native transport only).
	 */
	private Duration interval = Duration.ofSeconds(5);

	/**
	 * Number of unanswered probes before the connection is dropped (native transport
	 * only).
	 */
	private int count = 3;

	/**
	 * TCP_USER_TIMEOUT: how long sent data may stay unacknowledged before the
	 * connection is dropped (epoll or io_uring transport only). Unset to disable.
	 */
	private @Nullable Duration tcpUserTimeout = Duration.ofSeconds(10);

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Duration getIdle() {
		return this.idle;
	}

	public void setIdle(Duration idle) {
		this.idle = idle;
	}

	public Duration getInterval() {
		return this.interval;
	}

	public void setInterval(Duration interval) {
		this.interval = interval;
	}

	public int getCount() {
		return this.count;
	}

	public void setCount(int count) {
		this.count = count;
	}

	public @Nullable Duration getTcpUserTimeout() {
		return this.tcpUserTimeout;
	}

	public void setTcpUserTimeout(@Nullable Duration tcpUserTimeout) {
		this.tcpUserTimeout = tcpUserTimeout;
	}

}
