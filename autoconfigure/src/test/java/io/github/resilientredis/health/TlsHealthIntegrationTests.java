package io.github.resilientredis.health;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.resilientredis.autoconfigure.RedisConnectionAutoConfiguration;
import io.github.resilientredis.autoconfigure.RedisHealthContributorAutoConfiguration;
import io.github.resilientredis.autoconfigure.RedisObservabilityAutoConfiguration;
import io.github.resilientredis.test.RedisServer;
import io.github.resilientredis.test.RedisServerExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The monitoring connection uses the application's TLS settings (TLS-only redis-server).
 */
class TlsHealthIntegrationTests {

	@RegisterExtension
	static final RedisServerExtension redis = new RedisServerExtension(
			RedisServer.builder().tls().requirePass("tls-s3cret"));

	@Test
	void healthWhenServerIsTlsOnlyShouldBeUpWithServerDetails() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(RedisConnectionAutoConfiguration.class,
					DataRedisAutoConfiguration.class, RedisObservabilityAutoConfiguration.class,
					RedisHealthContributorAutoConfiguration.class))
			.withPropertyValues("redis.url=" + redis.server().url().replace("rediss://", "rediss://:tls-s3cret@"),
					"redis.tls.ca-file=" + redis.server().tls().caCertFile(), "redis.client-name=orders",
					"redis.health.cache-ttl=0s")
			.run((context) -> {
				RedisResilienceHealthIndicator indicator = context.getBean(RedisResilienceHealthIndicator.class);
				await().untilAsserted(() -> assertThat(indicator.health().getStatus()).isEqualTo(Status.UP));
				Health health = indicator.health();
				assertThat(health.getDetails()).containsKey("connectedClients")
					.hasEntrySatisfying("version", (version) -> assertThat(redis.server().admin().info("server"))
						.contains("redis_version:" + version + "\r\n"));
				assertThat(redis.server().clientCount("orders:oob")).isEqualTo(1);
			});
	}

}
