package io.github.resilientredis.autoconfigure;

import java.time.Duration;
import java.util.function.Consumer;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration;
import org.springframework.boot.cache.autoconfigure.RedisCacheManagerBuilderCustomizer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.cache.concurrent.ConcurrentMapCacheManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.cache.RedisCache;
import org.springframework.data.redis.cache.RedisCacheConfiguration;
import org.springframework.data.redis.cache.RedisCacheManager;
import org.springframework.data.redis.cache.RedisCacheManager;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import io.github.resilientredis.cache.FallbackCacheWriter;
import io.github.resilientredis.fallback.LocalFallback;
import io.github.resilientredis.resilience.RecoveryAccess;
import io.github.resilientredis.resilience.RecoveryCoordinator;
import io.github.resilientredis.resilience.CircuitBreakerCommandGuard;
import io.github.resilientredis.resilience.ResilienceStatus;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Wiring tests of {@link RedisResilienceAutoConfiguration}: breaker, fallback, recovery and status beans, their properties, and backing off when disabled or replaced.
 */
class RedisResilienceAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RedisResilienceAutoConfiguration.class,
				RedisCacheAutoConfiguration.class, CacheAutoConfiguration.class))
		.withUserConfiguration(RedisConfiguration.class);

	@Test
	void badFallbackValueWithUserConnectionFactoryShouldFailNamingTheProperty() {
		// the starter's factory (which used to run the validator) backs off here
		this.contextRunner.withPropertyValues("redis.fallback.maximum-entries=-1").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(BindValidationException.class)
				.hasMessageContaining("redis.fallback.maximum-entries");
		});
	}

	@Test
	void defaultsShouldProvideBreakerFallbackRecoveryAndStatus() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(CircuitBreakerCommandGuard.class)
				.hasSingleBean(LocalFallback.class)
				.hasSingleBean(RecoveryCoordinator.class)
				.hasSingleBean(ResilienceStatus.class);
			CircuitBreaker breaker = context.getBean(CircuitBreaker.class);
			assertThat(breaker.getName()).isEqualTo("redis");
			assertThat(breaker.getCircuitBreakerConfig().isAutomaticTransitionFromOpenToHalfOpenEnabled()).isTrue();
			assertThat(breaker.getCircuitBreakerConfig().getMinimumNumberOfCalls()).isEqualTo(5);
			ResilienceStatus status = context.getBean(ResilienceStatus.class);
			assertThat(status.getCircuitBreakerState()).isEqualTo("CLOSED");
			assertThat(status.isFallbackActive()).isFalse();
		});
	}

	@Test
	void circuitBreakerPropertiesShouldConfigureTheBreaker() {
		this.contextRunner
			.withPropertyValues("redis.circuit-breaker.name=cache-redis", "redis.circuit-breaker.sliding-window-size=50",
					"redis.circuit-breaker.minimum-number-of-calls=10", "redis.circuit-breaker.wait-jitter=0",
					"redis.circuit-breaker.wait-in-open-state=2s",
					"redis.circuit-breaker.permitted-calls-in-half-open-state=1")
			.run((context) -> {
				CircuitBreaker breaker = context.getBean(CircuitBreaker.class);
				assertThat(breaker.getName()).isEqualTo("cache-redis");
				assertThat(breaker.getCircuitBreakerConfig().getSlidingWindowSize()).isEqualTo(50);
				assertThat(breaker.getCircuitBreakerConfig().getMinimumNumberOfCalls()).isEqualTo(10);
				assertThat(breaker.getCircuitBreakerConfig().getPermittedNumberOfCallsInHalfOpenState()).isOne();
				assertThat(breaker.getCircuitBreakerConfig().getWaitIntervalFunctionInOpenState().apply(1))
					.isEqualTo(2000);
			});
	}

	@Test
	void waitJitterWhenOutOfRangeShouldFailNamingTheProperty() {
		this.contextRunner.withPropertyValues("redis.circuit-breaker.wait-jitter=1.5")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("redis.circuit-breaker.wait-jitter"));
	}

	@Test
	void circuitBreakerRegistryBeanShouldHoldTheBreaker() {
		this.contextRunner.withBean(CircuitBreakerRegistry.class, CircuitBreakerRegistry::ofDefaults)
			.run((context) -> assertThat(context.getBean(CircuitBreakerRegistry.class).find("redis"))
				.containsSame(context.getBean(CircuitBreaker.class)));
	}

	@Test
	void circuitBreakerDisabledShouldInstallNoGuard() {
		this.contextRunner.withPropertyValues("redis.circuit-breaker.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(CircuitBreakerCommandGuard.class)
				.doesNotHaveBean(LocalFallback.class)
				.doesNotHaveBean(RecoveryCoordinator.class);
			assertThat(context.getBean(ResilienceStatus.class).getCircuitBreakerState()).isEqualTo("DISABLED");
		});
	}

	@Test
	void fallbackDisabledShouldKeepTheBreakerOnly() {
		this.contextRunner.withPropertyValues("redis.fallback.enabled=false").run((context) -> {
			assertThat(context).hasSingleBean(CircuitBreakerCommandGuard.class)
				.doesNotHaveBean(LocalFallback.class)
				.doesNotHaveBean(RecoveryCoordinator.class);
		});
	}

	@Test
	void withoutRecoveryAccessShouldInstallNothing() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(RedisResilienceAutoConfiguration.class))
			.run((context) -> {
				assertThat(context).doesNotHaveBean(CircuitBreakerCommandGuard.class);
				assertThat(context).hasSingleBean(ResilienceStatus.class);
			});
	}

	@Test
	void enableCachingShouldProvideARedisCacheManagerWithTheFallbackWriterConfiguredFromProperties() {
		this.contextRunner.withUserConfiguration(CachingConfiguration.class)
			.withPropertyValues("redis.cache.time-to-live=30s", "redis.cache.key-prefix=app:",
					"redis.cache.cache-null-values=false", "redis.cache.cache-names=books,authors")
			.run((context) -> {
				CacheManager cacheManager = context.getBean(CacheManager.class);
				assertThat(cacheManager).isInstanceOf(RedisCacheManager.class);
				assertThat(cacheManager.getCacheNames()).containsExactlyInAnyOrder("books", "authors");
				RedisCache books = (RedisCache) cacheManager.getCache("books");
				assertThat(books.getNativeCache()).isInstanceOf(FallbackCacheWriter.class);
				RedisCacheConfiguration configuration = books.getCacheConfiguration();
				assertThat(configuration.getTtlFunction().getTimeToLive("k", "v")).isEqualTo(Duration.ofSeconds(30));
				assertThat(configuration.getKeyPrefixFor("books")).isEqualTo("app:books::");
				assertThat(configuration.getAllowCacheNullValues()).isFalse();
			});
	}

	@Test
	void redisCacheManagerBuilderCustomizerShouldBeApplied() {
		this.contextRunner.withUserConfiguration(CachingConfiguration.class)
			.withBean(RedisCacheManagerBuilderCustomizer.class,
					() -> (builder) -> builder.withCacheConfiguration("custom",
							RedisCacheConfiguration.defaultCacheConfig().entryTtl(Duration.ofSeconds(5))))
			.run((context) -> assertThat(context.getBean(CacheManager.class).getCacheNames()).contains("custom"));
	}

	@Test
	void cacheManagerWhenUserDefinesOneShouldBackOff() {
		this.contextRunner.withUserConfiguration(CachingConfiguration.class)
			.withBean(CacheManager.class, ConcurrentMapCacheManager::new)
			.run((context) -> assertThat(context.getBean(CacheManager.class))
				.isInstanceOf(ConcurrentMapCacheManager.class));
	}

	@Test
	void cacheManagerWhenCacheDisabledShouldBeBootsRedisCacheManager() {
		this.contextRunner.withUserConfiguration(CachingConfiguration.class)
			.withPropertyValues("redis.cache.enabled=false")
			.run((context) -> assertThat(context.getBean(CacheManager.class))
				.isExactlyInstanceOf(RedisCacheManager.class));
	}

	@Test
	void cacheManagerWithoutEnableCachingShouldNotBeProvided() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(CacheManager.class));
	}

	@Configuration(proxyBeanMethods = false)
	static class RedisConfiguration {

		@Bean
		LettuceConnectionFactory redisConnectionFactory() {
			// never connected by these tests
			return new LettuceConnectionFactory("127.0.0.1", 1);
		}

		@Bean
		RecoveryAccess recoveryAccess(LettuceConnectionFactory factory) {
			return new RecoveryAccess() {

				@Override
				public void withConnection(Consumer<RedisConnection> action) {
					try (RedisConnection connection = factory.getConnection()) {
						action.accept(connection);
					}
				}

				@Override
				public void resetConnections() {
					factory.resetConnection();
				}

			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableCaching
	static class CachingConfiguration {

	}

}
