package io.github.resilientredis.resilience;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import io.github.resilientredis.diagnostics.RedisUnavailability;

/**
 * Remembers the last unavailability failure (description without credentials, and when it
 * happened), for exception messages, logs and the status.
 */
public final class UnavailabilityTracker {

	private volatile @Nullable Failure last;

	/**
	 * Record an unavailability failure.
	 * @param failure the failure
	 * @return its description
	 */
	public String record(Throwable failure) {
		String description = RedisUnavailability.describe(failure);
		this.last = new Failure(description, Instant.now());
		return description;
	}

	/**
	 * The last failure.
	 * @return the description, or {@code null} when none
	 */
	public @Nullable String getLastFailure() {
		Failure failure = this.last;
		return (failure != null) ? failure.description() : null;
	}

	/**
	 * When the last failure happened.
	 * @return the instant, or {@code null} when none
	 */
	public @Nullable Instant getLastFailureAt() {
		Failure failure = this.last;
		return (failure != null) ? failure.at() : null;
	}

	private record Failure(String description, Instant at) {
	}

}
