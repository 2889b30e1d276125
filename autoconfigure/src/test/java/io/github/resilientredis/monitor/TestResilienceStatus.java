package io.github.resilientredis.monitor;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import io.github.resilientredis.resilience.ResilienceStatus;

/**
 * A {@link ResilienceStatus} value holder whose state a test sets.
 */
public class TestResilienceStatus implements ResilienceStatus {

	public volatile String state = "CLOSED";

	public volatile boolean fallbackActive;

	public volatile long entries;

	public volatile int journalSize;

	public volatile long hits;

	public volatile long misses;

	public volatile long replays;

	public void activateFallback() {
		this.state = "OPEN";
		this.fallbackActive = true;
		this.entries = 12;
		this.journalSize = 3;
	}

	public void deactivateFallback() {
		this.state = "CLOSED";
		this.fallbackActive = false;
		this.journalSize = 0;
		this.replays++;
	}

	@Override
	public String getCircuitBreakerName() {
		return "redis";
	}

	@Override
	public String getCircuitBreakerState() {
		return this.state;
	}

	@Override
	public boolean isFallbackActive() {
		return this.fallbackActive;
	}

	@Override
	public @Nullable Instant getFallbackActiveSince() {
		return this.fallbackActive ? Instant.now() : null;
	}

	@Override
	public long getFallbackEntries() {
		return this.entries;
	}

	@Override
	public int getJournalSize() {
		return this.journalSize;
	}

	@Override
	public boolean isJournalOverflowed() {
		return false;
	}

	@Override
	public @Nullable String getLastFailure() {
		return this.fallbackActive ? "RedisConnectionException: Connection refused" : null;
	}

	@Override
	public @Nullable Instant getLastFailureAt() {
		return null;
	}

	@Override
	public long getFallbackHits() {
		return this.hits;
	}

	@Override
	public long getFallbackMisses() {
		return this.misses;
	}

	@Override
	public long getJournalReplays() {
		return this.replays;
	}

}
