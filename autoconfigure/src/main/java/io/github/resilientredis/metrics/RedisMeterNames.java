package io.github.resilientredis.metrics;

import java.util.List;

/**
 * Names of the meters bound by {@link RedisMetrics}: dot-separated, lowercase, without
 * {@code .count}/{@code .total} suffixes (Prometheus adds {@code _total} to counters).
 * The circuit breaker's meters are Resilience4j's own ({@code resilience4j.circuitbreaker.*}).
 */
public final class RedisMeterNames {

	/** Dedicated connections currently borrowed. */
	public static final String POOL_ACTIVE = "redis.pool.active";

	/** Dedicated connections idle in the pool. */
	public static final String POOL_IDLE = "redis.pool.idle";

	/** Threads waiting for a dedicated connection. */
	public static final String POOL_WAITING = "redis.pool.waiting";

	/** Most dedicated connections that can be borrowed: max-active per pool in use (blocking, reactive). */
	public static final String POOL_MAX = "redis.pool.max";

	/** Connections held past the leak detection threshold (counter, each borrow once). */
	public static final String POOL_LEAK_SUSPECTS = "redis.pool.leak.suspects";

	/** connected_clients of the server (all applications); in Cluster and Sentinel, of the worst reachable node. */
	public static final String SERVER_CLIENTS_CONNECTED = "redis.server.clients.connected";

	/** maxclients of the server. */
	public static final String SERVER_CLIENTS_MAX = "redis.server.clients.max";

	/** blocked_clients of the server. */
	public static final String SERVER_CLIENTS_BLOCKED = "redis.server.clients.blocked";

	/** connected_clients / maxclients, from 0 to 1. */
	public static final String SERVER_CLIENTS_UTILIZATION = "redis.server.clients.utilization";

	/** rejected_connections of the server since it started (maxclients reached). */
	public static final String SERVER_CONNECTIONS_REJECTED = "redis.server.connections.rejected";

	/** Reconnect attempts since start (counter). */
	public static final String RECONNECT_ATTEMPTS = "redis.reconnect.attempts";

	/** 1 while the client is stuck reconnecting, else 0. */
	public static final String RECONNECT_STUCK = "redis.reconnect.stuck";

	/** Connection resets (manual and automatic) since start (counter). */
	public static final String CONNECTION_RESETS = "redis.connection.resets";

	/** 1 while the local fallback serves, else 0. */
	public static final String FALLBACK_ACTIVE = "redis.fallback.active";

	/** Entries in the local fallback store. */
	public static final String FALLBACK_ENTRIES = "redis.fallback.entries";

	/** Reads served by the fallback (counter). */
	public static final String FALLBACK_HITS = "redis.fallback.hits";

	/** Reads the fallback could not answer (counter). */
	public static final String FALLBACK_MISSES = "redis.fallback.misses";

	/** Journal replays on recovery (counter). */
	public static final String JOURNAL_REPLAYS = "redis.journal.replays";

	/** Keys and caches journaled for invalidation on recovery. */
	public static final String JOURNAL_SIZE = "redis.journal.size";

	/** Slow-log entries at or above redis.monitor.slow-command-threshold (counter, tag {@code command}). */
	public static final String SLOW_COMMANDS = "redis.slow.commands";

	/** Monitored nodes (standalone server, cluster masters and replicas, sentinel master and replicas). */
	public static final String NODES = "redis.nodes";

	/** Monitored nodes that could not be reached at the last sample. */
	public static final String NODES_UNREACHABLE = "redis.nodes.unreachable";

	/** Master changes the sentinels announced since start (counter). */
	public static final String SENTINEL_FAILOVERS = "redis.sentinel.failovers";

	/** Every name above. */
	public static final List<String> ALL = List.of(POOL_ACTIVE, POOL_IDLE, POOL_WAITING, POOL_MAX,
			POOL_LEAK_SUSPECTS, SERVER_CLIENTS_CONNECTED, SERVER_CLIENTS_MAX, SERVER_CLIENTS_BLOCKED,
			SERVER_CLIENTS_UTILIZATION, SERVER_CONNECTIONS_REJECTED, RECONNECT_ATTEMPTS, RECONNECT_STUCK,
			CONNECTION_RESETS, FALLBACK_ACTIVE, FALLBACK_ENTRIES, FALLBACK_HITS, FALLBACK_MISSES, JOURNAL_REPLAYS,
			JOURNAL_SIZE, SLOW_COMMANDS, NODES, NODES_UNREACHABLE, SENTINEL_FAILOVERS);

	/** The names in {@link #ALL} a scrape shows only after their first event (one counter per command name). */
	public static final List<String> CREATED_ON_FIRST_EVENT = List.of(SLOW_COMMANDS);

	/** Cached values their cache could not read (counter, tag {@code cache}); created on the first, not in ALL. */
	public static final String CACHE_DECODE_FAILURES = "redis.cache.decode.failures";

	private RedisMeterNames() {
	}

}
