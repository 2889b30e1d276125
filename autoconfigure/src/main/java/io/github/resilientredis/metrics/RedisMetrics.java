package io.github.resilientredis.metrics;

import static io.github.resilientredis.metrics.RedisMeterNames.*;

import java.util.function.Function;
import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;

import io.github.resilientredis.connection.ConnectionPoolStatistics;
import io.github.resilientredis.monitor.ConnectionResetter;
import io.github.resilientredis.monitor.LeakDetector;
import io.github.resilientredis.monitor.ReconnectTracker;
import io.github.resilientredis.monitor.RedisMonitor;
import io.github.resilientredis.monitor.ServerClients;
import io.github.resilientredis.monitor.TopologySnapshot;
import io.github.resilientredis.resilience.ResilienceStatus;

/**
 * Binds the pool, server, node, slow-command, failover, reconnect, reset, fallback,
 * journal and leak meters named in {@link RedisMeterNames}. Server figures come from the
 * monitor's latest sample (no command runs on a scrape), in Cluster and Sentinel from
 * the worst reachable node; a figure that is unknown reads NaN. No meter is tagged with a
 * host: the nodes are told apart in {@code /actuator/redis/topology}.
 */
public class RedisMetrics implements MeterBinder {

	private final RedisMonitor monitor;

	public RedisMetrics(RedisMonitor monitor) {
		this.monitor = monitor;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		gauge(registry, POOL_ACTIVE, "Dedicated connections borrowed", pool(ConnectionPoolStatistics::getActive));
		gauge(registry, POOL_IDLE, "Dedicated connections idle in the pool", pool(ConnectionPoolStatistics::getIdle));
		gauge(registry, POOL_WAITING, "Threads waiting for a dedicated connection",
				pool(ConnectionPoolStatistics::getWaiting));
		gauge(registry, POOL_MAX, "Most dedicated connections that can be borrowed (max-active per pool in use)",
				pool(ConnectionPoolStatistics::getMaxActive));
		counter(registry, POOL_LEAK_SUSPECTS, "Connections held past the leak detection threshold",
				of(RedisMonitor::getLeakDetector, LeakDetector::getSuspectsTotal, 0));
		gauge(registry, SERVER_CLIENTS_CONNECTED, "connected_clients of the Redis server",
				server(ServerClients::connectedClients));
		gauge(registry, SERVER_CLIENTS_MAX, "maxclients of the Redis server", server(ServerClients::maxClients));
		gauge(registry, SERVER_CLIENTS_BLOCKED, "blocked_clients of the Redis server",
				server(ServerClients::blockedClients));
		gauge(registry, SERVER_CLIENTS_UTILIZATION, "connected_clients / maxclients (0 to 1)",
				server((sample) -> (sample.utilizationPercent() != null) ? sample.utilizationPercent() / 100.0 : null));
		gauge(registry, SERVER_CONNECTIONS_REJECTED, "rejected_connections of the Redis server since it started",
				server(ServerClients::rejectedConnections));
		counter(registry, RECONNECT_ATTEMPTS, "Reconnect attempts",
				of(RedisMonitor::getTracker, ReconnectTracker::getTotalAttempts, Double.NaN));
		gauge(registry, RECONNECT_STUCK, "1 while the client is stuck reconnecting",
				of(RedisMonitor::getTracker, (t) -> t.isStuck() ? 1 : 0, Double.NaN));
		counter(registry, CONNECTION_RESETS, "Connection resets",
				of(RedisMonitor::getResetter, ConnectionResetter::getResets, 0));
		gauge(registry, FALLBACK_ACTIVE, "1 while the local fallback serves",
				resilience((s) -> s.isFallbackActive() ? 1 : 0, Double.NaN));
		gauge(registry, FALLBACK_ENTRIES, "Entries in the local fallback store",
				resilience(ResilienceStatus::getFallbackEntries, Double.NaN));
		counter(registry, FALLBACK_HITS, "Reads served by the fallback",
				resilience(ResilienceStatus::getFallbackHits, 0));
		counter(registry, FALLBACK_MISSES, "Reads the fallback could not answer",
				resilience(ResilienceStatus::getFallbackMisses, 0));
		counter(registry, JOURNAL_REPLAYS, "Journal replays on recovery",
				resilience(ResilienceStatus::getJournalReplays, 0));
		gauge(registry, JOURNAL_SIZE, "Keys and caches journaled for invalidation",
				resilience(ResilienceStatus::getJournalSize, Double.NaN));
		gauge(registry, NODES, "Monitored Redis nodes", topology((snapshot) -> snapshot.nodes().size(), Double.NaN));
		gauge(registry, NODES_UNREACHABLE, "Monitored Redis nodes not reachable",
				topology((snapshot) -> snapshot.nodes().stream().filter((n) -> !n.reachable()).count(), Double.NaN));
		counter(registry, SENTINEL_FAILOVERS, "Master changes the sentinels announced",
				topology((snapshot) -> snapshot.failovers().size(), 0));
		// one counter per command name, created on its first slow command
		this.monitor.getTopology()
			.addSlowCommandListener((command) -> Counter.builder(SLOW_COMMANDS)
				.description("Slow-log entries at or above redis.monitor.slow-command-threshold")
				.tag("command", command.command())
				.register(registry)
				.increment());
	}

	private static <T> ToDoubleFunction<RedisMonitor> of(Function<RedisMonitor, @Nullable T> part,
			ToDoubleFunction<T> value, double absent) {
		return (m) -> {
			T present = part.apply(m);
			return (present != null) ? value.applyAsDouble(present) : absent;
		};
	}

	private static ToDoubleFunction<RedisMonitor> resilience(ToDoubleFunction<ResilienceStatus> value, double absent) {
		return of(RedisMonitor::getResilienceStatus, value, absent);
	}

	private static ToDoubleFunction<RedisMonitor> topology(ToDoubleFunction<TopologySnapshot> value, double absent) {
		return of((m) -> m.getTopology().getLastSnapshot(), value, absent);
	}

	private static ToDoubleFunction<RedisMonitor> pool(ToDoubleFunction<ConnectionPoolStatistics> value) {
		return of(RedisMonitor::getPoolStatistics, value, Double.NaN);
	}

	// the worst node that answered: for a single server, that server
	private static ToDoubleFunction<RedisMonitor> server(Function<ServerClients, @Nullable Number> value) {
		return topology((snapshot) -> {
			ServerClients sample = snapshot.server();
			Number number = sample.reachable() ? value.apply(sample) : null;
			return (number != null) ? number.doubleValue() : Double.NaN;
		}, Double.NaN);
	}

	private void gauge(MeterRegistry registry, String name, String description, ToDoubleFunction<RedisMonitor> value) {
		Gauge.builder(name, this.monitor, value).description(description).strongReference(true).register(registry);
	}

	private void counter(MeterRegistry registry, String name, String description,
			ToDoubleFunction<RedisMonitor> value) {
		FunctionCounter.builder(name, this.monitor, value).description(description).register(registry);
	}

}
