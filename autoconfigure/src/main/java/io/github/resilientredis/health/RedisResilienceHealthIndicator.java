package io.github.resilientredis.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import io.github.resilientredis.diagnostics.Causes;
import io.github.resilientredis.diagnostics.ConnectionFailureHints.Hint;
import io.github.resilientredis.diagnostics.Redaction;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.api.async.RedisAsyncCommands;
import org.jspecify.annotations.Nullable;

import io.github.resilientredis.monitor.ConfigurationCheck;
import io.github.resilientredis.monitor.NodeSnapshot;
import io.github.resilientredis.monitor.OutOfBandConnection;
import io.github.resilientredis.monitor.RedisMonitor;
import io.github.resilientredis.monitor.RedisMonitor.PoolSection;
import io.github.resilientredis.monitor.ServerClients;
import io.github.resilientredis.monitor.TopologySnapshot;
import io.github.resilientredis.resilience.ResilienceStatus;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * Redis health that never hangs: a PING under a hard deadline on the monitoring
 * connection (never the application's pool or breaker), plus server, pool, breaker,
 * fallback and reconnect details, cached for a short time. Every node of the topology is
 * sampled: the worst one is named ({@code worstNode}: unreachable first, then the highest
 * utilization of its own maxclients), the others are listed ({@code nodes}), and a master
 * serving data that cannot be reached makes the status DOWN. Reports {@link #DEGRADED}
 * (or the configured status) while the local fallback serves, and {@link #MISCONFIGURED}
 * (or the configured status) while a {@link ConfigurationCheck} knows of a configuration
 * error, with its hint as the {@code error} detail; a PING that succeeds then re-runs the
 * check, which clears the error when it passes.
 */
public class RedisResilienceHealthIndicator implements HealthIndicator {

	/**
	 * Redis is unavailable or recovering and the local fallback serves reads and writes.
	 */
	public static final Status DEGRADED = new Status("DEGRADED",
			"Redis unavailable; serving from the local fallback");

	/**
	 * Redis refuses the application's configuration (password, TLS, permissions,
	 * database, cluster or sentinel settings): waiting does not help, the configuration
	 * must change.
	 */
	public static final Status MISCONFIGURED = new Status("MISCONFIGURED",
			"Redis refuses the configuration; see the error detail for the property to fix");

	private final RedisMonitor monitor;

	private final Duration timeout;

	private final Duration cacheTtl;

	private final Status fallbackStatus;

	private final Clock clock;

	private final @Nullable ConfigurationCheck configurationCheck;

	private final Status misconfiguredStatus;

	private @Nullable Health cached;

	private Instant cachedUntil = Instant.MIN;

	/**
	 * Create the indicator.
	 * @param monitor the monitoring parts
	 * @param timeout hard deadline of the PING and of the server sample
	 * @param cacheTtl how long a result is reused
	 * @param fallbackStatus status while the fallback serves
	 * @param clock the clock
	 * @param configurationCheck the check that knows of configuration errors, or
	 * {@code null} for none
	 * @param misconfiguredStatus status while a configuration error is known
	 */
	public RedisResilienceHealthIndicator(RedisMonitor monitor, Duration timeout, Duration cacheTtl,
			Status fallbackStatus, Clock clock, @Nullable ConfigurationCheck configurationCheck,
			Status misconfiguredStatus) {
		this.monitor = monitor;
		this.timeout = timeout;
		this.cacheTtl = cacheTtl;
		this.fallbackStatus = fallbackStatus;
		this.clock = clock;
		this.configurationCheck = configurationCheck;
		this.misconfiguredStatus = misconfiguredStatus;
	}

	/** The status of the {@code redis.health.fallback-status} setting: DEGRADED, DOWN or any other code. */
	public static Status fallbackStatus(String value) {
		String code = value.trim().toUpperCase(Locale.ROOT);
		if (code.isEmpty()) {
			throw new IllegalArgumentException(
					"redis.health.fallback-status must not be empty; use DEGRADED (HTTP 200) or DOWN (HTTP 503)");
		}
		// a Status equals Boot's constant of the same code (DOWN, UP, ...): only DEGRADED has a description
		return code.equals("DEGRADED") ? DEGRADED : new Status(code);
	}

	/** The status of the {@code redis.health.misconfigured-status} setting: MISCONFIGURED, DOWN or DEGRADED. */
	public static Status misconfiguredStatus(String value) {
		return switch (value.trim().toUpperCase(Locale.ROOT)) {
			case "MISCONFIGURED" -> MISCONFIGURED;
			case "DOWN" -> Status.DOWN;
			case "DEGRADED" -> DEGRADED;
			default -> throw new IllegalArgumentException("redis.health.misconfigured-status must be MISCONFIGURED "
					+ "(HTTP 503), DOWN (HTTP 503) or DEGRADED (HTTP 200), was '" + value + "'");
		};
	}

	@Override
	public synchronized Health health() {
		Health health = this.cached;
		if (health == null || !this.clock.instant().isBefore(this.cachedUntil)) {
			health = check();
			this.cached = health;
			this.cachedUntil = this.clock.instant().plus(this.cacheTtl);
		}
		return health;
	}

	private Health check() {
		Map<String, Object> details = new LinkedHashMap<>();
		long start = System.nanoTime();
		boolean reachable;
		try {
			this.monitor.getConnection().execute(RedisAsyncCommands::ping, this.timeout);
			details.put("pingLatencyMs", Math.round((System.nanoTime() - start) / 10_000.0) / 100.0);
			reachable = true;
		}
		catch (OutOfBandConnection.OutOfBandException | RedisCommandExecutionException ex) {
			Optional<Hint> hint = Optional.ofNullable(this.configurationCheck).flatMap((check) -> check.failed(ex));
			details.put("error", hint.map(Hint::message).orElseGet(() -> oneLineCause(ex)));
			reachable = false;
		}
		if (reachable && this.configurationCheck != null && this.configurationCheck.misconfiguration().isPresent()) {
			// PING alone does not show a missing permission: the whole check decides
			this.configurationCheck.run(this.timeout);
		}
		Hint misconfiguration = (this.configurationCheck != null)
				? this.configurationCheck.misconfiguration().orElse(null) : null;
		if (misconfiguration != null) {
			details.put("error", misconfiguration.message());
		}
		boolean masterUnreachable = false;
		if (reachable) {
			// the server answered: give the sample its own deadline rather than what is
			// left of the PING's, so a slow but alive server is not reported unreachable
			TopologySnapshot topology = this.monitor.getTopology().sampleNow(this.timeout);
			nodeDetails(topology, details);
			masterUnreachable = topology.masterUnreachable();
		}
		PoolSection pool = this.monitor.pool(false);
		if (pool.available() == null) {
			details.put("pool", pool);
		}
		ResilienceStatus resilience = this.monitor.getResilienceStatus();
		if (resilience != null) {
			details.put("circuitBreaker", resilience.getCircuitBreakerState());
			if (resilience.getBreakers().size() > 1) {
				// Redis Cluster: the state of each master's breaker, by breaker name
				Map<String, String> shards = new LinkedHashMap<>();
				resilience.getBreakers().stream().skip(1).forEach((shard) -> shards.put(shard.name(), shard.state()));
				details.put("shardCircuitBreakers", shards);
			}
			details.put("fallback", new FallbackHealth(resilience.isFallbackActive(), resilience.getFallbackEntries(),
					resilience.getJournalSize()));
		}
		if (this.monitor.getTracker() != null) {
			details.put("reconnectAttempts", this.monitor.getTracker().getCurrentAttempts());
			details.put("stuck", this.monitor.getTracker().isStuck());
		}
		return Health.status(status(reachable && !masterUnreachable, resilience, misconfiguration))
			.withDetails(details)
			.build();
	}

	// the figures of the worst node that answered, as for a single server; the worst
	// node of all by name; the others listed
	private void nodeDetails(TopologySnapshot topology, Map<String, Object> details) {
		ServerClients figures = topology.server();
		if (figures.reachable()) {
			details.putAll(figures.healthFigures());
		}
		NodeSnapshot worst = topology.worstNode().orElse(null);
		if (worst != null) {
			details.put("topology", topology.type());
			details.put("worstNode", NodeHealth.of(worst));
			List<NodeHealth> others = topology.nodes()
				.stream()
				.filter((node) -> node != worst)
				.sorted(NodeSnapshot.WORST_FIRST)
				.map(NodeHealth::of)
				.toList();
			if (!others.isEmpty()) {
				details.put("nodes", others);
			}
		}
		if (topology.discoveryError() != null) {
			details.put("topologyError", topology.discoveryError());
		}
	}

	/** The fallback detail: whether the local fallback serves, its entries, keys journaled during the outage. */
	public record FallbackHealth(boolean active, long entries, int journalSize) {
	}

	// what the log says without the wrappers that repeat their cause's description
	private static String oneLineCause(Throwable failure) {
		return Redaction.describe(Causes.of(failure).stream()
			.filter((ex) -> ex.getCause() == null || !(isWrapper(ex)
					|| (ex instanceof OutOfBandConnection.OutOfBandException && isWrapper(ex.getCause()))))
			.findFirst()
			.orElse(failure));
	}

	private static boolean isWrapper(Throwable failure) {
		return failure instanceof ExecutionException || failure instanceof CompletionException;
	}

	private Status status(boolean reachable, @Nullable ResilienceStatus resilience, @Nullable Hint misconfiguration) {
		if (misconfiguration != null) {
			// a configuration error outranks the fallback it causes
			return new Status(this.misconfiguredStatus.getCode(), misconfiguration.message());
		}
		if (resilience != null && resilience.isFallbackActive()) {
			return this.fallbackStatus;
		}
		return reachable ? Status.UP : Status.DOWN;
	}

}
