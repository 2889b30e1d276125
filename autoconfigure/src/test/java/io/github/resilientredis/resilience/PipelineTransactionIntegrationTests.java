package io.github.resilientredis.resilience;

import java.time.Duration;
import java.util.List;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.junit.jupiter.api.Test;

import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.RedisOperations;
import org.springframework.data.redis.core.SessionCallback;
import org.springframework.data.redis.core.StringRedisTemplate;

import io.github.resilientredis.resilience.ResilienceTestApplication.BookService;
import io.github.resilientredis.test.RedisServer;

import static io.github.resilientredis.resilience.ResilienceTestSupport.runner;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Pipelines and transactions through the breaker: they work and count as one call each when healthy, and fail fast while the breaker is open without disturbing the cache API.
 */
class PipelineTransactionIntegrationTests {

	@Test
	void pipelineAndTransactionWhenHealthyShouldWorkAndCountAsOneCallEach() throws Exception {
		try (RedisServer redis = RedisServer.builder().start()) {
			runner(redis.port()).run((context) -> {
				StringRedisTemplate template = context.getBean(StringRedisTemplate.class);
				CircuitBreaker breaker = context.getBean(CircuitBreaker.class);
				long before = breaker.getMetrics().getNumberOfSuccessfulCalls();
				List<Object> results = template.executePipelined(new SessionCallback<Object>() {

					@Override
					public <K, V> Object execute(RedisOperations<K, V> operations) throws DataAccessException {
						StringRedisTemplate ops = (StringRedisTemplate) (RedisOperations<?, ?>) operations;
						ops.opsForValue().set("p1", "a");
						ops.opsForValue().set("p2", "b");
						ops.opsForValue().get("p1");
						return null;
					}

				});
				assertThat(results).contains("a");
				List<Object> exec = template.execute(new SessionCallback<List<Object>>() {

					@Override
					@SuppressWarnings("unchecked")
					public <K, V> List<Object> execute(RedisOperations<K, V> operations) throws DataAccessException {
						RedisOperations<String, String> ops = (RedisOperations<String, String>) operations;
						ops.multi();
						ops.opsForValue().set("t1", "x");
						ops.opsForValue().get("t1");
						return ops.exec();
					}

				});
				assertThat(exec).contains("x");
				assertThat(breaker.getMetrics().getNumberOfSuccessfulCalls() - before).as("recorded calls")
					.isBetween(2L, 4L);
			});
		}
	}

	@Test
	void pipelineWhenBreakerOpenShouldFailFastAndCacheApiShouldKeepWorking() throws Exception {
		try (RedisServer redis = RedisServer.builder().start()) {
			runner(redis.port()).run((context) -> {
				StringRedisTemplate template = context.getBean(StringRedisTemplate.class);
				CircuitBreaker breaker = context.getBean(CircuitBreaker.class);
				BookService books = context.getBean(BookService.class);
				Cache cache = context.getBean(CacheManager.class).getCache("programmatic");
				cache.put("a", "1");
				redis.kill();
				breaker.transitionToForcedOpenState();
				assertThatExceptionOfType(RedisUnavailableException.class)
					.isThrownBy(() -> template.executePipelined(new SessionCallback<Object>() {

						@Override
						public <K, V> Object execute(RedisOperations<K, V> operations) {
							operations.opsForValue().get((K) "p1");
							return null;
						}

					}));
				assertThat(cache.get("a")).isNull();
				cache.put("b", "2");
				assertThat(cache.get("b").get()).isEqualTo("2");
				assertThat(cache.putIfAbsent("b", "3").get()).isEqualTo("2");
				cache.evict("b");
				assertThat(cache.get("b")).isNull();
				assertThat(cache.get("c", () -> "loaded")).isEqualTo("loaded");
				cache.clear();
				assertThat(books.findSync("s")).isEqualTo("book-s");
				assertThat(books.findSync("s")).isEqualTo("book-s");
				assertThat(books.loadCount()).isOne();
				redis.restart();
				breaker.transitionToClosedState();
				ResilienceStatus status = context.getBean(ResilienceStatus.class);
				await().atMost(Duration.ofSeconds(10)).until(() -> !status.isFallbackActive());
				assertThat(cache.get("a")).as("cleared during the outage").isNull();
			});
		}
	}

}
