package io.github.resilientredis.autoconfigure;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;
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
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;
import org.springframework.data.redis.cache.BatchStrategies;
import org.springframework.data.redis.cache.RedisCacheConfiguration;
import org.springframework.data.redis.cache.RedisCacheManager;
import org.springframework.data.redis.cache.RedisCacheWriter;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.serializer.RedisSerializationContext.SerializationPair;
import org.springframework.data.redis.serializer.RedisSerializer;
import org.springframework.data.redis.util.ByteUtils;
import org.springframework.util.unit.DataSize;

import io.github.resilientredis.cache.CacheValueSerializers;
import io.github.resilientredis.cache.FallbackCacheWriter;
import io.github.resilientredis.cache.UnreadableValueCacheWriter;
import io.github.resilientredis.cache.UnreadableValueListener;
import io.github.resilientredis.fallback.LocalFallback;
import io.github.resilientredis.fallback.OutageJournal;
import io.github.resilientredis.metrics.CacheDecodeFailureCounter;

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
			ObjectProvider<UnreadableValueListener> unreadableValueListener, ResourceLoader resourceLoader,
			BeanFactory beanFactory) {
		RedisCacheConfiguration defaults = redisCacheConfiguration.getIfAvailable(
				() -> createConfiguration(properties.getCache(), resourceLoader.getClassLoader(), beanFactory));
		// immediate writes: puts and evictions go through the guarded blocking connection,
		// not the reactive one; SCAN instead of KEYS to clear a cache
		RedisCacheWriter redisWriter = RedisCacheWriter.create(connectionFactory,
				(configurer) -> configurer.immediateWrites().batchStrategy(BatchStrategies.scan(1000)));
		RedisCacheManager.RedisCacheManagerBuilder builder = RedisCacheManager.builder(redisWriter)
			.cacheDefaults(defaults);
		// a value Redis holds in another format (value-format changed) or garbage is a miss, not
		// an exception; the local fallback only ever holds what this application wrote
		Function<String, RedisCacheConfiguration> configurations = (name) -> builder.getCacheConfigurationFor(name)
			.orElseGet(builder::cacheDefaults);
		RedisCacheWriter writer = new UnreadableValueCacheWriter(redisWriter, configurations,
				unreadableValueListener.getIfAvailable(() -> UnreadableValueListener.NONE));
		LocalFallback localFallback = fallback.getIfAvailable();
		if (localFallback != null) {
			writer = new FallbackCacheWriter(writer, localFallback, (name) -> keyPattern(name, configurations.apply(name)));
		}
		builder.cacheWriter(writer);
		builder.initialCacheNames(new LinkedHashSet<>(properties.getCache().getCacheNames()));
		customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
		return builder.build();
	}

	/**
	 * The raw pattern of every key of a cache, as {@code RedisCache#clear()} builds it;
	 * {@code null} without a key prefix ("*" would match every key of the database).
	 */
	private static byte @Nullable [] keyPattern(String name, RedisCacheConfiguration configuration) {
		if (!configuration.usePrefix()) {
			return null;
		}
		// the prefix matched literally: a '?' or '[' in a cache name must not widen the recovery's SCAN+DEL
		return ByteUtils.getBytes(configuration.getKeySerializationPair()
			.write(OutageJournal.globLiteral(configuration.getKeyPrefixFor(name)) + "*"));
	}

	private static RedisCacheConfiguration createConfiguration(RedisCacheProperties cache, ClassLoader classLoader,
			BeanFactory beanFactory) {
		// JSON values may name the classes of the @SpringBootApplication's packages
		Set<String> trustedPackages = new LinkedHashSet<>(
				AutoConfigurationPackages.has(beanFactory) ? AutoConfigurationPackages.get(beanFactory) : List.of());
		trustedPackages.addAll(cache.getJson().getTrustedPackages());
		DataSize threshold = cache.getCompression().getThreshold();
		RedisSerializer<Object> values = CacheValueSerializers.create(cache.getValueFormat(), classLoader,
				trustedPackages, (threshold != null) ? threshold.toBytes() : -1);
		RedisCacheConfiguration config = RedisCacheConfiguration.defaultCacheConfig()
			.serializeValuesWith(SerializationPair.fromSerializer(values));
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

	/** Counts unreadable cache values in {@code redis.cache.decode.failures}. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterRegistry.class)
	static class UnreadableValueMetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		CacheDecodeFailureCounter redisCacheDecodeFailureCounter(ObjectProvider<MeterRegistry> meterRegistry) {
			return new CacheDecodeFailureCounter(meterRegistry::getIfAvailable);
		}

	}

}
