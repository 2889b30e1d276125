package io.github.resilientredis.resilience;

import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.jspecify.annotations.Nullable;

import io.github.resilientredis.fallback.LocalFallback;

/**
 * {@link ResilienceStatus} read from the circuit breaker, the local fallback and the
 * unavailability tracker.
 *
 * @param breakerName the breaker name (also when the breaker is disabled)
 * @param breaker the one breaker, or {@code null} when disabled
 * @param fallback the fallback, or {@code null} when disabled
 * @param tracker records unavailability failures
 * @param replays the number of journal replays done
 * @param breakers the snapshots of every breaker (see {@link BreakerRouter#snapshots()})
 */
public record DefaultResilienceStatus(String breakerName, @Nullable CircuitBreaker breaker,
		@Nullable LocalFallback fallback, UnavailabilityTracker tracker, LongSupplier replays,
		Supplier<List<BreakerSnapshot>> breakers) implements ResilienceStatus {

	@Override
	public String getCircuitBreakerName() {
		return this.breakerName;
	}

	@Override
	public String getCircuitBreakerState() {
		return ((this.breaker != null) ? this.breaker.getState() : CircuitBreaker.State.DISABLED).name();
	}

	@Override
	public List<BreakerSnapshot> getBreakers() {
		return this.breakers.get();
	}

	/** What the fallback says, or {@code none} when it is disabled. */
	private <T> T fromFallback(Function<LocalFallback, T> read, T none) {
		return (this.fallback != null) ? read.apply(this.fallback) : none;
	}

	@Override
	public boolean isFallbackActive() {
		return fromFallback(LocalFallback::isActive, false);
	}

	@Override
	public @Nullable Instant getFallbackActiveSince() {
		return (this.fallback != null) ? this.fallback.getActiveSince() : null;
	}

	@Override
	public long getFallbackEntries() {
		return fromFallback((active) -> active.getStore().size(), 0L);
	}

	@Override
	public int getJournalSize() {
		return fromFallback((active) -> active.getJournal().size(), 0);
	}

	@Override
	public boolean isJournalOverflowed() {
		return fromFallback((active) -> active.getJournal().isOverflowed(), false);
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
		return fromFallback((active) -> active.getStore().getHits(), 0L);
	}

	@Override
	public long getFallbackMisses() {
		return fromFallback((active) -> active.getStore().getMisses(), 0L);
	}

	@Override
	public long getJournalReplays() {
		return this.replays.getAsLong();
	}

}
