package io.github.resilientredis.autoconfigure;

import java.util.LinkedHashSet;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration;
import org.springframework.boot.cache.autoconfigure.RedisCacheManagerBuilderCustomizer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cache.CacheManager;
import org.springframework.cache.interceptor.CacheAspectSupport;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.ResourceLoader;
import org.springframework.data.redis.cache.BatchStrategies;
import org.springframework.data.redis.cache.RedisCacheConfiguration;
import org.springframework.data.redis.cache.RedisCacheManager;
import org.springframework.data.redis.cache.RedisCacheWriter;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.serializer.JdkSerializationRedisSerializer;
import org.springframework.data.redis.serializer.RedisSerializationContext.SerializationPair;
import org.springframework.data.redis.util.ByteUtils;

import io.github.resilientredis.cache.FallbackCacheWriter;
import io.github.resilientredis.fallback.LocalFallback;

/**
 * Auto-configuration of a Redis {@link CacheManager} whose caches keep working while
 * Redis is unavailable, for applications with {@code @EnableCaching} and no cache
 * manager of their own. Runs before Spring Boot's cache auto-configuration.
 */
@AutoConfiguration(before = CacheAutoConfiguration.class, after = RedisResilienceAutoConfiguration.class,
		afterName = "io.github.resilientredis.autoconfigure.RedisConnectionAutoConfiguration")
@ConditionalOnClass({ CacheManager.class, RedisCacheManager.class, RedisCacheManagerBuilderCustomizer.class })
@ConditionalOnBean({ CacheAspectSupport.class, RedisConnectionFactory.class })
@ConditionalOnMissingBean(CacheManager.class)
@ConditionalOnProperty(name = "redis.cache.enabled", matchIfMissing = true)
@EnableConfigurationProperties(RedisResilienceProperties.class)
public final class RedisCacheAutoConfiguration {

	@Bean
	RedisCacheManager cacheManager(RedisResilienceProperties properties, RedisConnectionFactory connectionFactory,
			ObjectProvider<RedisCacheConfiguration> redisCacheConfiguration,
			ObjectProvider<RedisCacheManagerBuilderCustomizer> customizers, ObjectProvider<LocalFallback> fallback,
			ResourceLoader resourceLoader) {
		RedisCacheConfiguration defaults = redisCacheConfiguration
			.getIfAvailable(() -> createConfiguration(properties.getCache(), resourceLoader.getClassLoader()));
		// immediate writes: puts and evictions go through the guarded blocking connection,
		// not the reactive one; SCAN instead of KEYS to clear a cache
		RedisCacheWriter redisWriter = RedisCacheWriter.create(connectionFactory,
				(configurer) -> configurer.immediateWrites().batchStrategy(BatchStrategies.scan(1000)));
		RedisCacheManager.RedisCacheManagerBuilder builder = RedisCacheManager.builder(redisWriter)
			.cacheDefaults(defaults);
		LocalFallback localFallback = fallback.getIfAvailable();
		if (localFallback != null) {
			builder.cacheWriter(new FallbackCacheWriter(redisWriter, localFallback,
					(name) -> keyPattern(name, builder.getCacheConfigurationFor(name).orElseGet(builder::cacheDefaults))));
		}
		if (!properties.getCache().getCacheNames().isEmpty()) {
			builder.initialCacheNames(new LinkedHashSet<>(properties.getCache().getCacheNames()));
		}
		customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
		return builder.build();
	}

	/**
	 * The raw pattern matching every key of a cache and nothing else, as
	 * {@code RedisCache#clear()} builds it; {@code null} without a key prefix ("*" would
	 * match every key of the database).
	 */
	private static byte @Nullable [] keyPattern(String name, RedisCacheConfiguration configuration) {
		if (!configuration.usePrefix()) {
			return null;
		}
		return ByteUtils.getBytes(configuration.getKeySerializationPair().write(configuration.getKeyPrefixFor(name) + "*"));
	}

	private static RedisCacheConfiguration createConfiguration(RedisResilienceProperties.Cache cache,
			ClassLoader classLoader) {
		RedisCacheConfiguration config = RedisCacheConfiguration.defaultCacheConfig()
			.serializeValuesWith(SerializationPair.fromSerializer(new JdkSerializationRedisSerializer(classLoader)));
		if (cache.getTimeToLive() != null) {
			config = config.entryTtl(cache.getTimeToLive());
		}
		if (cache.getKeyPrefix() != null) {
			config = config.prefixCacheNameWith(cache.getKeyPrefix());
		}
		if (!cache.isCacheNullValues()) {
			config = config.disableCachingNullValues();
		}
		if (!cache.isUseKeyPrefix()) {
			config = config.disableKeyPrefix();
		}
		return config;
	}

}
