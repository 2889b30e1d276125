package io.github.resilientredis.monitor;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import io.github.resilientredis.diagnostics.Redaction;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilientredis.fallback.ResilienceListener;

/**
 * Bounded, thread-safe history of the most recent connection, breaker and fallback
 * events, newest last, for {@code /actuator/redis/events}.
 */
public class EventHistory implements ResilienceListener {

	private final int capacity;

	private final Clock clock;

	private final Deque<RedisEvent> events;

	public EventHistory(int capacity) {
		this(capacity, Clock.systemUTC());
	}

	public EventHistory(int capacity, Clock clock) {
		if (capacity < 1) {
			throw new IllegalArgumentException("redis.monitor.event-history-size must be at least 1, was "
					+ capacity + "; set it to a positive number such as 100");
		}
		this.capacity = capacity;
		this.clock = clock;
		this.events = new ArrayDeque<>(capacity);
	}

	/** Record an event now, its detail redacted; the oldest is dropped when the history is full. */
	public void record(RedisEvent.Type type, String detail) {
		RedisEvent event = new RedisEvent(this.clock.instant(), type, String.valueOf(Redaction.redact(detail)));
		synchronized (this.events) {
			if (this.events.size() == this.capacity) {
				this.events.removeFirst();
			}
			this.events.addLast(event);
		}
	}

	/** A copy of the recorded events, oldest first. */
	public List<RedisEvent> getEvents() {
		synchronized (this.events) {
			return new ArrayList<>(this.events);
		}
	}

	public int getCapacity() {
		return this.capacity;
	}

	/** Record the state transitions of a circuit breaker. */
	public void follow(CircuitBreaker circuitBreaker) {
		circuitBreaker.getEventPublisher()
			.onStateTransition((event) -> record(RedisEvent.Type.CIRCUIT_BREAKER,
					event.getCircuitBreakerName() + ": " + event.getStateTransition().getFromState() + " -> "
							+ event.getStateTransition().getToState()));
	}

	@Override
	public void fallbackActivated(String cause) {
		record(RedisEvent.Type.FALLBACK_ACTIVATED, "fallback serving: " + cause);
	}

	@Override
	public void fallbackDeactivated(int invalidatedKeys, int clearedCaches, Duration outage) {
		record(RedisEvent.Type.FALLBACK_DEACTIVATED, "journal replayed (" + invalidatedKeys + " keys invalidated, "
				+ clearedCaches + " caches cleared) after " + outage + " on the fallback");
	}

	@Override
	public void journalReplayFailed(String cause) {
		record(RedisEvent.Type.JOURNAL_REPLAY_FAILED, "journal replay failed, fallback keeps serving: " + cause);
	}

}
