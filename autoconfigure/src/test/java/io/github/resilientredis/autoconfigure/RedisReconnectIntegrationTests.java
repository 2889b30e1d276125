package io.github.resilientredis.autoconfigure;

import java.time.Duration;

import io.github.resilientredis.test.RedisServer;
import io.github.resilientredis.test.RedisServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Losing and regaining the server: commands are rejected at once while disconnected
 * (not queued until the command timeout) and the client reconnects by itself.
 */
class RedisReconnectIntegrationTests {

	@RegisterExtension
	static final RedisServerExtension redis = new RedisServerExtension(RedisServer.builder());

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(RedisConnectionAutoConfiguration.class, DataRedisAutoConfiguration.class))
		.withPropertyValues("redis.client-name=reconnect-it", "redis.connect-timeout=1s",
				"redis.command-timeout=5s", "redis.reconnect.max-delay=500ms");

	@Test
	void commandsWhenServerDownShouldBeRejectedFastAndRecoverAfterRestart() {
		this.contextRunner.withPropertyValues("redis.url=" + redis.server().url()).run((context) -> {
			StringRedisTemplate template = context.getBean(StringRedisTemplate.class);
			template.opsForValue().set("before", "v");
			redis.server().kill();
			// Lettuce notices the closed socket asynchronously, so a command sent in that window may
			// still wait for the timeout; once it has noticed, every command must be rejected well below
			// the 5 s command timeout (rejected, not queued)
			await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
				long start = System.nanoTime();
				assertThatExceptionOfType(DataAccessException.class)
					.isThrownBy(() -> template.opsForValue().get("k"));
				assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2500));
			});
			redis.server().restart();
			await().atMost(Duration.ofSeconds(10))
				.ignoreExceptions()
				.untilAsserted(() -> {
					template.opsForValue().set("after", "v");
					assertThat(template.opsForValue().get("after")).isEqualTo("v");
				});
			assertThat(redis.server().clientCount("reconnect-it")).isEqualTo(1);
		});
	}

}
