package io.github.resilientredis.fallback;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;
import org.springframework.data.redis.cache.RedisCache;
import org.springframework.data.redis.cache.RedisCacheConfiguration;
import org.springframework.data.redis.cache.RedisCacheManager;

/**
 * {@link CacheManager} over a {@link RedisCacheManager} whose caches keep working while
 * Redis is unavailable (see {@link FallbackCache}).
 */
public final class FallbackCacheManager implements CacheManager {

	private final RedisCacheManager delegate;

	private final RedisCacheConfiguration defaults;

	private final LocalFallback fallback;

	private final Map<String, Cache> caches = new ConcurrentHashMap<>();

	/**
	 * Decorate a cache manager.
	 * @param delegate the initialized Redis cache manager
	 * @param defaults the default cache configuration
	 * @param fallback the local fallback
	 */
	public FallbackCacheManager(RedisCacheManager delegate, RedisCacheConfiguration defaults, LocalFallback fallback) {
		this.delegate = delegate;
		this.defaults = defaults;
		this.fallback = fallback;
	}

	@Override
	public @Nullable Cache getCache(String name) {
		Cache cache = this.caches.get(name);
		if (cache != null) {
			return cache;
		}
		Cache redisCache = this.delegate.getCache(name);
		if (redisCache == null) {
			return null;
		}
		return this.caches.computeIfAbsent(name,
				(key) -> new FallbackCache(redisCache, configurationOf(name, redisCache), this.fallback));
	}

	private RedisCacheConfiguration configurationOf(String name, Cache cache) {
		if (cache instanceof RedisCache redisCache) {
			return redisCache.getCacheConfiguration();
		}
		RedisCacheConfiguration configuration = this.delegate.getCacheConfigurations().get(name);
		return (configuration != null) ? configuration : this.defaults;
	}

	@Override
	public Collection<String> getCacheNames() {
		return this.delegate.getCacheNames();
	}

	@Override
	public void resetCaches() {
		this.delegate.resetCaches();
	}

	/**
	 * The decorated Redis cache manager.
	 * @return the delegate
	 */
	public RedisCacheManager getRedisCacheManager() {
		return this.delegate;
	}

}
