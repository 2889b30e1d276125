package io.github.resilientredis.actuate;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.github.resilientredis.monitor.ConnectionResetter;
import io.github.resilientredis.monitor.RedisMonitor;
import io.github.resilientredis.monitor.ServerClients;

import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * {@code /actuator/redis}: who holds the server's connections, how full the pool is,
 * whether the client is stuck reconnecting, whether the fallback serves, and the recent
 * events. The {@code reset} write operation is closed unless
 * {@code management.endpoint.redis.access=unrestricted}.
 */
@Endpoint(id = "redis", defaultAccess = Access.READ_ONLY)
public class RedisEndpoint {

	/** Newest events shown in the summary. */
	static final int SUMMARY_EVENTS = 10;

	private final RedisMonitor monitor;

	private final Duration timeout;

	/**
	 * Create the endpoint.
	 * @param monitor the monitoring parts
	 * @param timeout deadline of a server sample
	 */
	public RedisEndpoint(RedisMonitor monitor, Duration timeout) {
		this.monitor = monitor;
		this.timeout = timeout;
	}

	/**
	 * Everything at a glance.
	 * @return server, pool, retries, resilience and the newest events
	 */
	@ReadOperation
	public Map<String, Object> summary() {
		Map<String, Object> summary = new LinkedHashMap<>();
		summary.put("server", this.monitor.server(sample()));
		summary.put("pool", this.monitor.pool(true));
		summary.put("retries", this.monitor.retries());
		Map<String, Object> resilience = this.monitor.resilience();
		if (!resilience.isEmpty()) {
			summary.put("resilience", resilience);
		}
		summary.put("events", this.monitor.events(SUMMARY_EVENTS));
		return summary;
	}

	/**
	 * One section: clients, pool, retries, resilience or events.
	 * @param section the section name
	 * @return the section, or {@code null} (404) for an unknown name
	 */
	@ReadOperation
	public @Nullable Map<String, Object> section(@Selector String section) {
		return switch (section) {
			case "clients" -> this.monitor.clients(sample());
			case "pool" -> this.monitor.pool(true);
			case "retries" -> this.monitor.retries();
			case "resilience" -> this.monitor.resilience();
			case "events" -> this.monitor.events(Integer.MAX_VALUE);
			default -> null;
		};
	}

	/**
	 * Force-close and re-create the application's connections.
	 * @return the reset count and when it happened
	 */
	@WriteOperation
	public Map<String, Object> reset() {
		ConnectionResetter resetter = this.monitor.getResetter();
		Map<String, Object> result = new LinkedHashMap<>();
		if (resetter == null) {
			result.put("reset", false);
			result.put("reason", "the connection factory does not support resetting connections");
			return result;
		}
		resetter.reset("requested through /actuator/redis");
		result.put("reset", true);
		result.put("resets", resetter.getResets());
		result.put("at", resetter.getLastReset());
		return result;
	}

	private ServerClients sample() {
		return this.monitor.getSampler().sampleNow(this.timeout);
	}

}
