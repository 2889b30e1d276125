package io.github.resilientredis.cache;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.cache.support.NullValue;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.data.redis.cache.CacheStatistics;
import org.springframework.data.redis.cache.CacheStatisticsCollector;
import org.springframework.data.redis.cache.RedisCacheConfiguration;
import org.springframework.data.redis.cache.RedisCacheWriter;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.serializer.RedisSerializer;
import org.springframework.data.redis.serializer.SerializationException;

/**
 * A {@link RedisCacheWriter} decorator that turns a cached value its cache cannot read
 * into a miss: a value written in another format (after {@code redis.cache.value-format}
 * changed, or by another application), a class that changed incompatibly, or garbage.
 * Spring's {@code RedisCache} would otherwise throw the serializer's exception at every
 * caller until the entry expires, or, for {@code @Cacheable(sync = true)}, return
 * {@code null} as if it were the cached value. The method then runs and its result
 * overwrites the entry.
 * <p>
 * A value is readable when the value serialization pair of its cache's configuration
 * reads it, so this holds for the starter's formats and an application's own serializer
 * alike. Each unreadable value is reported to an {@link UnreadableValueListener}; the
 * first one of each cache is logged at WARN. A cache without a key prefix does not own
 * its keys: its unreadable values fail with a {@link SerializationException} instead.
 */
public final class UnreadableValueCacheWriter implements RedisCacheWriter {

	private static final Log logger = LogFactory.getLog(UnreadableValueCacheWriter.class);

	/** What {@code RedisCache} stores for a cached {@code null}, whatever the format. */
	private static final byte[] BINARY_NULL_VALUE = RedisSerializer.java().serialize(NullValue.INSTANCE);

	private final RedisCacheWriter delegate;

	private final Function<String, RedisCacheConfiguration> configurations;

	private final UnreadableValueListener listener;

	private final Set<String> warned;

	/** Decorate a cache writer, given each cache's configuration by name. */
	public UnreadableValueCacheWriter(RedisCacheWriter delegate,
			Function<String, RedisCacheConfiguration> configurations, UnreadableValueListener listener) {
		this(delegate, configurations, listener, ConcurrentHashMap.newKeySet());
	}

	private UnreadableValueCacheWriter(RedisCacheWriter delegate,
			Function<String, RedisCacheConfiguration> configurations, UnreadableValueListener listener,
			Set<String> warned) {
		this.delegate = delegate;
		this.configurations = configurations;
		this.listener = listener;
		this.warned = warned;
	}

	@Override
	public byte @Nullable [] get(String name, byte[] key) {
		return readable(name, this.delegate.get(name, key));
	}

	@Override
	public byte @Nullable [] get(String name, byte[] key, @Nullable Duration ttl) {
		return readable(name, this.delegate.get(name, key, ttl));
	}

	@Override
	public byte[] get(String name, byte[] key, Supplier<byte[]> valueLoader, @Nullable Duration ttl,
			boolean timeToIdleEnabled) {
		byte[] value = this.delegate.get(name, key, valueLoader, ttl, timeToIdleEnabled);
		if (readable(name, value) != null) {
			return value;
		}
		byte[] loaded = valueLoader.get();
		this.delegate.put(name, key, loaded, ttl);
		return loaded;
	}

	@Override
	public boolean supportsAsyncRetrieve() {
		return this.delegate.supportsAsyncRetrieve();
	}

	@Override
	public CompletableFuture<byte[]> retrieve(String name, byte[] key, @Nullable Duration ttl) {
		// checked on whichever thread completes the read, usually not the one RedisCache decodes
		// on: nothing is kept for a later read there
		return this.delegate.retrieve(name, key, ttl).thenApply((value) -> readable(name, value, false));
	}

	@Override
	public void put(String name, byte[] key, byte[] value, @Nullable Duration ttl) {
		this.delegate.put(name, key, value, ttl);
	}

	@Override
	public CompletableFuture<Void> store(String name, byte[] key, byte[] value, @Nullable Duration ttl) {
		return this.delegate.store(name, key, value, ttl);
	}

	/**
	 * An unreadable present value counts as absent: it is overwritten and the caller is
	 * told there was none.
	 */
	@Override
	public byte @Nullable [] putIfAbsent(String name, byte[] key, byte[] value, @Nullable Duration ttl) {
		byte[] present = this.delegate.putIfAbsent(name, key, value, ttl);
		if (present == null || readable(name, present) != null) {
			return present;
		}
		this.delegate.put(name, key, value, ttl);
		return null;
	}

	@Override
	public void evict(String name, byte[] key) {
		this.delegate.evict(name, key);
	}

	@Override
	public boolean evictIfPresent(String name, byte[] key) {
		return this.delegate.evictIfPresent(name, key);
	}

	@Override
	public void clear(String name, byte[] pattern) {
		this.delegate.clear(name, pattern);
	}

	@Override
	public boolean invalidate(String name, byte[] pattern) {
		return this.delegate.invalidate(name, pattern);
	}

	@Override
	public void clearStatistics(String name) {
		this.delegate.clearStatistics(name);
	}

	@Override
	public <T extends @Nullable Object> T execute(Function<RedisConnection, T> callback) {
		return this.delegate.execute(callback);
	}

	@Override
	public RedisCacheWriter withStatisticsCollector(CacheStatisticsCollector cacheStatisticsCollector) {
		return new UnreadableValueCacheWriter(this.delegate.withStatisticsCollector(cacheStatisticsCollector),
				this.configurations, this.listener, this.warned);
	}

	@Override
	public CacheStatistics getCacheStatistics(String cacheName) {
		return this.delegate.getCacheStatistics(cacheName);
	}

	private byte @Nullable [] readable(String name, byte @Nullable [] value) {
		return readable(name, value, true);
	}

	/**
	 * The value if its cache can read it, else {@code null} (a miss); {@code handOver} keeps
	 * what the check decoded for {@code RedisCache}'s read of the same bytes on this thread.
	 */
	private byte @Nullable [] readable(String name, byte @Nullable [] value, boolean handOver) {
		if (value == null) {
			return null;
		}
		RedisCacheConfiguration configuration = this.configurations.apply(name);
		if (configuration.getAllowCacheNullValues() && Arrays.equals(value, BINARY_NULL_VALUE)) {
			return value;
		}
		try {
			Runnable read = () -> configuration.getValueSerializationPair().read(ByteBuffer.wrap(value));
			if (handOver) {
				DecodeOnceSerializer.check(read);
			}
			else {
				read.run();
			}
			return value;
		}
		catch (RuntimeException ex) {
			if (!configuration.usePrefix()) {
				// without a key prefix the key may hold another application's data (a
				// session, a lock): never treat it as a miss the method's result overwrites
				throw new SerializationException("Cache '" + name + "' holds a value it cannot read, and as the cache "
						+ "has no key prefix (redis.cache.use-key-prefix=false) the key may belong to other data, so "
						+ "it is not overwritten. Delete the key if it is a stale cache entry, or keep "
						+ "redis.cache.use-key-prefix=true (the default)", ex);
			}
			unreadable(name, ex);
			return null;
		}
	}

	private void unreadable(String name, RuntimeException cause) {
		this.listener.unreadable(name);
		if (this.warned.add(name)) {
			logger.warn("Cache '" + name + "' holds a value this application cannot read: written with another "
					+ "redis.cache.value-format (or by another application), of a class that changed incompatibly, "
					+ "of a class outside redis.cache.json.trusted-packages (value-format=json), or not a cache "
					+ "value. It is treated as a miss: the method runs and its result overwrites the entry. Expected "
					+ "for a while after changing redis.cache.value-format; further ones are counted in "
					+ "redis.cache.decode.failures, not logged. Cause: "
					+ NestedExceptionUtils.getMostSpecificCause(cause).getClass().getName()
					+ " (the message, which may quote cached data, is logged at DEBUG)");
		}
		if (logger.isDebugEnabled()) {
			logger.debug("Unreadable value in cache '" + name + "'", cause);
		}
	}

}
