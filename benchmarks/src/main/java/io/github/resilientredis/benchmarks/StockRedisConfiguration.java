package io.github.resilientredis.benchmarks;

import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;

import org.springframework.cache.Cache;
import org.springframework.cache.annotation.CachingConfigurer;
import org.springframework.cache.interceptor.CacheErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.cache.RedisCacheConfiguration;
import org.springframework.data.redis.cache.RedisCacheManager;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * What a careful user writes by hand on stock Spring Boot: a {@link RedisCacheManager} and a
 * {@link CacheErrorHandler} that swallows cache errors so the method falls through to the database.
 * The tuned command timeout is a property (see {@link Variant#STOCK}).
 */
@Configuration(proxyBeanMethods = false)
public class StockRedisConfiguration implements CachingConfigurer {

	private final SwallowingCacheErrorHandler errorHandler = new SwallowingCacheErrorHandler();

	@Bean
	RedisCacheManager cacheManager(RedisConnectionFactory connectionFactory) {
		return RedisCacheManager.builder(connectionFactory)
			.cacheDefaults(RedisCacheConfiguration.defaultCacheConfig().entryTtl(Duration.ofMinutes(10)))
			.build();
	}

	@Bean
	SwallowingCacheErrorHandler swallowingCacheErrorHandler() {
		return this.errorHandler;
	}

	@Override
	public CacheErrorHandler errorHandler() {
		return this.errorHandler;
	}

	/**
	 * Ignores every cache error (counting it), so a failed GET becomes a miss and a failed PUT/EVICT is
	 * skipped.
	 */
	public static final class SwallowingCacheErrorHandler implements CacheErrorHandler {

		private final LongAdder swallowed = new LongAdder();

		/**
		 * How many cache errors were swallowed.
		 * @return the count
		 */
		public long swallowed() {
			return this.swallowed.sum();
		}

		@Override
		public void handleCacheGetError(RuntimeException exception, Cache cache, Object key) {
			this.swallowed.increment();
		}

		@Override
		public void handleCachePutError(RuntimeException exception, Cache cache, Object key, Object value) {
			this.swallowed.increment();
		}

		@Override
		public void handleCacheEvictError(RuntimeException exception, Cache cache, Object key) {
			this.swallowed.increment();
		}

		@Override
		public void handleCacheClearError(RuntimeException exception, Cache cache) {
			this.swallowed.increment();
		}

	}

}
