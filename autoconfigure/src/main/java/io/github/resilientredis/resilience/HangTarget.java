package io.github.resilientredis.resilience;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreaker.State;

/**
 * The circuit breaker that guards a connection, as the {@link HangDetector} sees it: the
 * detector opens it when the connection waits too long for Redis. Connections guarded by
 * the same breaker are judged together.
 *
 * @param breaker the breaker
 * @param tracker records the failure that opened it
 */
public record HangTarget(CircuitBreaker breaker, UnavailabilityTracker tracker) {

	/** Whether the breaker lets commands through, closed or half-open (only then is a hang news). */
	public boolean isAdmitting() {
		State state = this.breaker.getState();
		return state == State.CLOSED || state == State.HALF_OPEN;
	}

	/** Open the breaker because Redis stopped answering, with what was detected as the last failure. */
	public void open(RedisHangException failure) {
		if (!isAdmitting()) {
			return;
		}
		this.tracker.record(failure);
		try {
			this.breaker.transitionToOpenState();
		}
		catch (RuntimeException ex) {
			// another thread moved the breaker first (IllegalStateTransitionException)
		}
	}

}
