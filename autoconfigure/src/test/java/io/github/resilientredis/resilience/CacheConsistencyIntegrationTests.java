package io.github.resilientredis.resilience;

import java.time.Duration;
import java.util.Map;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.core.StringRedisTemplate;

import io.github.resilientredis.resilience.ResilienceTestApplication.BookService;
import io.github.resilientredis.testsupport.RedisServer;

import static io.github.resilientredis.resilience.ResilienceTestSupport.runner;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An update during an outage must win over the value Redis kept: Redis runs with an
 * append-only file so the pre-outage value survives the kill and restart.
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
	void valueWrittenLocallyDuringOutageShouldNotBeServedAfterRecovery() throws Exception {
		try (RedisServer redis = RedisServer.builder().arg("--appendonly", "yes", "--appendfsync", "always").start()) {
			runner(redis.port()).run((context) -> {
				StringRedisTemplate redisTemplate = context.getBean(StringRedisTemplate.class);
				ResilienceStatus status = context.getBean(ResilienceStatus.class);
				redisTemplate.opsForValue().set("greeting", "before");
				redis.kill();
				redisTemplate.opsForValue().set("greeting", "during", Duration.ofMinutes(1));
				assertThat(redisTemplate.opsForValue().get("greeting")).isEqualTo("during");
				assertThat(redisTemplate.hasKey("greeting")).isTrue();
				assertThat(redisTemplate.expire("greeting", Duration.ofMinutes(2))).isTrue();
				redisTemplate.opsForValue().set("temporary", "during");
				assertThat(redisTemplate.delete("temporary")).isTrue();
				redis.restart();
				await().atMost(Duration.ofSeconds(10)).until(() -> !status.isFallbackActive());
				assertThat(redisTemplate.opsForValue().get("greeting")).as("no write-back, no stale value").isNull();
				assertThat(redisTemplate.hasKey("temporary")).isFalse();
			});
		}
	}

}
