package io.github.resilientredis.metrics;

import java.util.function.Function;
import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;

import io.github.resilientredis.connection.ConnectionPoolStatistics;
import io.github.resilientredis.monitor.ReconnectTracker;
import io.github.resilientredis.monitor.RedisMonitor;
import io.github.resilientredis.monitor.NodeSnapshot;
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
		pool(registry, RedisMeterNames.POOL_ACTIVE, "Dedicated connections borrowed", ConnectionPoolStatistics::getActive);
		pool(registry, RedisMeterNames.POOL_IDLE, "Dedicated connections idle in the pool",
				ConnectionPoolStatistics::getIdle);
		pool(registry, RedisMeterNames.POOL_WAITING, "Threads waiting for a dedicated connection",
				ConnectionPoolStatistics::getWaiting);
		pool(registry, RedisMeterNames.POOL_MAX, "Maximum borrowed dedicated connections",
				ConnectionPoolStatistics::getMaxActive);
		counter(registry, RedisMeterNames.POOL_LEAK_SUSPECTS, "Connections held past the leak detection threshold",
				(m) -> (m.getLeakDetector() != null) ? m.getLeakDetector().getSuspectsTotal() : 0);
		server(registry, RedisMeterNames.SERVER_CLIENTS_CONNECTED, "connected_clients of the Redis server",
				ServerClients::connectedClients);
		server(registry, RedisMeterNames.SERVER_CLIENTS_MAX, "maxclients of the Redis server",
				ServerClients::maxClients);
		server(registry, RedisMeterNames.SERVER_CLIENTS_BLOCKED, "blocked_clients of the Redis server",
				ServerClients::blockedClients);
		server(registry, RedisMeterNames.SERVER_CLIENTS_UTILIZATION, "connected_clients / maxclients (0 to 1)",
				(sample) -> (sample.utilizationPercent() != null) ? sample.utilizationPercent() / 100.0 : null);
		gauge(registry, RedisMeterNames.SERVER_CONNECTIONS_REJECTED,
				"rejected_connections of the Redis server since it started", (m) -> {
					ServerClients sample = serverSample(m);
					return (sample != null && sample.rejectedConnections() != null) ? sample.rejectedConnections()
							: Double.NaN;
				});
		counter(registry, RedisMeterNames.RECONNECT_ATTEMPTS, "Reconnect attempts",
				(m) -> tracker(m, ReconnectTracker::getTotalAttempts));
		gauge(registry, RedisMeterNames.RECONNECT_STUCK, "1 while the client is stuck reconnecting",
				(m) -> tracker(m, (t) -> t.isStuck() ? 1 : 0));
		counter(registry, RedisMeterNames.CONNECTION_RESETS, "Connection resets",
				(m) -> (m.getResetter() != null) ? m.getResetter().getResets() : 0);
		resilience(registry, RedisMeterNames.FALLBACK_ACTIVE, "1 while the local fallback serves",
				(s) -> s.isFallbackActive() ? 1 : 0, false);
		resilience(registry, RedisMeterNames.FALLBACK_ENTRIES, "Entries in the local fallback store",
				ResilienceStatus::getFallbackEntries, false);
		resilience(registry, RedisMeterNames.FALLBACK_HITS, "Reads served by the fallback",
				ResilienceStatus::getFallbackHits, true);
		resilience(registry, RedisMeterNames.FALLBACK_MISSES, "Reads the fallback could not answer",
				ResilienceStatus::getFallbackMisses, true);
		resilience(registry, RedisMeterNames.JOURNAL_REPLAYS, "Journal replays on recovery",
				ResilienceStatus::getJournalReplays, true);
		resilience(registry, RedisMeterNames.JOURNAL_SIZE, "Keys and caches journaled for invalidation",
				ResilienceStatus::getJournalSize, false);
		topology(registry);
	}

	private void topology(MeterRegistry registry) {
		gauge(registry, RedisMeterNames.NODES, "Monitored Redis nodes", (m) -> {
			TopologySnapshot snapshot = m.getTopology().getLastSnapshot();
			return (snapshot != null) ? snapshot.nodes().size() : Double.NaN;
		});
		gauge(registry, RedisMeterNames.NODES_UNREACHABLE, "Monitored Redis nodes not reachable", (m) -> {
			TopologySnapshot snapshot = m.getTopology().getLastSnapshot();
			return (snapshot != null) ? snapshot.nodes().stream().filter((node) -> !node.reachable()).count()
					: Double.NaN;
		});
		counter(registry, RedisMeterNames.SENTINEL_FAILOVERS, "Master changes the sentinels announced", (m) -> {
			TopologySnapshot snapshot = m.getTopology().getLastSnapshot();
			return (snapshot != null) ? snapshot.failovers().size() : 0;
		});
		// one counter per command name, created on its first slow command
		this.monitor.getTopology()
			.addSlowCommandListener((command) -> Counter.builder(RedisMeterNames.SLOW_COMMANDS)
				.description("Slow-log entries at or above redis.monitor.slow-command-threshold")
				.tag("command", command.command())
				.register(registry)
				.increment());
	}

	// the worst node that answered: for a single server, that server
	private static @Nullable ServerClients serverSample(RedisMonitor monitor) {
		TopologySnapshot snapshot = monitor.getTopology().getLastSnapshot();
		if (snapshot != null) {
			return snapshot.nodes()
				.stream()
				.filter(NodeSnapshot::reachable)
				.min(NodeSnapshot.WORST_FIRST)
				.map(NodeSnapshot::clients)
				.orElse(null);
		}
		return monitor.getSampler().getLastSample();
	}

	private static double tracker(RedisMonitor monitor, ToDoubleFunction<ReconnectTracker> value) {
		ReconnectTracker tracker = monitor.getTracker();
		return (tracker != null) ? value.applyAsDouble(tracker) : Double.NaN;
	}

	private void pool(MeterRegistry registry, String name, String description,
			ToDoubleFunction<ConnectionPoolStatistics> value) {
		gauge(registry, name, description, (m) -> {
			ConnectionPoolStatistics statistics = m.getPoolStatistics();
			return (statistics != null) ? value.applyAsDouble(statistics) : Double.NaN;
		});
	}

	private void server(MeterRegistry registry, String name, String description,
			Function<ServerClients, @Nullable Number> value) {
		gauge(registry, name, description, (m) -> {
			ServerClients sample = serverSample(m);
			Number number = (sample != null) ? value.apply(sample) : null;
			return (number != null) ? number.doubleValue() : Double.NaN;
		});
	}

	private void resilience(MeterRegistry registry, String name, String description,
			ToDoubleFunction<ResilienceStatus> value, boolean counter) {
		ToDoubleFunction<RedisMonitor> read = (m) -> {
			ResilienceStatus status = m.getResilienceStatus();
			return (status != null) ? value.applyAsDouble(status) : (counter ? 0 : Double.NaN);
		};
		if (counter) {
			counter(registry, name, description, read);
		}
		else {
			gauge(registry, name, description, read);
		}
	}

	private void gauge(MeterRegistry registry, String name, String description, ToDoubleFunction<RedisMonitor> value) {
		Gauge.builder(name, this.monitor, value).description(description).strongReference(true).register(registry);
	}

	private void counter(MeterRegistry registry, String name, String description,
			ToDoubleFunction<RedisMonitor> value) {
		FunctionCounter.builder(name, this.monitor, value).description(description).register(registry);
	}

}
