package io.github.resilientredis.monitor;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

import io.github.resilientredis.diagnostics.Redaction;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Force-closes and re-creates the application's Redis connections (through the
 * connection factory's reset), counting and recording every reset.
 */
public class ConnectionResetter {

	private static final Log logger = LogFactory.getLog(ConnectionResetter.class);

	private final Runnable resetAction;

	private final @Nullable EventHistory history;

	private final Clock clock;

	private final AtomicLong resets = new AtomicLong();

	private volatile @Nullable Instant lastReset;

	private volatile @Nullable String lastReason;

	/**
	 * Create a resetter.
	 * @param resetAction closes the shared and idle pooled connections so the next command
	 * connects afresh
	 * @param history where resets are recorded, or {@code null}
	 * @param clock the clock
	 */
	public ConnectionResetter(Runnable resetAction, @Nullable EventHistory history, Clock clock) {
		this.resetAction = resetAction;
		this.history = history;
		this.clock = clock;
	}

	/** Reset the connections now, for the reason that is logged and recorded. */
	public void reset(String reason) {
		logger.warn("Resetting Redis connections: " + reason);
		try {
			this.resetAction.run();
		}
		catch (RuntimeException ex) {
			record("reset failed (" + reason + "): " + Redaction.describe(ex));
			throw ex;
		}
		this.resets.incrementAndGet();
		this.lastReset = this.clock.instant();
		this.lastReason = reason;
		record(reason);
	}

	private void record(String detail) {
		if (this.history != null) {
			this.history.record(RedisEvent.Type.RESET, detail);
		}
	}

	/** Resets done since start. */
	public long getResets() {
		return this.resets.get();
	}

	/** When the last reset happened, {@code null} before the first. */
	public @Nullable Instant getLastReset() {
		return this.lastReset;
	}

	/** Why the last reset happened, {@code null} before the first. */
	public @Nullable String getLastReason() {
		return this.lastReason;
	}

}
