package io.github.resilientredis.fallback;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

import io.lettuce.core.cluster.SlotHash;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Switch between Redis and the local store for cache data. While active, cache reads and
 * writes are answered by the {@link FallbackStore} and cache writes journaled in the
 * {@link OutageJournal}; the switch back happens under a write lock so no write served
 * locally escapes the journal replay.
 * <p>
 * For a Redis Cluster the fallback can be {@linkplain #perSlot per slot}: a failure on one
 * key switches on only that key's hash slot, so while one master is down the keys of the
 * healthy shards keep going to Redis, and the recovery replays the journal (on whichever
 * node now owns each slot) before every slot goes back to Redis.
 */
public final class LocalFallback {

	private static final Log logger = LogFactory.getLog(LocalFallback.class);

	private final FallbackStore store;

	private final OutageJournal journal;

	private final Iterable<ResilienceListener> listeners;

	private final Clock clock;

	private final List<Runnable> activationCallbacks = new CopyOnWriteArrayList<>();

	private final ReadWriteLock lock = new ReentrantReadWriteLock();

	private final boolean perSlot;

	private volatile @Nullable Instant activeSince;

	/** The active slots when not every key is answered locally (copy on write, under the write lock). */
	private volatile @Nullable BitSet activeSlots;

	/**
	 * Create a fallback that switches on for every key at once.
	 * @param store the local store
	 * @param journal the outage journal
	 * @param listeners told when the fallback is activated (iterated at each event, so a
	 * lazy view of the listener beans works)
	 * @param clock the clock
	 */
	public LocalFallback(FallbackStore store, OutageJournal journal, Iterable<ResilienceListener> listeners,
			Clock clock) {
		this(store, journal, listeners, clock, false);
	}

	private LocalFallback(FallbackStore store, OutageJournal journal, Iterable<ResilienceListener> listeners,
			Clock clock, boolean perSlot) {
		this.perSlot = perSlot;
		this.store = store;
		this.journal = journal;
		this.listeners = listeners;
		this.clock = clock;
	}

	/** Create a fallback for a Redis Cluster that switches on per hash slot. */
	public static LocalFallback perSlot(FallbackStore store, OutageJournal journal,
			Iterable<ResilienceListener> listeners, Clock clock) {
		return new LocalFallback(store, journal, listeners, clock, true);
	}

	/** Whether the fallback serves, for some keys at least. */
	public boolean isActive() {
		return this.activeSince != null;
	}

	/** Whether the fallback serves a key. */
	public boolean isActiveFor(byte[] key) {
		if (this.activeSince == null) {
			return false;
		}
		BitSet slots = this.activeSlots;
		return slots == null || slots.get(SlotHash.getSlot(key));
	}

	/** Since when the fallback serves, {@code null} when inactive. */
	public @Nullable Instant getActiveSince() {
		return this.activeSince;
	}

	/** Run {@code callback} (non-blocking) each time the fallback switches on, after the listeners. */
	public void onActivation(Runnable callback) {
		this.activationCallbacks.add(callback);
	}

	/** Start serving every key locally, see {@link #activate(String, byte[])}. */
	public void activate(String cause) {
		activate(cause, null);
	}

	/**
	 * Start serving a key locally: its hash slot when the fallback is per slot, else every
	 * key (no-op when already active for it).
	 * @param cause why Redis is considered unavailable (no credentials)
	 * @param key the raw key Redis could not serve, or {@code null} for every key
	 */
	public void activate(String cause, byte @Nullable [] key) {
		if (covers(key)) {
			return;
		}
		this.lock.writeLock().lock();
		try {
			boolean first = this.activeSince == null;
			if (covers(key)) {
				return;
			}
			if (this.perSlot && key != null) {
				BitSet slots = (first || this.activeSlots == null) ? new BitSet(SlotHash.SLOT_COUNT)
						: (BitSet) this.activeSlots.clone();
				slots.set(SlotHash.getSlot(key));
				this.activeSlots = slots;
			}
			else {
				this.activeSlots = null;
			}
			if (!first) {
				return;
			}
			this.activeSince = this.clock.instant();
		}
		finally {
			this.lock.writeLock().unlock();
		}
		logger.warn("Redis unavailable, serving cache data from the local fallback: " + cause);
		for (ResilienceListener listener : this.listeners) {
			try {
				listener.fallbackActivated(cause);
			}
			catch (RuntimeException ex) {
				logger.warn("ResilienceListener " + listener + " failed", ex);
			}
		}
		for (Runnable callback : this.activationCallbacks) {
			try {
				callback.run();
			}
			catch (RuntimeException ex) {
				// the cache operation that switched the fallback on is served locally all the same
				logger.warn("Fallback activation callback " + callback + " failed", ex);
			}
		}
	}

	// whether the fallback is active for the key already (for every key: key null)
	private boolean covers(byte @Nullable [] key) {
		return this.activeSince != null && (this.activeSlots == null || (key != null && isActiveFor(key)));
	}

	/**
	 * Run an action on a key if the fallback is active for it, atomically with respect to
	 * the switch back to Redis.
	 * @param key the raw key, or {@code null} for an action on every key (run while the
	 * fallback is active for any key)
	 * @param action the action, using the store and journal
	 * @return the result wrapper, or {@code null} when the fallback is not active for the key
	 */
	public @Nullable Served callIfActive(byte @Nullable [] key, Supplier<@Nullable Object> action) {
		if (this.activeSince == null) {
			return null;
		}
		this.lock.readLock().lock();
		try {
			if ((key != null) ? !isActiveFor(key) : this.activeSince == null) {
				return null;
			}
			return new Served(action.get());
		}
		finally {
			this.lock.readLock().unlock();
		}
	}

	/**
	 * Switch back to Redis: under the write lock (no local command runs meanwhile), run
	 * the final replay, drop every local entry and deactivate.
	 * @param finalReplay replays what was journaled since the main replay; throwing keeps
	 * the fallback active
	 * @return how long the fallback served
	 */
	public Duration deactivate(Runnable finalReplay) {
		this.lock.writeLock().lock();
		try {
			Instant since = this.activeSince;
			if (since == null) {
				return Duration.ZERO;
			}
			finalReplay.run();
			this.store.clear();
			this.journal.endOutage();
			this.activeSince = null;
			this.activeSlots = null;
			return Duration.between(since, this.clock.instant());
		}
		finally {
			this.lock.writeLock().unlock();
		}
	}

	/** The local store. */
	public FallbackStore getStore() {
		return this.store;
	}

	/** The outage journal. */
	public OutageJournal getJournal() {
		return this.journal;
	}

	/** The result, possibly {@code null}, of a command answered locally. */
	public record Served(@Nullable Object value) {
	}

}
