package io.github.resilientredis.sample;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import io.github.resilientredis.connection.ConnectionPoolStatistics;
import io.github.resilientredis.monitor.ReconnectTracker;
import io.github.resilientredis.monitor.RedisEvent;
import io.github.resilientredis.monitor.RedisMonitor;
import io.github.resilientredis.monitor.ServerClients;
import io.github.resilientredis.resilience.ResilienceStatus;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.actuate.endpoint.HealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.stereotype.Component;

/**
 * Takes {@link StatusSnapshot}s from the starter's public beans: the {@code redis} health
 * component, {@link ResilienceStatus} and {@link RedisMonitor}.
 */
@Component
public class StatusSnapshots {

	static final int EVENTS = 100;

	// the page refreshes every second; the server sees at most one INFO/CLIENT LIST per
	// period, and an unreachable server costs each snapshot little
	private static final Duration SAMPLE_MAX_AGE = Duration.ofSeconds(2);

	private static final Duration SAMPLE_BUDGET = Duration.ofMillis(300);

	private final ObjectProvider<HealthEndpoint> health;

	private final ObjectProvider<ResilienceStatus> resilience;

	private final ObjectProvider<RedisMonitor> monitor;

	private final Clock clock;

	public StatusSnapshots(ObjectProvider<HealthEndpoint> health, ObjectProvider<ResilienceStatus> resilience,
			ObjectProvider<RedisMonitor> monitor) {
		this.health = health;
		this.resilience = resilience;
		this.monitor = monitor;
		this.clock = Clock.systemUTC();
	}

	/**
	 * Take a snapshot now.
	 * @return the snapshot
	 */
	public StatusSnapshot take() {
		ResilienceStatus status = this.resilience.getIfAvailable();
		RedisMonitor monitor = this.monitor.getIfAvailable();
		return new StatusSnapshot(this.clock.instant(), redisHealth(), breaker(status), fallback(status),
				(monitor != null) ? pool(monitor.getPoolStatistics()) : null,
				(monitor != null) ? server(monitor.getServer(SAMPLE_MAX_AGE, SAMPLE_BUDGET)) : null,
				(monitor != null) ? reconnect(monitor.getTracker()) : null,
				(monitor != null) ? newest(monitor.getHistory().getEvents()) : List.of());
	}

	private String redisHealth() {
		HealthEndpoint endpoint = this.health.getIfAvailable();
		HealthDescriptor redis = (endpoint != null) ? endpoint.healthForPath("redis") : null;
		return (redis != null) ? redis.getStatus().getCode() : "UNKNOWN";
	}

	private static StatusSnapshot.@Nullable Breaker breaker(@Nullable ResilienceStatus status) {
		return (status != null)
				? new StatusSnapshot.Breaker(status.getCircuitBreakerName(), status.getCircuitBreakerState()) : null;
	}

	private static StatusSnapshot.@Nullable Fallback fallback(@Nullable ResilienceStatus status) {
		return (status != null) ? new StatusSnapshot.Fallback(status.isFallbackActive(),
				status.getFallbackActiveSince(), status.getFallbackEntries(), status.getFallbackHits(),
				status.getFallbackMisses(), status.getJournalSize()) : null;
	}

	private static StatusSnapshot.@Nullable Pool pool(@Nullable ConnectionPoolStatistics statistics) {
		return (statistics != null && statistics.isPooled()) ? new StatusSnapshot.Pool(statistics.getActive(),
				statistics.getIdle(), statistics.getWaiting(), statistics.getMaxActive()) : null;
	}

	private static StatusSnapshot.Server server(ServerClients sample) {
		return new StatusSnapshot.Server(sample.sampledAt(), sample.reachable(), sample.connectedClients(),
				sample.maxClients(), sample.utilizationPercent(), sample.utilizationLevel());
	}

	private static StatusSnapshot.@Nullable Reconnect reconnect(@Nullable ReconnectTracker tracker) {
		return (tracker != null)
				? new StatusSnapshot.Reconnect(tracker.getCurrentAttempts(), tracker.getTotalAttempts(),
						tracker.isStuck())
				: null;
	}

	private static List<RedisEvent> newest(List<RedisEvent> events) {
		return List.copyOf(events.subList(Math.max(0, events.size() - EVENTS), events.size()));
	}

}
