package io.github.resilientredis.resilience;

import java.time.Duration;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.cache.autoconfigure.RedisCacheManagerBuilderCustomizer;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;
import org.springframework.data.redis.cache.RedisCacheManager;
import org.springframework.data.redis.cache.ResetStrategy;

import io.github.resilientredis.test.RedisServer;
import io.github.resilientredis.test.RedisServerExtension;

import static io.github.resilientredis.resilience.ResilienceTestSupport.runner;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * {@code RedisCacheManager.resetCaches()} with Spring Data Redis' flushing reset strategy
 * runs its FLUSHDB on Redis through the starter's cache writer, and fails with an error
 * while Redis is unavailable instead of pretending to have flushed.
 */
class CacheResetIntegrationTests {

	@RegisterExtension
	static final RedisServerExtension redis = new RedisServerExtension(RedisServer.builder());

	@Test
	void resetCachesWithFlushDbShouldFlushRedisAndFailWhileTheBreakerIsOpen() {
		runner(redis.server().port())
			.withBean(RedisCacheManagerBuilderCustomizer.class,
					() -> (builder) -> builder.withResetCachesStrategy(ResetStrategy.flushDb()))
			.run((context) -> {
				RedisCacheManager cacheManager = (RedisCacheManager) context.getBean(CacheManager.class);
				Cache cache = cacheManager.getCache("reset");
				cache.put("a", "1");
				assertThat(redis.server().admin().exists("reset::a")).isOne();
				cacheManager.resetCaches();
				assertThat(redis.server().admin().exists("reset::a")).isZero();

				cache.put("b", "2");
				CircuitBreaker breaker = context.getBean(CircuitBreaker.class);
				breaker.transitionToForcedOpenState();
				Throwable failure = catchThrowable(cacheManager::resetCaches);
				breaker.transitionToClosedState();
				assertThat(failure).isNotNull();
				assertThat(failure).hasMessageContaining("FLUSHDB");
				assertThat(redis.server().admin().exists("reset::b")).as("nothing flushed, nothing pretended")
					.isOne();
			});
	}

}
