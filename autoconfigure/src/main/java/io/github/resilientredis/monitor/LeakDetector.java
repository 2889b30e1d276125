package io.github.resilientredis.monitor;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

	/** Two borrows of one connection this close together are the same borrow. */
	private static final Duration SAME_BORROW = Duration.ofSeconds(1);

	private final Supplier<@Nullable ConnectionPoolStatistics> statistics;

	private final Duration threshold;

	private final @Nullable EventHistory history;

	private final Clock clock;

	private final AtomicLong suspectsTotal = new AtomicLong();

	private final Map<String, Instant> reported = new HashMap<>();

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
		Instant now = this.clock.instant();
		List<Borrow> current = pool.borrowedLongerThan(this.threshold);
		Map<String, Instant> stillHeld = new HashMap<>();
		List<Borrow> fresh = new ArrayList<>();
		for (Borrow borrow : current) {
			String key = borrow.connection();
			Instant borrowedAt = now.minus(borrow.heldFor());
			Instant known = this.reported.get(key);
			if (known == null || Duration.between(known, borrowedAt).abs().compareTo(SAME_BORROW) > 0) {
				fresh.add(borrow);
				stillHeld.put(key, borrowedAt);
			}
			else {
				stillHeld.put(key, known);
			}
		}
		this.reported.clear();
		this.reported.putAll(stillHeld);
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
