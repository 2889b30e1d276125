package io.github.resilientredis.fallback;

import java.nio.ByteBuffer;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.cache.Cache;
import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.data.redis.cache.RedisCacheConfiguration;
import org.springframework.data.redis.util.ByteUtils;

import io.github.resilientredis.resilience.RedisUnavailability;

/**
 * A Redis-backed {@link Cache} that keeps working while Redis is unavailable: entry
 * operations are answered by the local fallback at the connection level; this decorator
 * journals {@code clear()}/{@code invalidate()} (which need key scans Redis cannot
 * answer locally) and loads values directly when nothing else can serve
 * {@code get(key, valueLoader)}.
 */
public final class FallbackCache implements Cache {

	private final Cache delegate;

	private final LocalFallback fallback;

	private final byte[] keyPrefix;

	/**
	 * Decorate a cache.
	 * @param delegate the Redis cache
	 * @param configuration its configuration (key prefix and key serialization)
	 * @param fallback the local fallback
	 */
	public FallbackCache(Cache delegate, RedisCacheConfiguration configuration, LocalFallback fallback) {
		this.delegate = delegate;
		this.fallback = fallback;
		this.keyPrefix = keyPrefix(delegate.getName(), configuration);
		fallback.getJournal().registerCache(delegate.getName(), this.keyPrefix);
	}

	private static byte[] keyPrefix(String name, RedisCacheConfiguration configuration) {
		if (!configuration.usePrefix()) {
			return new byte[0];
		}
		ByteBuffer prefix = configuration.getKeySerializationPair().write(configuration.getKeyPrefixFor(name));
		return ByteUtils.getBytes(prefix);
	}

	@Override
	public String getName() {
		return this.delegate.getName();
	}

	@Override
	public Object getNativeCache() {
		return this.delegate.getNativeCache();
	}

	@Override
	public @Nullable ValueWrapper get(Object key) {
		return this.delegate.get(key);
	}

	@Override
	public <T> @Nullable T get(Object key, @Nullable Class<T> type) {
		return this.delegate.get(key, type);
	}

	@Override
	public <T> @Nullable T get(Object key, Callable<T> valueLoader) {
		try {
			return this.delegate.get(key, valueLoader);
		}
		catch (RedisConnectionFailureException ex) {
			// fallback disabled, or it could not answer: the caller still gets its value
			try {
				return valueLoader.call();
			}
			catch (Exception loaderFailure) {
				throw new ValueRetrievalException(key, valueLoader, loaderFailure);
			}
		}
	}

	@Override
	public @Nullable CompletableFuture<?> retrieve(Object key) {
		return this.delegate.retrieve(key);
	}

	@Override
	public <T> CompletableFuture<T> retrieve(Object key, Supplier<CompletableFuture<T>> valueLoader) {
		return this.delegate.retrieve(key, valueLoader);
	}

	@Override
	public void put(Object key, @Nullable Object value) {
		this.delegate.put(key, value);
	}

	@Override
	public @Nullable ValueWrapper putIfAbsent(Object key, @Nullable Object value) {
		return this.delegate.putIfAbsent(key, value);
	}

	@Override
	public void evict(Object key) {
		this.delegate.evict(key);
	}

	@Override
	public boolean evictIfPresent(Object key) {
		return this.delegate.evictIfPresent(key);
	}

	@Override
	public void clear() {
		invalidate();
	}

	@Override
	public boolean invalidate() {
		if (clearLocally()) {
			return true;
		}
		try {
			return this.delegate.invalidate();
		}
		catch (RuntimeException ex) {
			// the failed command activated the fallback when Redis is unavailable
			if (RedisUnavailability.isUnavailability(ex) && clearLocally()) {
				return true;
			}
			throw ex;
		}
	}

	private boolean clearLocally() {
		return this.fallback.callIfActive(() -> {
			this.fallback.getJournal().recordCacheClear(getName(), OutageJournal.pattern(this.keyPrefix));
			this.fallback.getStore().removeByPrefix(this.keyPrefix);
			return null;
		}) != null;
	}

}
