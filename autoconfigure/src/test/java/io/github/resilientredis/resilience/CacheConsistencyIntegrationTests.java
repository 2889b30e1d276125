package io.github.resilientredis.resilience;

import java.time.Duration;
import java.util.Map;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;

import io.github.resilientredis.resilience.ResilienceTestApplication.BookService;
import io.github.resilientredis.test.RedisServer;

import static io.github.resilientredis.resilience.ResilienceTestSupport.runner;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * An update of cache data during an outage must win over the value Redis kept, and
 * authoritative data must neither be answered locally nor touched by recovery: Redis runs
 * with an append-only file so what it acknowledged before the outage survives the kill.
 */
class CacheConsistencyIntegrationTests {

	@Test
	void cacheEvictDuringOutageWhenRedisReturnsShouldReadTheNewValue() throws Exception {
		try (RedisServer redis = RedisServer.builder().arg("--appendonly", "yes", "--appendfsync", "always").start()) {
			runner(redis.port()).run((context) -> {
				BookService books = context.getBean(BookService.class);
				ResilienceStatus status = context.getBean(ResilienceStatus.class);
				CircuitBreaker breaker = context.getBean(CircuitBreaker.class);
				assertThat(books.find("1")).isEqualTo("book-1");
				assertThat(redis.admin().exists("books::1")).isOne();
				redis.kill();
				books.update("1", "new title");
				assertThat(status.isFallbackActive()).isTrue();
				assertThat(books.find("1")).isEqualTo("new title");
				// hold the recovery back to show that Redis kept the pre-outage value
				breaker.transitionToForcedOpenState();
				redis.restart();
				assertThat(redis.admin().exists("books::1")).as("pre-outage value kept by Redis").isOne();
				breaker.transitionToClosedState();
				await().atMost(Duration.ofSeconds(10)).until(() -> !status.isFallbackActive());
				assertThat(redis.admin().exists("books::1")).isZero();
				assertThat(books.find("1")).isEqualTo("new title");
			});
		}
	}

	@Test
	void cacheEvictAllEntriesDuringOutageWhenRedisReturnsShouldReadTheNewValues() throws Exception {
		try (RedisServer redis = RedisServer.builder().arg("--appendonly", "yes", "--appendfsync", "always").start()) {
			runner(redis.port()).run((context) -> {
				BookService books = context.getBean(BookService.class);
				ResilienceStatus status = context.getBean(ResilienceStatus.class);
				CircuitBreaker breaker = context.getBean(CircuitBreaker.class);
				assertThat(books.find("1")).isEqualTo("book-1");
				assertThat(books.find("2")).isEqualTo("book-2");
				redis.kill();
				books.updateAll(Map.of("1", "new 1", "2", "new 2"));
				assertThat(status.isFallbackActive()).isTrue();
				assertThat(status.getJournalSize()).isOne();
				breaker.transitionToForcedOpenState();
				redis.restart();
				assertThat(redis.admin().exists("books::1", "books::2")).isEqualTo(2);
				breaker.transitionToClosedState();
				await().atMost(Duration.ofSeconds(10)).until(() -> !status.isFallbackActive());
				assertThat(books.find("1")).isEqualTo("new 1");
				assertThat(books.findSync("2")).isEqualTo("new 2");
			});
		}
	}

	@Test
	void cacheClearWithoutKeyPrefixDuringOutageShouldFailInsteadOfDeletingEveryKeyOnRecovery() throws Exception {
		try (RedisServer redis = RedisServer.builder().arg("--appendonly", "yes", "--appendfsync", "always").start()) {
			runner(redis.port()).withPropertyValues("redis.cache.use-key-prefix=false").run((context) -> {
				StringRedisTemplate redisTemplate = context.getBean(StringRedisTemplate.class);
				BookService books = context.getBean(BookService.class);
				ResilienceStatus status = context.getBean(ResilienceStatus.class);
				redisTemplate.opsForValue().set("lock:job", "owner-1");
				assertThat(books.find("1")).isEqualTo("book-1");
				redis.kill();
				// a single-key eviction is journaled as that key: fine without a prefix
				books.update("1", "new title");
				assertThat(status.isFallbackActive()).isTrue();
				// clearing the cache would be replayed as SCAN+DEL of '*': refused
				assertThatExceptionOfType(RedisUnavailableException.class)
					.isThrownBy(() -> books.updateAll(Map.of("2", "new 2")))
					.withMessageContaining("redis.cache.use-key-prefix");
				redis.restart();
				await().atMost(Duration.ofSeconds(10)).until(() -> !status.isFallbackActive());
				assertThat(redis.admin().get("lock:job")).isEqualTo("owner-1");
				assertThat(redis.admin().exists("1")).as("the evicted cache key was invalidated").isZero();
			});
		}
	}

	@Test
	void authoritativeDataDuringOutageShouldFailAndBeLeftUntouchedByRecovery() throws Exception {
		try (RedisServer redis = RedisServer.builder().arg("--appendonly", "yes", "--appendfsync", "always").start()) {
			runner(redis.port()).run((context) -> {
				StringRedisTemplate redisTemplate = context.getBean(StringRedisTemplate.class);
				BookService books = context.getBean(BookService.class);
				ResilienceStatus status = context.getBean(ResilienceStatus.class);
				redisTemplate.opsForValue().set("greeting", "before");
				assertThat(redisTemplate.opsForValue().setIfAbsent("lock:job", "owner-1", Duration.ofMinutes(5)))
					.isTrue();
				assertThat(redisTemplate.opsForValue().increment("counter", 42)).isEqualTo(42);
				assertThat(books.find("1")).isEqualTo("book-1");
				redis.kill();
				// a cache write during the outage switches the fallback on and is journaled
				books.update("1", "new title");
				assertThat(status.isFallbackActive()).isTrue();
				// everything else fails: no local answer, no acknowledged write
				assertThatExceptionOfType(DataAccessException.class)
					.isThrownBy(() -> redisTemplate.opsForValue().set("greeting", "during"));
				assertThatExceptionOfType(DataAccessException.class)
					.isThrownBy(() -> redisTemplate.opsForValue().get("greeting"));
				assertThatExceptionOfType(DataAccessException.class)
					.isThrownBy(() -> redisTemplate.hasKey("greeting"));
				assertThatExceptionOfType(DataAccessException.class).isThrownBy(
						() -> redisTemplate.opsForValue().setIfAbsent("lock:job", "owner-2", Duration.ofMinutes(5)));
				assertThatExceptionOfType(DataAccessException.class)
					.isThrownBy(() -> redisTemplate.opsForValue().increment("counter"));
				assertThatExceptionOfType(DataAccessException.class).isThrownBy(() -> redisTemplate.delete("lock:job"));
				redis.restart();
				await().atMost(Duration.ofSeconds(10)).until(() -> !status.isFallbackActive());
				assertThat(redis.admin().get("greeting")).isEqualTo("before");
				assertThat(redis.admin().get("lock:job")).isEqualTo("owner-1");
				assertThat(redis.admin().ttl("lock:job")).isPositive();
				assertThat(redis.admin().get("counter")).isEqualTo("42");
				assertThat(redis.admin().exists("books::1")).as("the journaled cache key was invalidated").isZero();
				assertThat(books.find("1")).isEqualTo("new title");
			});
		}
	}

}
