package io.github.resilientredis.monitor;

import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

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

	private final Clock clock;

	private final AtomicLong suspectsTotal = new AtomicLong();

	private final Set<Long> reported = new HashSet<>();

	private volatile List<Borrow> suspects = List.of();

	/**
	 * Create a detector.
	 * @param statistics the pool view, may supply {@code null} when not pooled yet
	 * @param threshold time a connection may be held before it is a suspect
	 * @param history where suspects are recorded, or {@code null}
	 * @param clock the clock
	 */
	public LeakDetector(Supplier<@Nullable ConnectionPoolStatistics> statistics, Duration threshold,
			@Nullable EventHistory history, Clock clock) {
		this.statistics = statistics;
		this.threshold = threshold;
		this.history = history;
		this.clock = clock;
	}

	/**
	 * Look for connections held past the threshold; called periodically.
	 * @return the current suspects, oldest first
	 */
	public synchronized List<Borrow> check() {
		ConnectionPoolStatistics pool = this.statistics.get();
		if (pool == null) {
			return List.of();
		}
		List<Borrow> current = pool.borrowedLongerThan(this.threshold);
		List<Borrow> fresh = current.stream().filter((borrow) -> !this.reported.contains(borrow.id())).toList();
		// forget the borrows that ended: their ids never come back
		this.reported.clear();
		current.forEach((borrow) -> this.reported.add(borrow.id()));
		this.suspects = List.copyOf(current);
		for (Borrow borrow : fresh) {
			this.suspectsTotal.incrementAndGet();
			String message = "Redis connection " + borrow.connection() + " held for " + borrow.heldFor()
					+ ", longer than redis.pool.leak-detection-threshold=" + this.threshold
					+ "; possible leak (a connection not closed after use)";
			logger.warn(message + ((borrow.borrowStackTrace() != null)
					? ". Borrowed at:" + System.lineSeparator() + borrow.borrowStackTrace() : ""));
			if (this.history != null) {
				this.history.record(RedisEvent.Type.LEAK_SUSPECT, message);
			}
		}
		return this.suspects;
	}

	/**
	 * The suspects of the last check.
	 * @return connections held past the threshold, oldest first
	 */
	public List<Borrow> getSuspects() {
		return this.suspects;
	}

	/**
	 * Leak suspects reported since start (each borrow once).
	 * @return the suspect count
	 */
	public long getSuspectsTotal() {
		return this.suspectsTotal.get();
	}

	/**
	 * The configured threshold.
	 * @return the leak detection threshold
	 */
	public Duration getThreshold() {
		return this.threshold;
	}

}
