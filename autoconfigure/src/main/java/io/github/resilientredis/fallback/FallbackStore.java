package io.github.resilientredis.fallback;

import java.nio.ByteBuffer;
import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import org.jspecify.annotations.Nullable;

/**
 * Bounded local key-value store (Caffeine) that answers cache data (the cache writer's, and
 * keys declared in {@code redis.fallback.cache-key-patterns}) while Redis is unavailable.
 * An entry lives at most the configured TTL, and never longer than the TTL it was written
 * with ({@code ttl} below, {@code null} for none).
 * <p>
 * Caffeine does the bookkeeping: per-entry expiry through {@link Expiry#writing} (a write
 * or a TTL change restarts the entry's clock, a read does not) and the hit/miss counts
 * through {@link Caffeine#recordStats()}; only {@link #get} records a hit or a miss.
 */
public final class FallbackStore {

	private final Cache<ByteBuffer, Entry> entries;

	private final Duration maximumTtl;

	/**
	 * Create a store.
	 * @param maximumEntries maximum number of entries (least recently used ones go first)
	 * @param maximumTtl maximum time an entry lives
	 */
	public FallbackStore(long maximumEntries, Duration maximumTtl) {
		this(maximumEntries, maximumTtl, Ticker.systemTicker());
	}

	/** Create a store with a custom time source (for tests). */
	public FallbackStore(long maximumEntries, Duration maximumTtl, Ticker ticker) {
		if (maximumTtl.isNegative() || maximumTtl.isZero()) {
			throw new IllegalArgumentException("redis.fallback.ttl must be positive, for example 5m");
		}
		this.maximumTtl = maximumTtl;
		this.entries = Caffeine.newBuilder()
			.maximumSize(maximumEntries)
			.expireAfter(Expiry.writing((ByteBuffer key, Entry entry) -> entry.ttl()))
			.recordStats()
			.ticker(ticker)
			.executor(Runnable::run)
			.build();
	}

	/** Store a value. */
	public void put(byte[] key, byte[] value, @Nullable Duration ttl) {
		this.entries.put(key(key), new Entry(value, cappedTtl(ttl)));
	}

	/** Store a value unless the key is present; {@code true} when stored. */
	public boolean putIfAbsent(byte[] key, byte[] value, @Nullable Duration ttl) {
		Entry entry = new Entry(value, cappedTtl(ttl));
		return this.entries.asMap().putIfAbsent(key(key), entry) == null;
	}

	/** Read a value, counting a hit or a miss; {@code null} when absent. */
	public byte @Nullable [] get(byte[] key) {
		Entry entry = this.entries.getIfPresent(key(key));
		return (entry != null) ? entry.value() : null;
	}

	/** Whether the key is present. */
	public boolean contains(byte[] key) {
		// through the map view: a presence check (EXISTS, NX/XX) is not a read to count
		return this.entries.asMap().containsKey(key(key));
	}

	/** Remove a key; {@code true} when it was present. */
	public boolean remove(byte[] key) {
		return this.entries.asMap().remove(key(key)) != null;
	}

	/** Change the TTL of a present key (still capped); {@code true} when it was present. */
	public boolean expire(byte[] key, Duration ttl) {
		if (ttl.isNegative() || ttl.isZero()) {
			return remove(key);
		}
		Duration capped = cappedTtl(ttl);
		return this.entries.asMap().computeIfPresent(key(key), (k, e) -> new Entry(e.value(), capped)) != null;
	}

	/** Remove every key starting with the prefix (every key for an empty prefix). */
	public void removeByPrefix(byte[] prefix) {
		this.entries.asMap()
			.keySet()
			.removeIf((key) -> key.remaining() >= prefix.length
					&& key.slice(0, prefix.length).equals(ByteBuffer.wrap(prefix)));
	}

	/** Remove everything. */
	public void clear() {
		this.entries.invalidateAll();
	}

	/** Approximate number of entries. */
	public long size() {
		this.entries.cleanUp();
		return this.entries.estimatedSize();
	}

	/** Reads served since start. */
	public long getHits() {
		return this.entries.stats().hitCount();
	}

	/** Reads not answered since start. */
	public long getMisses() {
		return this.entries.stats().missCount();
	}

	private Duration cappedTtl(@Nullable Duration ttl) {
		if (ttl == null || ttl.isNegative() || ttl.isZero() || ttl.compareTo(this.maximumTtl) > 0) {
			return this.maximumTtl;
		}
		return ttl;
	}

	/**
	 * Raw key bytes, not copied, with value equality (a {@link ByteBuffer} compares and
	 * hashes its content, and its {@code toString()} shows no data).
	 */
	static ByteBuffer key(byte[] key) {
		return ByteBuffer.wrap(key);
	}

	private record Entry(byte[] value, Duration ttl) {
	}

}
