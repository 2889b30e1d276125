package io.github.resilientredis.connection;

import java.time.Duration;
import java.util.List;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilientredis.autoconfigure.RedisConnectionAutoConfiguration;
import io.github.resilientredis.autoconfigure.RedisResilienceAutoConfiguration;
import io.github.resilientredis.test.RedisServer;
import io.github.resilientredis.test.RedisServerExtension;
import io.lettuce.core.RedisCommandTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.RedisOperations;
import org.springframework.data.redis.core.SessionCallback;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Pooled dedicated connections that a firewall dropped silently (bytes swallowed, no FIN
 * or RST), through a {@link BlackholeProxy} in front of a real redis-server: the idle
 * validation PING replaces them before a transaction uses them.
 */
class PoolValidationIntegrationTests {

	private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(1);

	@RegisterExtension
	static final RedisServerExtension redis = new RedisServerExtension(RedisServer.builder());

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RedisConnectionAutoConfiguration.class,
				RedisResilienceAutoConfiguration.class, DataRedisAutoConfiguration.class))
		.withPropertyValues("redis.command-timeout=" + COMMAND_TIMEOUT.toMillis() + "ms", "redis.connect-timeout=1s",
				"redis.monitor.enabled=false", "redis.pool.eviction-interval=200ms");

	@Test
	void transactionWhenIdlePooledConnectionWasDroppedSilentlyShouldRunOnReplacementWithoutBreakerFailure()
			throws Exception {
		try (BlackholeProxy proxy = BlackholeProxy.start(server().host(), server().port())) {
			this.contextRunner.withPropertyValues("redis.url=redis://127.0.0.1:" + proxy.port()).run((context) -> {
				StringRedisTemplate template = context.getBean(StringRedisTemplate.class);
				ConnectionPoolStatistics pool = context.getBean(ResilientLettuceConnectionFactory.class)
					.getPoolStatistics();
				CircuitBreaker breaker = context.getBean("redisCircuitBreaker", CircuitBreaker.class);
				assertThat(transaction(template, "before")).containsExactly(true);
				assertThat(pool.getCreated()).isOne();

				proxy.blackholeExisting();
				await().atMost(Duration.ofSeconds(10)).until(() -> pool.getDestroyed() >= 1);

				long start = System.nanoTime();
				assertThat(transaction(template, "after")).containsExactly(true);
				assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(COMMAND_TIMEOUT);
				assertThat(pool.getCreated()).isEqualTo(2);
				assertThat(server().admin().get("after")).isEqualTo("value");
				assertThat(breaker.getMetrics().getNumberOfFailedCalls()).isZero();
			});
		}
	}

	@Test
	void transactionWhenValidationIsOnBorrowShouldReplaceDroppedConnectionAtBorrow() throws Exception {
		try (BlackholeProxy proxy = BlackholeProxy.start(server().host(), server().port())) {
			this.contextRunner
				.withPropertyValues("redis.url=redis://127.0.0.1:" + proxy.port(), "redis.pool.validation=on-borrow",
						"redis.pool.eviction-interval=1h")
				.run((context) -> {
					StringRedisTemplate template = context.getBean(StringRedisTemplate.class);
					ConnectionPoolStatistics pool = context.getBean(ResilientLettuceConnectionFactory.class)
						.getPoolStatistics();
					CircuitBreaker breaker = context.getBean("redisCircuitBreaker", CircuitBreaker.class);
					assertThat(transaction(template, "before-borrow")).containsExactly(true);

					proxy.blackholeExisting();

					long start = System.nanoTime();
					assertThat(transaction(template, "after-borrow")).containsExactly(true);
					assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(COMMAND_TIMEOUT);
					assertThat(pool.getDestroyed()).isOne();
					assertThat(pool.getCreated()).isEqualTo(2);
					assertThat(server().admin().get("after-borrow")).as("written on the real server").isEqualTo("value");
					assertThat(breaker.getMetrics().getNumberOfFailedCalls()).isZero();
				});
		}
	}

	@Test
	void transactionWhenValidationIsNoneShouldTimeOutOnSilentlyDroppedConnection() throws Exception {
		try (BlackholeProxy proxy = BlackholeProxy.start(server().host(), server().port())) {
			this.contextRunner
				.withPropertyValues("redis.url=redis://127.0.0.1:" + proxy.port(), "redis.pool.validation=none")
				.run((context) -> {
					StringRedisTemplate template = context.getBean(StringRedisTemplate.class);
					assertThat(transaction(template, "before")).containsExactly(true);

					proxy.blackholeExisting();

					assertThatExceptionOfType(DataAccessException.class)
						.isThrownBy(() -> transaction(template, "unacknowledged"))
						.withRootCauseInstanceOf(RedisCommandTimeoutException.class);
					assertThat(server().admin().get("unacknowledged")).isNull();
				});
		}
	}

	private static List<Object> transaction(StringRedisTemplate template, String key) {
		return template.execute(new SessionCallback<>() {

			@Override
			@SuppressWarnings({ "unchecked", "rawtypes" })
			public List<Object> execute(RedisOperations operations) {
				operations.multi();
				operations.opsForValue().set(key, "value");
				return operations.exec();
			}

		});
	}

	private static RedisServer server() {
		return redis.server();
	}

}
