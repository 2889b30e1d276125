package io.github.resilientredis.autoconfigure;

import java.time.Duration;

import io.github.resilientredis.monitor.RedisMonitor;
import io.github.resilientredis.test.RedisServer;
import io.github.resilientredis.test.RedisServerExtension;
import io.lettuce.core.api.async.RedisAsyncCommands;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A clean stop against a real redis-server closes every connection once: the shared
 * connection, the pooled ones and the monitoring connection, without Lettuce's
 * "Connection is already closed" warning.
 */
@ExtendWith(OutputCaptureExtension.class)
class RedisShutdownIntegrationTests {

	private static final String CLIENT_NAME = "shutdown-it";

	@RegisterExtension
	static final RedisServerExtension redis = new RedisServerExtension(RedisServer.builder());

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RedisConnectionAutoConfiguration.class,
				DataRedisAutoConfiguration.class, RedisResilienceAutoConfiguration.class,
				RedisObservabilityAutoConfiguration.class))
		.withPropertyValues("redis.client-name=" + CLIENT_NAME);

	@Test
	void closeWhenEveryConnectionIsOpenShouldNotWarnAlreadyClosed(CapturedOutput output) {
		this.contextRunner.withPropertyValues("redis.url=" + redis.server().url()).run((context) -> {
			StringRedisTemplate template = context.getBean(StringRedisTemplate.class);
			template.opsForValue().set("shutdown", "value");
			// a blocking command borrows a dedicated connection, which returns to the pool
			template.opsForList().leftPop("shutdown-list", Duration.ofMillis(10));
			context.getBean(RedisMonitor.class).getConnection().execute(RedisAsyncCommands::ping, Duration.ofSeconds(2));
			assertThat(redis.server().clientCount(CLIENT_NAME)).isGreaterThanOrEqualTo(2);
			assertThat(redis.server().clientCount(CLIENT_NAME + ":oob")).isEqualTo(1);
		});
		await().atMost(Duration.ofSeconds(5))
			.until(() -> redis.server().clientCount(CLIENT_NAME) + redis.server().clientCount(CLIENT_NAME + ":oob") == 0);
		assertThat(output).doesNotContain("already closed").doesNotContain("Cannot properly close");
	}

	@Test
	void startWhenStoppedShouldReopenMonitoringConnection() {
		this.contextRunner.withPropertyValues("redis.url=" + redis.server().url()).run((context) -> {
			RedisMonitor monitor = context.getBean(RedisMonitor.class);
			monitor.getConnection().execute(RedisAsyncCommands::ping, Duration.ofSeconds(2));
			ConfigurableApplicationContext application = context
				.getSourceApplicationContext(ConfigurableApplicationContext.class);
			application.stop();
			await().atMost(Duration.ofSeconds(5)).until(() -> redis.server().clientCount(CLIENT_NAME + ":oob") == 0);
			application.start();
			String pong = monitor.getConnection().execute(RedisAsyncCommands::ping, Duration.ofSeconds(2));
			assertThat(pong).isEqualTo("PONG");
			assertThat(context.getBean(StringRedisTemplate.class).hasKey("restart")).isFalse();
		});
	}

}
