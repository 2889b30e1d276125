package io.github.resilientredis.resilience;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreaker.State;

/**
 * The circuit breaker that guards a connection, as the {@link HangDetector} sees it: the
 * detector opens it when the connection waits too long for Redis. Connections guarded by
 * the same breaker are judged together.
 */
public interface HangTarget {

	/**
	 * Whether the breaker lets commands through (only then is a hang news).
	 * @return {@code true} when closed or half-open
	 */
	boolean isAdmitting();

	/**
	 * Open the breaker because Redis stopped answering.
	 * @param failure what was detected, recorded as the last failure
	 */
	void open(RedisHangException failure);

	/**
	 * The target for a breaker.
	 * @param breaker the breaker
	 * @param tracker records the failure that opened it
	 * @return the target
	 */
	static HangTarget of(CircuitBreaker breaker, UnavailabilityTracker tracker) {
		return new BreakerHangTarget(breaker, tracker);
	}

	/**
	 * A {@link HangTarget} for one Resilience4j breaker.
	 * @param breaker the breaker
	 * @param tracker records the failure that opened it
	 */
	record BreakerHangTarget(CircuitBreaker breaker, UnavailabilityTracker tracker) implements HangTarget {

		@Override
		public boolean isAdmitting() {
			State state = this.breaker.getState();
			return state == State.CLOSED || state == State.HALF_OPEN;
		}

		@Override
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

}
