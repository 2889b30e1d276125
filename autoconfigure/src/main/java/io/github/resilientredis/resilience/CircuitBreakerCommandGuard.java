package io.github.resilientredis.resilience;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreaker.State;
import io.github.resilience4j.circuitbreaker.event.CircuitBreakerOnStateTransitionEvent;
import io.lettuce.core.RedisChannelWriter;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.protocol.RedisCommand;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import io.github.resilientredis.connection.CommandGuard;
import io.github.resilientredis.fallback.LocalFallback;

/**
 * Puts every command Lettuce sends behind one circuit breaker: a command is written only
 * when the breaker permits it, else it fails at once with a
 * {@link RedisUnavailableException}; its outcome is recorded when Redis answers (or the
 * command fails or times out). Server errors that are the caller's (WRONGTYPE, syntax,
 * script errors) count as successes; the time a blocking command spends blocked on
 * purpose is not counted as slowness. Nothing is answered locally, except the plain
 * commands on keys the application declared as cache data
 * ({@code redis.fallback.cache-key-patterns}, see {@link CacheKeyCommands}).
 * <p>
 * Commands of a transaction are written unconditionally once its {@code MULTI} was: a
 * refused command inside {@code MULTI}/{@code EXEC} would make Redis commit the
 * transaction without it.
 */
public final class CircuitBreakerCommandGuard implements CommandGuard {

	private static final Log logger = LogFactory.getLog(CircuitBreakerCommandGuard.class);

	private static final ThreadLocal<Boolean> bypassing = new ThreadLocal<>();

	private final CircuitBreaker breaker;

	private final UnavailabilityTracker tracker;

	private final Clock clock;

	private final @Nullable CacheKeyCommands cacheKeyCommands;

	private volatile @Nullable Instant openSince;

	private volatile @Nullable HangDetector hangDetector;

	private final HangTarget hangTarget;

	/**
	 * Create a guard and start following the breaker's state transitions (for the log and
	 * the refusal message).
	 * @param breaker the circuit breaker (its configuration decides which failures count,
	 * see {@link RedisUnavailability})
	 * @param tracker records unavailability failures
	 * @param clock the clock
	 */
	public CircuitBreakerCommandGuard(CircuitBreaker breaker, UnavailabilityTracker tracker, Clock clock) {
		this(breaker, tracker, clock, List.of(), null);
	}

	/**
	 * Create a guard that also answers the plain commands on keys declared as cache data
	 * from the local fallback while Redis is unavailable (see {@link CacheKeyCommands}).
	 * @param breaker the circuit breaker
	 * @param tracker records unavailability failures
	 * @param clock the clock
	 * @param cacheKeyPatterns glob patterns of keys that are cache data
	 * ({@code redis.fallback.cache-key-patterns}); empty for none
	 * @param fallback the local fallback, or {@code null} when disabled
	 */
	public CircuitBreakerCommandGuard(CircuitBreaker breaker, UnavailabilityTracker tracker, Clock clock,
			List<String> cacheKeyPatterns, @Nullable LocalFallback fallback) {
		this.cacheKeyCommands = (!cacheKeyPatterns.isEmpty() && fallback != null)
				? new CacheKeyCommands(cacheKeyPatterns, fallback) : null;
		this.breaker = breaker;
		this.tracker = tracker;
		this.clock = clock;
		this.hangTarget = HangTarget.of(breaker, tracker);
		if (breaker.getState() == State.OPEN || breaker.getState() == State.FORCED_OPEN) {
			this.openSince = clock.instant();
		}
		breaker.getEventPublisher().onStateTransition(this::onStateTransition);
	}

	@Override
	public RedisChannelWriter guard(RedisChannelWriter writer) {
		return new GuardedChannelWriter(writer, this, this.hangDetector, this.hangTarget);
	}

	/**
	 * Let a hang detector follow the connections opened from then on, and open the breaker
	 * when Redis stops answering them (set it before the first connection).
	 * @param hangDetector the detector, or {@code null} for none
	 */
	public void setHangDetector(@Nullable HangDetector hangDetector) {
		this.hangDetector = hangDetector;
	}

	/**
	 * The circuit breaker.
	 * @return the breaker
	 */
	public CircuitBreaker getCircuitBreaker() {
		return this.breaker;
	}

	/**
	 * Run an action whose commands, sent from this thread, bypass the breaker: the
	 * recovery of the cache fallback probes Redis and replays its journal this way.
	 * @param <T> the result type
	 * @param action the action
	 * @return its result
	 */
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
		State state = this.breaker.getState();
		if ((state == State.OPEN || state == State.FORCED_OPEN) && !isBypassed()) {
			throw RedisUnavailableException.breakerOpen(this.breaker.getName(), state.name(), this.openSince,
					this.tracker.getLastFailure(), "CONNECT");
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

	/**
	 * Ask the breaker whether a command may be written.
	 * @return {@code true} when permitted (the outcome must then be recorded)
	 */
	boolean tryAcquirePermission() {
		return this.breaker.tryAcquirePermission();
	}

	/**
	 * Answer a command on a key declared as cache data locally while the fallback serves.
	 * @param command the command
	 * @return whether it was answered (and completed)
	 */
	boolean answeredLocally(RedisCommand<?, ?, ?> command) {
		return this.cacheKeyCommands != null && this.cacheKeyCommands.answerIfServing(command);
	}

	/**
	 * Complete a command the breaker refused: answered locally when it is a plain command on
	 * a key declared as cache data, else failed with a {@link RedisUnavailableException}.
	 * @param command the command
	 */
	void refuse(RedisCommand<?, ?, ?> command) {
		if (this.cacheKeyCommands != null) {
			try {
				String lastFailure = this.tracker.getLastFailure();
				if (this.cacheKeyCommands.answerRefused(command, "circuit breaker '" + this.breaker.getName()
						+ "' is " + this.breaker.getState() + ((lastFailure != null) ? ", last failure: " + lastFailure
								: ""))) {
					return;
				}
			}
			catch (RuntimeException ex) {
				logger.warn("Could not answer " + command.getType() + " from the local fallback", ex);
			}
		}
		command.completeExceptionally(refusal(command));
	}

	RedisUnavailableException refusal(RedisCommand<?, ?, ?> command) {
		return RedisUnavailableException.breakerOpen(this.breaker.getName(), this.breaker.getState().name(),
				this.openSince, this.tracker.getLastFailure(), String.valueOf(command.getType()));
	}

	/**
	 * Record a command Redis answered.
	 * @param durationNanos how long it took, less the time it blocked on purpose
	 * @param error the error reply, or {@code null}
	 */
	void answered(long durationNanos, @Nullable String error) {
		if (error != null) {
			RedisCommandExecutionException reply = new RedisCommandExecutionException(error);
			if (RedisUnavailability.isUnavailability(reply)) {
				failed(durationNanos, reply);
				return;
			}
		}
		this.breaker.onSuccess(durationNanos, TimeUnit.NANOSECONDS);
	}

	/**
	 * Record a command that failed without an answer (connection lost, timeout...).
	 * @param durationNanos how long it took
	 * @param failure the failure
	 */
	void failed(long durationNanos, Throwable failure) {
		if (RedisUnavailability.isUnavailability(failure)) {
			this.tracker.record(failure);
		}
		// the breaker's record-exception predicate decides whether it counts
		this.breaker.onError(durationNanos, TimeUnit.NANOSECONDS, failure);
	}

	/**
	 * Give back the permission of a command that was cancelled before Redis answered.
	 */
	void cancelled() {
		this.breaker.releasePermission();
	}

	private void onStateTransition(CircuitBreakerOnStateTransitionEvent event) {
		State from = event.getStateTransition().getFromState();
		State to = event.getStateTransition().getToState();
		if (to == State.OPEN || to == State.FORCED_OPEN) {
			if (from != State.HALF_OPEN || this.openSince == null) {
				this.openSince = this.clock.instant();
				logger.warn("Redis circuit breaker '" + this.breaker.getName() + "' opened (" + from + " -> " + to
						+ "): commands fail fast with RedisUnavailableException, cache data is answered locally; "
						+ "last failure: " + lastFailure());
			}
			else if (logger.isDebugEnabled()) {
				logger.debug("Redis circuit breaker '" + this.breaker.getName() + "' " + from + " -> " + to);
			}
		}
		else if (to == State.CLOSED) {
			this.openSince = null;
			logger.info("Redis circuit breaker '" + this.breaker.getName() + "' closed (" + from + " -> " + to
					+ "): commands go to Redis again");
		}
		else if (logger.isDebugEnabled()) {
			logger.debug("Redis circuit breaker '" + this.breaker.getName() + "' " + from + " -> " + to);
		}
	}

	private String lastFailure() {
		String lastFailure = this.tracker.getLastFailure();
		return (lastFailure != null) ? lastFailure : "unknown";
	}

}
