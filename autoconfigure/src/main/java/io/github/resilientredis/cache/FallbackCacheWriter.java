package io.github.resilientredis.cache;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.cache.CacheStatistics;
import org.springframework.data.redis.cache.CacheStatisticsCollector;
import org.springframework.data.redis.cache.RedisCacheWriter;
import org.springframework.data.redis.connection.RedisConnection;

import io.github.resilientredis.diagnostics.Redaction;
import io.github.resilientredis.diagnostics.RedisUnavailability;
import io.github.resilientredis.fallback.FallbackStore;
import io.github.resilientredis.fallback.LocalFallback;
import io.github.resilientredis.resilience.RedisUnavailableException;

/**
 * The {@link RedisCacheWriter} behind the starter's caches: cache data, and only cache
 * data, keeps being answered while Redis is unavailable. Every operation goes to Redis
 * first (through the circuit breaker, which refuses at once while open); when Redis is
 * unavailable a read is answered by the local {@link FallbackStore} (a miss when it does
 * not hold the key, so the application recomputes the value), and a write or eviction is
 * applied locally, journaled, and switches the {@link LocalFallback} on: until recovery
 * has deleted every journaled key in Redis, this cache data is answered locally only, so
 * nothing stale is ever read back from Redis.
 * <p>
 * A failed read alone does not switch the fallback on: one slow read must not move the
 * application's caches off Redis.
 */
public final class FallbackCacheWriter implements RedisCacheWriter {

	private static final byte WILDCARD = '*';

	private final RedisCacheWriter delegate;

	private final LocalFallback fallback;

	private final Function<String, byte @Nullable []> cachePatterns;

	/**
	 * Decorate a cache writer.
	 * @param delegate the Redis cache writer
	 * @param fallback the local fallback
	 * @param cachePatterns the raw key pattern matching every key of a cache and nothing
	 * else, by cache name (a cache is cleared whole when the outage journal overflows);
	 * {@code null} for a cache without a key prefix, whose clear() and journal overflow are
	 * then refused rather than replayed as a SCAN+DEL of every key
	 */
	public FallbackCacheWriter(RedisCacheWriter delegate, LocalFallback fallback,
			Function<String, byte @Nullable []> cachePatterns) {
		this.delegate = delegate;
		this.fallback = fallback;
		this.cachePatterns = cachePatterns;
	}

	@Override
	public byte @Nullable [] get(String name, byte[] key) {
		return read(key, () -> this.delegate.get(name, key));
	}

	@Override
	public byte @Nullable [] get(String name, byte[] key, @Nullable Duration ttl) {
		return read(key, () -> this.delegate.get(name, key, ttl));
	}

	@Override
	public boolean supportsAsyncRetrieve() {
		return this.delegate.supportsAsyncRetrieve();
	}

	@Override
	public CompletableFuture<byte[]> retrieve(String name, byte[] key, @Nullable Duration ttl) {
		LocalFallback.Served served = this.fallback.callIfActive(key, () -> store().get(key));
		if (served != null) {
			return CompletableFuture.completedFuture((byte[]) served.value());
		}
		return orLocally(this.delegate.retrieve(name, key, ttl), (failure) -> localRead(key));
	}

	@Override
	public void put(String name, byte[] key, byte[] value, @Nullable Duration ttl) {
		write(key, run(() -> this.delegate.put(name, key, value, ttl)), localPut(name, key, value, ttl));
	}

	@Override
	public CompletableFuture<Void> store(String name, byte[] key, byte[] value, @Nullable Duration ttl) {
		Supplier<@Nullable Object> local = localPut(name, key, value, ttl);
		if (this.fallback.callIfActive(key, local) != null) {
			return CompletableFuture.completedFuture(null);
		}
		return orLocally(this.delegate.store(name, key, value, ttl), (failure) -> {
			serveLocally(failure, key, local);
			return null;
		});
	}

	private Supplier<@Nullable Object> localPut(String name, byte[] key, byte[] value, @Nullable Duration ttl) {
		return run(() -> {
			journal(name, key);
			store().put(key, value, ttl);
		});
	}

	@Override
	public byte @Nullable [] putIfAbsent(String name, byte[] key, byte[] value, @Nullable Duration ttl) {
		return (byte[]) write(key, () -> this.delegate.putIfAbsent(name, key, value, ttl), () -> {
			if (store().putIfAbsent(key, value, ttl)) {
				journal(name, key);
				return null;
			}
			return store().get(key);
		});
	}

	@Override
	public void evict(String name, byte[] key) {
		write(key, run(() -> this.delegate.evict(name, key)), run(() -> {
			journal(name, key);
			store().remove(key);
		}));
	}

	@Override
	public boolean evictIfPresent(String name, byte[] key) {
		return Boolean.TRUE.equals(write(key, () -> this.delegate.evictIfPresent(name, key), () -> {
			journal(name, key);
			return store().remove(key);
		}));
	}

	@Override
	public void clear(String name, byte[] pattern) {
		write(null, run(() -> this.delegate.clear(name, pattern)), () -> clearLocally(name, pattern));
	}

	@Override
	public boolean invalidate(String name, byte[] pattern) {
		return Boolean.TRUE.equals(write(null, () -> this.delegate.invalidate(name, pattern), () -> {
			clearLocally(name, pattern);
			return true;
		}));
	}

	/**
	 * A command of the cache manager on a Redis connection ({@code ResetStrategy.flushDb()}
	 * flushes the database through it): it runs on Redis or fails with Redis' error, and is
	 * never answered locally, since its effect cannot be known, journaled or replayed.
	 */
	@Override
	public <T extends @Nullable Object> T execute(Function<RedisConnection, T> callback) {
		return this.delegate.execute(callback);
	}

	@Override
	public void clearStatistics(String name) {
		this.delegate.clearStatistics(name);
	}

	@Override
	public RedisCacheWriter withStatisticsCollector(CacheStatisticsCollector cacheStatisticsCollector) {
		return new FallbackCacheWriter(this.delegate.withStatisticsCollector(cacheStatisticsCollector), this.fallback,
				this.cachePatterns);
	}

	@Override
	public CacheStatistics getCacheStatistics(String cacheName) {
		return this.delegate.getCacheStatistics(cacheName);
	}

	private byte @Nullable [] read(byte[] key, Supplier<byte @Nullable []> redis) {
		LocalFallback.Served served = this.fallback.callIfActive(key, () -> store().get(key));
		return (served != null) ? (byte[]) served.value() : orLocally(redis, (failure) -> localRead(key));
	}

	/**
	 * A read Redis could not answer: the local store's value while the fallback serves,
	 * else a miss.
	 */
	private byte @Nullable [] localRead(byte[] key) {
		LocalFallback.Served served = this.fallback.callIfActive(key, () -> store().get(key));
		return (served != null) ? (byte[]) served.value() : null;
	}

	/**
	 * A write of one key, or of a whole cache ({@code key} {@code null}): a clear while the
	 * fallback serves some slots only is applied locally and switches every key to the
	 * fallback, since the cleared keys of the healthy shards must not be read from Redis
	 * until recovery has replayed the clear.
	 */
	private @Nullable Object write(byte @Nullable [] key, Supplier<@Nullable Object> redis,
			Supplier<@Nullable Object> local) {
		if (key == null && this.fallback.isActive()) {
			this.fallback.activate("a cache was cleared while the fallback serves");
		}
		LocalFallback.Served served = this.fallback.callIfActive(key, local);
		return (served != null) ? served.value() : orLocally(redis, (failure) -> serveLocally(failure, key, local));
	}

	/**
	 * Switch the fallback on and apply a write Redis could not take locally. The recovery
	 * thread may switch the fallback off between the two steps (its probe reached Redis
	 * while this write failed, as after a CLIENT KILL); the write is then retried locally,
	 * and the next recovery round replays it.
	 */
	private @Nullable Object serveLocally(Throwable failure, byte @Nullable [] key, Supplier<@Nullable Object> local) {
		String cause = Redaction.describe(failure);
		for (int attempt = 0; attempt < 3; attempt++) {
			this.fallback.activate(cause, key);
			LocalFallback.Served served = this.fallback.callIfActive(key, local);
			if (served != null) {
				return served.value();
			}
		}
		throw (failure instanceof RuntimeException runtime) ? runtime : new IllegalStateException(failure);
	}

	/**
	 * An operation on Redis, answered locally when Redis is unavailable.
	 */
	private static <T> T orLocally(Supplier<T> redis, Function<RuntimeException, T> local) {
		try {
			return redis.get();
		}
		catch (RuntimeException ex) {
			if (!RedisUnavailability.isUnavailability(ex)) {
				throw ex;
			}
			return local.apply(ex);
		}
	}

	/**
	 * An asynchronous operation on Redis, answered locally when Redis is unavailable.
	 */
	private static <T> CompletableFuture<T> orLocally(CompletableFuture<T> redis, Function<Throwable, T> local) {
		return redis.handle((value, failure) -> {
			if (failure == null) {
				return CompletableFuture.completedFuture(value);
			}
			if (!RedisUnavailability.isUnavailability(failure)) {
				return CompletableFuture.<T>failedFuture(failure);
			}
			try {
				return CompletableFuture.completedFuture(local.apply(failure));
			}
			catch (RuntimeException ex) {
				return CompletableFuture.<T>failedFuture(ex);
			}
		}).thenCompose(Function.identity());
	}

	private static Supplier<@Nullable Object> run(Runnable action) {
		return () -> {
			action.run();
			return null;
		};
	}

	private @Nullable Object clearLocally(String name, byte[] pattern) {
		if (this.cachePatterns.apply(name) == null) {
			// without a key prefix the replayed SCAN+DEL would delete every key of the
			// database: locks, counters, sessions
			throw notJournaled(name, "clear()");
		}
		this.fallback.getJournal().recordCacheClear(name, pattern);
		byte[] prefix = prefixOf(pattern);
		if (prefix != null) {
			store().removeByPrefix(prefix);
		}
		else {
			// a pattern that is not a plain prefix: drop every local entry, all of them recomputable
			store().clear();
		}
		return null;
	}

	private void journal(String name, byte[] key) {
		if (!this.fallback.getJournal().recordKey(name, key, () -> this.cachePatterns.apply(name))) {
			throw notJournaled(name, "write");
		}
	}

	private static RedisUnavailableException notJournaled(String name, String operation) {
		return new RedisUnavailableException("Redis is unavailable and this " + operation + " of cache '" + name
				+ "' cannot be answered locally: the cache has no key prefix, so recovery could not invalidate it "
				+ "without deleting keys that are not cache data. Keep redis.cache.use-key-prefix=true (the "
				+ "default), or raise redis.fallback.journal-maximum-entries");
	}

	private FallbackStore store() {
		return this.fallback.getStore();
	}

	/** The prefix of a {@code prefix*} pattern, or {@code null} for any other pattern. */
	private static byte @Nullable [] prefixOf(byte[] pattern) {
		int last = pattern.length - 1;
		if (last < 0 || pattern[last] != WILDCARD) {
			return null;
		}
		byte[] prefix = Arrays.copyOf(pattern, last);
		String text = new String(prefix, StandardCharsets.ISO_8859_1);
		return text.chars().anyMatch((c) -> "*?[\\".indexOf(c) >= 0) ? null : prefix;
	}

}
