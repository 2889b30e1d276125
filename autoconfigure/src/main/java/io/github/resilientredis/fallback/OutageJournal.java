package io.github.resilientredis.fallback;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Bounded record of the cache keys written or evicted, and the caches cleared, while the
 * local fallback serves, so they are invalidated on Redis before cache traffic returns to
 * it. Only cache data is ever journaled: recovery deletes nothing else. Past the bound, a
 * key marks its whole cache for clearing.
 */
public final class OutageJournal {

	private static final Log logger = LogFactory.getLog(OutageJournal.class);

	private final int maximumKeys;

	private final Set<ByteBuffer> keys = new LinkedHashSet<>();

	private final Map<String, byte[]> cachesToClear = new LinkedHashMap<>();

	private boolean overflowed;

	/** Create a journal that keeps at most {@code maximumKeys} keys. */
	public OutageJournal(int maximumKeys) {
		if (maximumKeys < 0) {
			throw new IllegalArgumentException(
					"redis.fallback.journal-maximum-entries must not be negative, for example 10000");
		}
		this.maximumKeys = maximumKeys;
	}

	/**
	 * Journal a cache key written or evicted locally.
	 * @param cacheName the cache the key belongs to
	 * @param key the raw key
	 * @param cachePattern the raw pattern of every key of the cache, asked for when the
	 * journal is full and the whole cache is to be cleared instead; it supplies
	 * {@code null} when no pattern matches the cache's keys only (a cache without a key
	 * prefix), and the key is then refused
	 * @return {@code false} when the journal is full and the cache cannot be cleared whole
	 * without deleting keys that are not cache data: the write must not be acknowledged
	 */
	public synchronized boolean recordKey(String cacheName, byte[] key, Supplier<byte @Nullable []> cachePattern) {
		if (this.cachesToClear.containsKey(cacheName)) {
			return true;
		}
		ByteBuffer journaled = FallbackStore.key(key.clone());
		if (this.keys.contains(journaled)) {
			return true;
		}
		if (this.keys.size() < this.maximumKeys) {
			this.keys.add(journaled);
			return true;
		}
		byte[] pattern = cachePattern.get();
		if (pattern == null) {
			return false;
		}
		if (!this.overflowed) {
			this.overflowed = true;
			logger.warn("Outage journal is full (redis.fallback.journal-maximum-entries=" + this.maximumKeys
					+ "); caches with further writes will be cleared on recovery");
		}
		this.cachesToClear.put(cacheName, pattern.clone());
		return true;
	}

	/** Journal the clearing of a whole cache, whose keys the raw pattern matches. */
	public synchronized void recordCacheClear(String cacheName, byte[] pattern) {
		this.cachesToClear.put(cacheName, pattern.clone());
	}

	/** Take every journaled entry out of the journal, to replay it. */
	public synchronized Batch drain() {
		Batch batch = new Batch(new ArrayList<>(this.keys.stream().map(ByteBuffer::array).toList()),
				new LinkedHashMap<>(this.cachesToClear));
		this.keys.clear();
		this.cachesToClear.clear();
		return batch;
	}

	/** Put back entries whose replay failed. */
	public synchronized void restore(Batch batch) {
		batch.keys().forEach((key) -> this.keys.add(FallbackStore.key(key)));
		batch.cachesToClear().forEach(this.cachesToClear::putIfAbsent);
	}

	/** Forget the overflow of the outage that ended. */
	public synchronized void endOutage() {
		this.overflowed = false;
	}

	/** Number of journaled keys and caches. */
	public synchronized int size() {
		return this.keys.size() + this.cachesToClear.size();
	}

	/** Whether the journal overflowed during the current outage. */
	public synchronized boolean isOverflowed() {
		return this.overflowed;
	}

	/**
	 * Journaled entries taken out for replay.
	 * @param keys raw keys to delete
	 * @param cachesToClear cache names and the raw patterns of their keys
	 */
	public record Batch(List<byte[]> keys, Map<String, byte[]> cachesToClear) {

		/** Whether there is nothing to replay. */
		public boolean isEmpty() {
			return this.keys.isEmpty() && this.cachesToClear.isEmpty();
		}

	}

	/**
	 * A Redis glob pattern matching exactly the given text: {@code *}, {@code ?},
	 * {@code [}, {@code ]} and {@code \} are escaped, so a cache name or key prefix that
	 * contains them never widens a recovery SCAN+DEL to keys the starter does not own.
	 */
	public static String globLiteral(String literal) {
		return literal.replaceAll("[*?\\[\\]\\\\]", "\\\\$0");
	}

}
