package io.github.resilientredis.resilience;

import java.time.Clock;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.lettuce.core.RedisChannelWriter;
import io.lettuce.core.protocol.RedisCommand;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import io.github.resilientredis.connection.ClusterTopology;
import io.github.resilientredis.connection.CommandGuard;
import io.github.resilientredis.fallback.LocalFallback;

/**
 * Puts every command Lettuce sends behind a circuit breaker: a command is written only
 * when the breaker permits it, else it fails at once with a
 * {@link RedisUnavailableException}; its outcome is recorded when Redis answers (or the
 * command fails or times out). Server errors that are the caller's (WRONGTYPE, syntax,
 * script errors) count as successes; the time a blocking command spends blocked on
 * purpose is not counted as slowness. Nothing is answered locally, except the plain
 * commands on keys the application declared as cache data
 * ({@code redis.fallback.cache-key-patterns}, see {@link CacheKeyCommands}).
 * <p>
 * Standalone and Sentinel-managed Redis have one breaker; in a Redis Cluster each master
 * node gets its own (see {@link BreakerRouter}), so a dead master fails only the commands
 * for its slots. Which breaker guards a connection is decided in one place: the router,
 * when the connection's writer learns its node.
 * <p>
 * Commands of a transaction are written unconditionally once its {@code MULTI} was: a
 * refused command inside {@code MULTI}/{@code EXEC} would make Redis commit the
 * transaction without it.
 */
public final class CircuitBreakerCommandGuard implements CommandGuard, AutoCloseable {

	private static final Log logger = LogFactory.getLog(CircuitBreakerCommandGuard.class);

	private static final ThreadLocal<Boolean> bypassing = new ThreadLocal<>();

	private final BreakerRouter router;

	private final @Nullable CacheKeyCommands cacheKeyCommands;

	private volatile @Nullable HangDetector hangDetector;

	/**
	 * Create a guard and start following the breakers' state transitions (for the log and
	 * the refusal message).
	 * @param breaker the circuit breaker of standalone and Sentinel-managed Redis, and of
	 * cluster connections whose node serves no slots
	 * @param nodeBreakers creates the breaker of a cluster master, by name, with the same
	 * configuration as {@code breaker}; {@code null} to guard every node with {@code breaker}
	 * @param tracker records unavailability failures
	 * @param clock the clock
	 * @param cacheKeyPatterns {@code redis.fallback.cache-key-patterns}; empty for none
	 * @param fallback the local fallback, or {@code null} when disabled
	 */
	public CircuitBreakerCommandGuard(CircuitBreaker breaker, @Nullable Function<String, CircuitBreaker> nodeBreakers,
			UnavailabilityTracker tracker, Clock clock, List<String> cacheKeyPatterns,
			@Nullable LocalFallback fallback) {
		this.cacheKeyCommands = (!cacheKeyPatterns.isEmpty() && fallback != null)
				? new CacheKeyCommands(cacheKeyPatterns, fallback) : null;
		this.router = new BreakerRouter(breaker, nodeBreakers, tracker, clock);
	}

	@Override
	public RedisChannelWriter guard(RedisChannelWriter writer) {
		return new GuardedChannelWriter(writer, this, this.hangDetector);
	}

	/**
	 * Let a hang detector (or {@code null} for none) follow the connections opened from
	 * then on, and open the breaker when Redis stops answering them.
	 */
	public void setHangDetector(@Nullable HangDetector hangDetector) {
		this.hangDetector = hangDetector;
	}

	@Override
	public void clusterTopology(ClusterTopology topology) {
		this.router.clusterTopology(topology);
	}

	/** The one circuit breaker (in a cluster, of connections to nodes without slots). */
	public CircuitBreaker getCircuitBreaker() {
		return this.router.base().breaker();
	}

	/** The router that decides which breaker guards a connection. */
	public BreakerRouter getRouter() {
		return this.router;
	}

	@Override
	public void close() {
		this.router.close();
	}

	@Override
	public <T> T bypass(Supplier<T> action) {
		Boolean previous = bypassing.get();
		bypassing.set(Boolean.TRUE);
		try {
			return action.get();
		}
		finally {
			if (previous == null) {
				bypassing.remove();
			}
		}
	}

	boolean isBypassed() {
		return bypassing.get() != null;
	}

	/**
	 * Refuse to open a new connection while the breaker is open: connecting to an
	 * unreachable Redis can take the whole connect timeout, and the command it is for
	 * would be refused anyway.
	 */
	@Override
	public void admitConnect() {
		GuardedBreaker base = this.router.base();
		if (base.isOpen() && !isBypassed()) {
			throw base.refusal("CONNECT");
		}
	}

	@Override
	public Runnable propagate(Runnable task) {
		if (!isBypassed()) {
			return task;
		}
		return () -> bypass(() -> {
			task.run();
			return null;
		});
	}

	/** Answer a command on a key declared as cache data locally while the fallback serves; whether it did. */
	boolean answeredLocally(RedisCommand<?, ?, ?> command) {
		return answer(command, null);
	}

	/**
	 * Complete a command the breaker refused: answered locally when it is a plain command on
	 * a key declared as cache data, else failed with a {@link RedisUnavailableException}.
	 */
	void refuse(RedisCommand<?, ?, ?> command, GuardedBreaker breaker) {
		if (!answer(command, breaker.describe())) {
			command.completeExceptionally(breaker.refusal(String.valueOf(command.getType())));
		}
	}

	/**
	 * A local answer that fails is never retried on Redis while the fallback serves the key
	 * (Redis may hold a value the fallback has since replaced): the command fails with the
	 * error, or, refused by the breaker, with the refusal.
	 */
	private boolean answer(RedisCommand<?, ?, ?> command, @Nullable String refusal) {
		if (this.cacheKeyCommands == null) {
			return false;
		}
		try {
			return this.cacheKeyCommands.answer(command, refusal);
		}
		catch (RuntimeException ex) {
			logger.warn("Could not answer " + command.getType() + " from the local fallback", ex);
			if (refusal == null) {
				command.completeExceptionally(ex);
				return true;
			}
			return false;
		}
	}

}
