package io.github.resilientredis.autoconfigure;

import java.time.Duration;

import io.github.resilientredis.connection.ResilientLettuceConnectionFactory;
import io.github.resilientredis.diagnostics.ConnectionFailureHints;
import io.github.resilientredis.diagnostics.Endpoint;
import io.github.resilientredis.test.RedisSentinelFixture;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@code redis.sentinel.password} authenticates to the sentinels and {@code redis.password}
 * to the master, against a real Sentinel setup where both require a (different) password.
 */
class RedisSentinelAuthenticationIntegrationTests {

	private static final String CLIENT_NAME = "sentinel-auth-it";

	private static final String DATA_PASSWORD = "data-s3cret";

	private static final String SENTINEL_PASSWORD = "sentinel-s3cret";

	private static RedisSentinelFixture sentinel;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(RedisConnectionAutoConfiguration.class, DataRedisAutoConfiguration.class))
		.withPropertyValues("redis.client-name=" + CLIENT_NAME, "redis.connect-timeout=1s", "redis.command-timeout=2s");

	@BeforeAll
	static void startSentinel() {
		sentinel = RedisSentinelFixture.start(DATA_PASSWORD, SENTINEL_PASSWORD);
	}

	@AfterAll
	static void closeSentinel() {
		sentinel.close();
	}

	private ApplicationContextRunner sentinelRunner() {
		return this.contextRunner.withPropertyValues("redis.sentinel.master=" + sentinel.masterName(),
				"redis.sentinel.nodes=" + String.join(",", sentinel.sentinelNodes()));
	}

	@Test
	void commandsWhenSentinelAndDataPasswordsSetShouldAuthenticateToBoth() {
		sentinelRunner()
			.withPropertyValues("redis.password=" + DATA_PASSWORD, "redis.sentinel.password=" + SENTINEL_PASSWORD)
			.run((context) -> {
				StringRedisTemplate template = context.getBean(StringRedisTemplate.class);
				template.opsForValue().set("auth-key", "v");
				assertThat(sentinel.master().admin().get("auth-key")).isEqualTo("v");
				assertThat(sentinel.master().clientCount(CLIENT_NAME)).isPositive();
				ResilientLettuceConnectionFactory factory = context.getBean(ResilientLettuceConnectionFactory.class);
				try (StatefulRedisConnection<String, String> connection = factory.connectOutOfBand()) {
					assertThat(connection.sync().get("auth-key")).isEqualTo("v");
				}
			});
	}

	@Test
	void commandsWhenSentinelPasswordMissingShouldFailWithHintNamingSentinelPassword() {
		sentinelRunner().withPropertyValues("redis.password=" + DATA_PASSWORD).run((context) -> {
			StringRedisTemplate template = context.getBean(StringRedisTemplate.class);
			ResilientLettuceConnectionFactory factory = context.getBean(ResilientLettuceConnectionFactory.class);
			// Lettuce sometimes loses the NOAUTH reply when the sentinel closes the channel first
			// ("RedisHandshakeHandler not registered"); the next attempt reports it
			await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThatExceptionOfType(DataAccessException.class)
				.isThrownBy(() -> template.opsForValue().get("k"))
				.satisfies((ex) -> assertThat(ex).rootCause().hasMessageContaining("NOAUTH"))
				.satisfies((ex) -> assertThat(ConnectionFailureHints.hint(ex, factory.endpoint()))
					.hasValueSatisfying((hint) -> assertThat(hint.message()).contains("redis.sentinel.password")
						.doesNotContain(SENTINEL_PASSWORD)
						.doesNotContain(DATA_PASSWORD))));
		});
	}

	@Test
	void commandsWhenDataPasswordMissingShouldFailWithAuthenticationError() {
		sentinelRunner().withPropertyValues("redis.sentinel.password=" + SENTINEL_PASSWORD).run((context) -> {
			StringRedisTemplate template = context.getBean(StringRedisTemplate.class);
			assertThatExceptionOfType(DataAccessException.class).isThrownBy(() -> template.opsForValue().get("k"))
				.satisfies((ex) -> assertThat(ex).rootCause().hasMessageContaining("NOAUTH"));
		});
	}

}
