package io.github.resilientredis.resilience;

import java.time.Clock;
import java.time.Instant;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreaker.State;
import io.github.resilience4j.circuitbreaker.event.CircuitBreakerOnStateTransitionEvent;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

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

	private volatile @Nullable Instant openSince;

	GuardedBreaker(CircuitBreaker breaker, @Nullable String node, UnavailabilityTracker tracker, Clock clock) {
		this.breaker = breaker;
		this.node = node;
		this.tracker = tracker;
		this.clock = clock;
		if (isOpen(breaker.getState())) {
			this.openSince = clock.instant();
		}
		breaker.getEventPublisher().onStateTransition(this::onStateTransition);
	}

	CircuitBreaker breaker() {
		return this.breaker;
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
		return RedisUnavailableException.breakerOpen(this.breaker.getName() + nodeText(),
				this.breaker.getState().name(), this.openSince, this.tracker.getLastFailure(), command);
	}

	private String nodeText() {
		return (this.node != null) ? " (cluster node " + this.node + ")" : "";
	}

	private static boolean isOpen(State state) {
		return state == State.OPEN || state == State.FORCED_OPEN;
	}

	private void onStateTransition(CircuitBreakerOnStateTransitionEvent event) {
		State from = event.getStateTransition().getFromState();
		State to = event.getStateTransition().getToState();
		String name = "Redis circuit breaker '" + this.breaker.getName() + "'" + nodeText();
		if (isOpen(to)) {
			if (from != State.HALF_OPEN || this.openSince == null) {
				this.openSince = this.clock.instant();
				logger.warn(name + " opened (" + from + " -> " + to
						+ "): commands fail fast with RedisUnavailableException, cache data is answered locally; "
						+ "last failure: " + lastFailure());
			}
			else if (logger.isDebugEnabled()) {
				logger.debug(name + " " + from + " -> " + to);
			}
		}
		else if (to == State.CLOSED) {
			this.openSince = null;
			logger.info(name + " closed (" + from + " -> " + to + "): commands go to Redis again");
		}
		else if (logger.isDebugEnabled()) {
			logger.debug(name + " " + from + " -> " + to);
		}
	}

	private String lastFailure() {
		String lastFailure = this.tracker.getLastFailure();
		return (lastFailure != null) ? lastFailure : "unknown";
	}

}
