package io.github.resilientredis.resilience;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import io.github.resilientredis.diagnostics.Redaction;

/**
 * Remembers the last unavailability failure (description without credentials, and when it
 * happened), for exception messages, logs and the status.
 */
public final class UnavailabilityTracker {

	private volatile @Nullable Failure last;

	/** Record an unavailability failure. */
	public void record(Throwable failure) {
		this.last = new Failure(Redaction.describe(failure), Instant.now());
	}

	/** The description of the last failure, or {@code null} when none. */
	public @Nullable String getLastFailure() {
		Failure failure = this.last;
		return (failure != null) ? failure.description() : null;
	}

	/** When the last failure happened, or {@code null} when none. */
	public @Nullable Instant getLastFailureAt() {
		Failure failure = this.last;
		return (failure != null) ? failure.at() : null;
	}

	private record Failure(String description, Instant at) {
	}

}
