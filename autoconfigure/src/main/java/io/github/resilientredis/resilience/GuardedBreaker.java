package io.github.resilientredis.resilience;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreaker.State;
import io.github.resilience4j.circuitbreaker.event.CircuitBreakerOnStateTransitionEvent;
import io.lettuce.core.RedisCommandExecutionException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import io.github.resilientredis.diagnostics.RedisUnavailability;

/**
 * One circuit breaker the {@link CircuitBreakerCommandGuard} puts commands behind (the one
 * {@code redis} breaker, or the breaker of one Redis Cluster master), with the node it
 * guards, since when it is open, and the log of its state transitions.
 */
final class GuardedBreaker {

	private static final Log logger = LogFactory.getLog(CircuitBreakerCommandGuard.class);

	private final CircuitBreaker breaker;

	private final @Nullable String node;

	private final UnavailabilityTracker tracker;

	private final Clock clock;

	private final HangTarget hangTarget;

	private volatile @Nullable Instant openSince;

	GuardedBreaker(CircuitBreaker breaker, @Nullable String node, UnavailabilityTracker tracker, Clock clock) {
		this.breaker = breaker;
		this.node = node;
		this.tracker = tracker;
		this.clock = clock;
		this.hangTarget = new HangTarget(breaker, tracker);
		if (isOpen(breaker.getState())) {
			this.openSince = clock.instant();
		}
		breaker.getEventPublisher().onStateTransition(this::onStateTransition);
	}

	CircuitBreaker breaker() {
		return this.breaker;
	}

	/** What the hang detector opens when this breaker's connections stop being answered. */
	HangTarget hangTarget() {
		return this.hangTarget;
	}

	/** The {@code host:port} of the cluster node, or {@code null} for the one breaker. */
	@Nullable String node() {
		return this.node;
	}

	boolean isOpen() {
		return isOpen(this.breaker.getState());
	}

	/** Why a command is refused: names the breaker, its node, since when, the last failure. */
	String describe() {
		String lastFailure = this.tracker.getLastFailure();
		return "circuit breaker '" + this.breaker.getName() + "'" + nodeText() + " is " + this.breaker.getState()
				+ ((lastFailure != null) ? ", last failure: " + lastFailure : "");
	}

	RedisUnavailableException refusal(String command) {
		Instant since = this.openSince;
		return new RedisUnavailableException("Redis is unavailable: circuit breaker '" + this.breaker.getName()
				+ nodeText() + "' is " + this.breaker.getState() + ((since != null) ? " since " + since : "")
				+ "; last failure: " + Objects.requireNonNullElse(this.tracker.getLastFailure(), "unknown")
				+ ". Command '" + command + "' was not sent to Redis");
	}

	private String nodeText() {
		return (this.node != null) ? " (cluster node " + this.node + ")" : "";
	}

	/** Whether a breaker in this state refuses every call. */
	static boolean isOpen(State state) {
		return state == State.OPEN || state == State.FORCED_OPEN;
	}

	private void onStateTransition(CircuitBreakerOnStateTransitionEvent event) {
		State from = event.getStateTransition().getFromState();
		State to = event.getStateTransition().getToState();
		String name = "Redis circuit breaker '" + this.breaker.getName() + "'" + nodeText();
		// a half-open breaker that opens again stays open since the first opening
		if (isOpen(to) && (from != State.HALF_OPEN || this.openSince == null)) {
			this.openSince = this.clock.instant();
			logger.warn(name + " opened (" + from + " -> " + to
					+ "): commands fail fast with RedisUnavailableException, cache data is answered locally; "
					+ "last failure: " + Objects.requireNonNullElse(this.tracker.getLastFailure(), "unknown"));
		}
		else if (to == State.CLOSED) {
			this.openSince = null;
			logger.info(name + " closed (" + from + " -> " + to + "): commands go to Redis again");
		}
		else if (logger.isDebugEnabled()) {
			logger.debug(name + " " + from + " -> " + to);
		}
	}

	/**
	 * Record a command Redis answered: an error reply counts as a failure only when it
	 * means Redis is unavailable (see {@link RedisUnavailability}).
	 * @param durationNanos how long it took, less the time it blocked on purpose
	 * @param error the error reply, or {@code null}
	 */
	void answered(long durationNanos, @Nullable String error) {
		RedisCommandExecutionException reply = (error != null) ? new RedisCommandExecutionException(error) : null;
		if (reply != null && RedisUnavailability.isUnavailability(reply)) {
			failed(durationNanos, reply);
		}
		else {
			this.breaker.onSuccess(durationNanos, TimeUnit.NANOSECONDS);
		}
	}

	/**
	 * Record a command that failed without an answer (connection lost, timeout...); the
	 * breaker's record-exception predicate decides whether it counts.
	 * @param durationNanos how long it took
	 * @param failure the failure
	 */
	void failed(long durationNanos, Throwable failure) {
		if (RedisUnavailability.isUnavailability(failure)) {
			this.tracker.record(failure);
		}
		this.breaker.onError(durationNanos, TimeUnit.NANOSECONDS, failure);
	}

}
