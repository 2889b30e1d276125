package io.github.resilientredis.fallback;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Bounded record of the keys written or deleted, and the caches cleared, while the local
 * fallback serves, so they are invalidated on Redis before traffic returns to it. Past the
 * bound, a key of a known cache marks that whole cache for clearing; any other key is
 * counted as lost and reported at ERROR level.
 */
public final class OutageJournal {

	private static final Log logger = LogFactory.getLog(OutageJournal.class);

	private final int maximumKeys;

	private final Map<String, byte[]> cachePrefixes = new LinkedHashMap<>();

	private final Set<FallbackStore.Key> keys = new LinkedHashSet<>();

	private final Map<String, byte[]> cachesToClear = new LinkedHashMap<>();

	private boolean overflowed;

	private long lostKeys;

	/**
	 * Create a journal.
	 * @param maximumKeys maximum number of keys kept
	 */
	public OutageJournal(int maximumKeys) {
		if (maximumKeys < 0) {
			throw new IllegalArgumentException(
					"redis.fallback.journal-maximum-entries must not be negative, for example 10000");
		}
		this.maximumKeys = maximumKeys;
	}

	/**
	 * Register a cache whose keys start with the given prefix, so that on overflow the
	 * cache is cleared instead of its keys being lost.
	 * @param cacheName the cache name
	 * @param keyPrefix the raw key prefix (empty when the cache uses no prefix)
	 */
	public synchronized void registerCache(String cacheName, byte[] keyPrefix) {
		this.cachePrefixes.put(cacheName, keyPrefix.clone());
	}

	/**
	 * Journal a key written or deleted locally.
	 * @param key the raw key
	 */
	public synchronized void recordKey(byte[] key) {
		FallbackStore.Key journaled = new FallbackStore.Key(key.clone());
		if (this.keys.contains(journaled)) {
			return;
		}
		if (this.keys.size() < this.maximumKeys) {
			this.keys.add(journaled);
			return;
		}
		if (!this.overflowed) {
			this.overflowed = true;
			logger.warn("Outage journal is full (redis.fallback.journal-maximum-entries=" + this.maximumKeys
					+ "); caches with further writes will be cleared on recovery");
		}
		String cacheName = cacheOf(key);
		if (cacheName != null) {
			this.cachesToClear.putIfAbsent(cacheName, pattern(this.cachePrefixes.get(cacheName)));
			return;
		}
		if (this.lostKeys++ == 0) {
			logger.error("Outage journal is full and a key outside any cache was written locally: it cannot be "
					+ "invalidated on recovery, Redis may keep an older value. Raise "
					+ "redis.fallback.journal-maximum-entries to keep all such keys");
		}
	}

	/**
	 * Journal the clearing of a whole cache.
	 * @param cacheName the cache name
	 * @param pattern the raw key pattern matching every key of the cache
	 */
	public synchronized void recordCacheClear(String cacheName, byte[] pattern) {
		this.cachesToClear.put(cacheName, pattern.clone());
	}

	/**
	 * Take every journaled entry out of the journal, to replay it.
	 * @return the entries
	 */
	public synchronized Batch drain() {
		Batch batch = new Batch(new ArrayList<>(this.keys.stream().map(FallbackStore.Key::bytes).toList()),
				new LinkedHashMap<>(this.cachesToClear), this.lostKeys);
		this.keys.clear();
		this.cachesToClear.clear();
		this.lostKeys = 0;
		return batch;
	}

	/**
	 * Put back entries whose replay failed.
	 * @param batch the entries
	 */
	public synchronized void restore(Batch batch) {
		batch.keys().forEach((key) -> this.keys.add(new FallbackStore.Key(key)));
		batch.cachesToClear().forEach(this.cachesToClear::putIfAbsent);
		this.lostKeys += batch.lostKeys();
	}

	/**
	 * Forget the overflow of the outage that ended.
	 */
	public synchronized void endOutage() {
		this.overflowed = false;
	}

	/**
	 * Number of journaled keys and caches.
	 * @return the size
	 */
	public synchronized int size() {
		return this.keys.size() + this.cachesToClear.size();
	}

	/**
	 * Whether the journal overflowed during the current outage.
	 * @return {@code true} after an overflow
	 */
	public synchronized boolean isOverflowed() {
		return this.overflowed;
	}

	private @Nullable String cacheOf(byte[] key) {
		String best = null;
		int bestLength = -1;
		for (Map.Entry<String, byte[]> entry : this.cachePrefixes.entrySet()) {
			byte[] prefix = entry.getValue();
			if (prefix.length > bestLength && new FallbackStore.Key(key).startsWith(prefix)) {
				best = entry.getKey();
				bestLength = prefix.length;
			}
		}
		return best;
	}

	/**
	 * The key pattern matching every key with the prefix.
	 * @param prefix the raw prefix
	 * @return the pattern
	 */
	public static byte[] pattern(byte[] prefix) {
		byte[] pattern = Arrays.copyOf(prefix, prefix.length + 1);
		pattern[prefix.length] = "*".getBytes(StandardCharsets.UTF_8)[0];
		return pattern;
	}

	/**
	 * Journaled entries taken out for replay.
	 * @param keys raw keys to delete
	 * @param cachesToClear cache names and the raw patterns of their keys
	 * @param lostKeys keys that could not be journaled
	 */
	public record Batch(List<byte[]> keys, Map<String, byte[]> cachesToClear, long lostKeys) {

		/**
		 * Whether there is nothing to replay.
		 * @return {@code true} when empty
		 */
		public boolean isEmpty() {
			return this.keys.isEmpty() && this.cachesToClear.isEmpty();
		}

	}

}
