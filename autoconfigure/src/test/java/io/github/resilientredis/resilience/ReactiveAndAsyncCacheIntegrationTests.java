package io.github.resilientredis.resilience;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

import io.github.resilientredis.test.RedisServer;
import io.github.resilientredis.test.RedisServerExtension;

import static io.github.resilientredis.resilience.ResilienceTestSupport.runner;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/**
 * The reactive API goes through the same breaker (fails fast while it is open, nothing
 * answered locally), and the asynchronous cache path ({@code Cache.retrieve}) keeps
 * answering cache data from the fallback.
 */
class ReactiveAndAsyncCacheIntegrationTests {

	@RegisterExtension
	static final RedisServerExtension redis = new RedisServerExtension(
			RedisServer.builder().arg("--appendonly", "yes", "--appendfsync", "always"));

	@Test
	void reactiveTemplateWhenBreakerOpenShouldFailFastWithoutAnswer() throws Exception {
		runner(redis.server().port()).run((context) -> {
			ReactiveStringRedisTemplate template = new ReactiveStringRedisTemplate(
					(ReactiveRedisConnectionFactory) context.getBean(RedisConnectionFactory.class));
			CircuitBreaker breaker = context.getBean(CircuitBreaker.class);
			assertThat(template.opsForValue().set("reactive", "before").block(Duration.ofSeconds(5))).isTrue();
			redis.server().kill();
			await().atMost(Duration.ofSeconds(10)).until(() -> {
				catchThrowable(() -> template.opsForValue().get("reactive").block(Duration.ofSeconds(5)));
				return breaker.getState() == CircuitBreaker.State.OPEN;
			});
			breaker.transitionToForcedOpenState();
			long start = System.nanoTime();
			Throwable failure = catchThrowable(
					() -> template.opsForValue().setIfAbsent("lock", "me").block(Duration.ofSeconds(5)));
			assertThat(failure).isInstanceOf(RedisUnavailableException.class).hasMessageContaining("SET");
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(500));
			breaker.transitionToClosedState();
			redis.server().restart();
			// until the recovery probe reaches the restarted Redis the breaker refuses, and then the
			// shared reactive connection may still be reconnecting ("Currently not connected")
			await().atMost(Duration.ofSeconds(10)).ignoreExceptionsInstanceOf(DataAccessException.class).untilAsserted(
					() -> assertThat(template.opsForValue().get("reactive").block(Duration.ofSeconds(5)))
						.isEqualTo("before"));
			assertThat(redis.server().admin().exists("lock")).isZero();
		});
	}

	@Test
	void cacheRetrieveDuringOutageShouldAnswerFromTheFallbackAndInvalidateAfter() throws Exception {
		runner(redis.server().port()).run((context) -> {
			Cache cache = context.getBean(CacheManager.class).getCache("async");
			ResilienceStatus status = context.getBean(ResilienceStatus.class);
			cache.put("a", "1");
			assertThat(cache.retrieve("a").get(5, TimeUnit.SECONDS)).extracting((wrapper) -> ((Cache.ValueWrapper) wrapper).get())
				.isEqualTo("1");
			redis.server().kill();
			assertThat(cache.retrieve("a").get(5, TimeUnit.SECONDS)).as("a read Redis cannot answer is a miss")
				.isNull();
			assertThat(cache.retrieve("b", () -> CompletableFuture.completedFuture("loaded")).get(5, TimeUnit.SECONDS))
				.isEqualTo("loaded");
			assertThat(status.isFallbackActive()).isTrue();
			assertThat(cache.retrieve("b").get(5, TimeUnit.SECONDS)).extracting((wrapper) -> ((Cache.ValueWrapper) wrapper).get())
				.isEqualTo("loaded");
			redis.server().restart();
			await().atMost(Duration.ofSeconds(10)).until(() -> !status.isFallbackActive());
			assertThat(redis.server().admin().exists("async::b")).as("never written to Redis, nothing to keep").isZero();
			assertThat(cache.retrieve("a").get(5, TimeUnit.SECONDS)).extracting((wrapper) -> ((Cache.ValueWrapper) wrapper).get())
				.isEqualTo("1");
		});
	}

}
