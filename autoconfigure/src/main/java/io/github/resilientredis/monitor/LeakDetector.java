package io.github.resilientredis.monitor;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import io.github.resilientredis.connection.ConnectionPoolStatistics;
import io.github.resilientredis.connection.ConnectionPoolStatistics.Borrow;

/**
 * Reports dedicated connections held longer than a threshold, like HikariCP's leak
 * detection: one warning with the borrower's stack trace per borrow, a list of current
 * suspects and a count.
 */
public class LeakDetector {

	private static final Log logger = LogFactory.getLog(LeakDetector.class);

	private final Supplier<@Nullable ConnectionPoolStatistics> statistics;

	private final Duration threshold;

	private final @Nullable EventHistory history;

	private final AtomicLong suspectsTotal = new AtomicLong();

	private volatile List<Borrow> suspects = List.of();

	/**
	 * Create a detector.
	 * @param statistics the pool view, may supply {@code null} when not pooled yet
	 * @param threshold time a connection may be held before it is a suspect
	 * @param history where suspects are recorded, or {@code null}
	 */
	public LeakDetector(Supplier<@Nullable ConnectionPoolStatistics> statistics, Duration threshold,
			@Nullable EventHistory history) {
		this.statistics = statistics;
		this.threshold = threshold;
		this.history = history;
	}

	/** Look for connections held past the threshold (periodically); the current suspects, oldest first. */
	public synchronized List<Borrow> check() {
		ConnectionPoolStatistics pool = this.statistics.get();
		if (pool == null) {
			return List.of();
		}
		// by borrow id: a connection returned and borrowed again is a new suspect
		Set<Long> known = this.suspects.stream().map(Borrow::id).collect(Collectors.toSet());
		this.suspects = List.copyOf(pool.borrowedLongerThan(this.threshold));
		this.suspects.stream().filter((borrow) -> !known.contains(borrow.id())).forEach((borrow) -> {
			this.suspectsTotal.incrementAndGet();
			String message = "Redis connection " + borrow.connection() + " held for " + borrow.heldFor()
					+ ", longer than redis.pool.leak-detection-threshold=" + this.threshold
					+ "; possible leak (a connection not closed after use)";
			logger.warn(message + ((borrow.borrowStackTrace() != null)
					? ". Borrowed at:" + System.lineSeparator() + borrow.borrowStackTrace() : ""));
			if (this.history != null) {
				this.history.record(RedisEvent.Type.LEAK_SUSPECT, message);
			}
		});
		return this.suspects;
	}

	/** Connections held past the threshold at the last check, oldest first. */
	public List<Borrow> getSuspects() {
		return this.suspects;
	}

	/** Leak suspects reported since start (each borrow once). */
	public long getSuspectsTotal() {
		return this.suspectsTotal.get();
	}

	public Duration getThreshold() {
		return this.threshold;
	}

}
