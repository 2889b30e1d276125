package io.github.resilientredis.resilience;

import java.time.Instant;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.jspecify.annotations.Nullable;

import io.github.resilientredis.fallback.LocalFallback;

/**
 * {@link ResilienceStatus} read from the circuit breaker, the local fallback and the
 * unavailability tracker.
 */
public final class DefaultResilienceStatus implements ResilienceStatus {

	private final @Nullable CircuitBreaker breaker;

	private final @Nullable LocalFallback fallback;

	private final UnavailabilityTracker tracker;

	private final LongSupplier replays;

	private final String breakerName;

	private final Supplier<List<BreakerSnapshot>> breakers;

	/**
	 * Create a status.
	 * @param breakerName the breaker name (also when the breaker is disabled)
	 * @param breaker the breaker, or {@code null} when disabled
	 * @param fallback the fallback, or {@code null} when disabled
	 * @param tracker records unavailability failures
	 * @param replays the number of journal replays done
	 */
	public DefaultResilienceStatus(String breakerName, @Nullable CircuitBreaker breaker,
			@Nullable LocalFallback fallback, UnavailabilityTracker tracker, LongSupplier replays) {
		this(breakerName, breaker, fallback, tracker, replays, List::of);
	}

	/**
	 * Create a status that also lists every breaker of the command guard.
	 * @param breakerName the breaker name (also when the breaker is disabled)
	 * @param breaker the one breaker, or {@code null} when disabled
	 * @param fallback the fallback, or {@code null} when disabled
	 * @param tracker records unavailability failures
	 * @param replays the number of journal replays done
	 * @param breakers the snapshots of every breaker (see {@link BreakerRouter#snapshots()})
	 */
	public DefaultResilienceStatus(String breakerName, @Nullable CircuitBreaker breaker,
			@Nullable LocalFallback fallback, UnavailabilityTracker tracker, LongSupplier replays,
			Supplier<List<BreakerSnapshot>> breakers) {
		this.breakers = breakers;
		this.breakerName = breakerName;
		this.breaker = breaker;
		this.fallback = fallback;
		this.tracker = tracker;
		this.replays = replays;
	}

	@Override
	public String getCircuitBreakerName() {
		return this.breakerName;
	}

	@Override
	public String getCircuitBreakerState() {
		return (this.breaker != null) ? this.breaker.getState().name() : CircuitBreaker.State.DISABLED.name();
	}

	@Override
	public List<BreakerSnapshot> getBreakers() {
		return this.breakers.get();
	}

	@Override
	public boolean isFallbackActive() {
		return this.fallback != null && this.fallback.isActive();
	}

	@Override
	public @Nullable Instant getFallbackActiveSince() {
		return (this.fallback != null) ? this.fallback.getActiveSince() : null;
	}

	@Override
	public long getFallbackEntries() {
		return (this.fallback != null) ? this.fallback.getStore().size() : 0;
	}

	@Override
	public int getJournalSize() {
		return (this.fallback != null) ? this.fallback.getJournal().size() : 0;
	}

	@Override
	public boolean isJournalOverflowed() {
		return this.fallback != null && this.fallback.getJournal().isOverflowed();
	}

	@Override
	public @Nullable String getLastFailure() {
		return this.tracker.getLastFailure();
	}

	@Override
	public @Nullable Instant getLastFailureAt() {
		return this.tracker.getLastFailureAt();
	}

	@Override
	public long getFallbackHits() {
		return (this.fallback != null) ? this.fallback.getStore().getHits() : 0;
	}

	@Override
	public long getFallbackMisses() {
		return (this.fallback != null) ? this.fallback.getStore().getMisses() : 0;
	}

	@Override
	public long getJournalReplays() {
		return this.replays.getAsLong();
	}

}
