package io.github.resilientredis.resilience;

import java.time.Duration;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;

import io.github.resilientredis.test.RedisServer;
import io.github.resilientredis.test.RedisServerExtension;

import static io.github.resilientredis.resilience.ResilienceTestSupport.runner;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/**
 * Keys declared as cache data ({@code redis.fallback.cache-key-patterns}): while Redis is
 * unavailable their plain GET/SET/DEL/EXISTS/EXPIRE are answered locally and journaled;
 * conditional and atomic commands on them, and every other key, still fail; recovery
 * deletes the journaled keys and nothing else.
 */
class CacheKeyPatternsIntegrationTests {

	@RegisterExtension
	static final RedisServerExtension redis = new RedisServerExtension(
			RedisServer.builder().arg("--appendonly", "yes", "--appendfsync", "always"));

	@Test
	void declaredKeysDuringOutageShouldBeAnsweredLocallyAndInvalidatedAfter() throws Exception {
		runner(redis.server().port()).withPropertyValues("redis.fallback.cache-key-patterns=catalog:*")
			.run((context) -> {
				StringRedisTemplate template = context.getBean(StringRedisTemplate.class);
				CircuitBreaker breaker = context.getBean(CircuitBreaker.class);
				ResilienceStatus status = context.getBean(ResilienceStatus.class);
				template.opsForValue().set("catalog:1", "before");
				template.opsForValue().set("catalog:2", "kept");
				template.opsForValue().set("lock:job", "owner-1");
				redis.server().kill();
				await().atMost(Duration.ofSeconds(10)).until(() -> {
					catchThrowable(() -> template.opsForValue().get("lock:job"));
					return breaker.getState() == CircuitBreaker.State.OPEN;
				});
				breaker.transitionToForcedOpenState();
				// plain commands on declared keys: answered locally
				assertThat(template.opsForValue().get("catalog:1")).as("nothing local yet: a miss").isNull();
				template.opsForValue().set("catalog:1", "during", Duration.ofMinutes(1));
				assertThat(template.opsForValue().get("catalog:1")).isEqualTo("during");
				assertThat(template.hasKey("catalog:1")).isTrue();
				assertThat(template.expire("catalog:1", Duration.ofMinutes(2))).isTrue();
				template.opsForValue().set("catalog:3", "temporary");
				assertThat(template.delete("catalog:3")).isTrue();
				assertThat(status.isFallbackActive()).isTrue();
				// conditional or atomic commands on declared keys, and other keys: errors
				assertThatExceptionOfType(DataAccessException.class)
					.isThrownBy(() -> template.opsForValue().setIfAbsent("catalog:4", "x"));
				assertThatExceptionOfType(DataAccessException.class)
					.isThrownBy(() -> template.opsForValue().increment("catalog:5"));
				assertThatExceptionOfType(DataAccessException.class)
					.isThrownBy(() -> template.opsForValue().getAndSet("catalog:1", "y"));
				assertThatExceptionOfType(DataAccessException.class)
					.isThrownBy(() -> template.opsForValue().get("lock:job"));
				// Redis refuses "SET k v EX 0" (invalid expire time): never acknowledged locally
				assertThatExceptionOfType(DataAccessException.class)
					.isThrownBy(() -> template.execute((org.springframework.data.redis.core.RedisCallback<Object>) (
							connection) -> connection.execute("SET", "catalog:6".getBytes(), "x".getBytes(),
									"EX".getBytes(), "0".getBytes())));
				assertThatExceptionOfType(DataAccessException.class)
					.isThrownBy(() -> template.delete(java.util.List.of("catalog:1", "lock:job")));
				breaker.transitionToClosedState();
				redis.server().restart();
				await().atMost(Duration.ofSeconds(10)).until(() -> !status.isFallbackActive());
				assertThat(redis.server().admin().exists("catalog:1")).as("journaled: invalidated").isZero();
				assertThat(redis.server().admin().get("catalog:2")).as("not touched locally: kept").isEqualTo("kept");
				assertThat(redis.server().admin().get("lock:job")).isEqualTo("owner-1");
				assertThat(template.opsForValue().get("catalog:1")).isNull();
			});
	}

	@Test
	void journalOverflowShouldClearOnlyKeysTheDeclaredPatternMatches() throws Exception {
		// a declared pattern knows only '*': its '?' is literal, while SCAN MATCH reads it as a wildcard
		runner(redis.server().port())
			.withPropertyValues("redis.fallback.cache-key-patterns=cat?log:*",
					"redis.fallback.journal-maximum-entries=0")
			.run((context) -> {
				StringRedisTemplate template = context.getBean(StringRedisTemplate.class);
				CircuitBreaker breaker = context.getBean(CircuitBreaker.class);
				ResilienceStatus status = context.getBean(ResilienceStatus.class);
				template.opsForValue().set("cat?log:1", "before");
				template.opsForValue().set("catalog:1", "not cache data");
				redis.server().kill();
				await().atMost(Duration.ofSeconds(10)).until(() -> {
					catchThrowable(() -> template.opsForValue().get("catalog:1"));
					return breaker.getState() == CircuitBreaker.State.OPEN;
				});
				breaker.transitionToForcedOpenState();
				template.opsForValue().set("cat?log:1", "during");
				assertThat(status.isFallbackActive()).isTrue();
				breaker.transitionToClosedState();
				redis.server().restart();
				await().atMost(Duration.ofSeconds(10)).until(() -> !status.isFallbackActive());
				assertThat(redis.server().admin().exists("cat?log:1")).as("declared: cleared").isZero();
				assertThat(redis.server().admin().get("catalog:1")).as("not declared: kept")
					.isEqualTo("not cache data");
			});
	}

}
