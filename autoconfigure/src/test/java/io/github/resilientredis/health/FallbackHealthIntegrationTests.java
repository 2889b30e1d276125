package io.github.resilientredis.health;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.resilientredis.autoconfigure.RedisConnectionAutoConfiguration;
import io.github.resilientredis.autoconfigure.RedisHealthContributorAutoConfiguration;
import io.github.resilientredis.autoconfigure.RedisObservabilityAutoConfiguration;
import io.github.resilientredis.autoconfigure.RedisResilienceAutoConfiguration;
import io.github.resilientredis.monitor.EventHistory;
import io.github.resilientredis.monitor.RedisEvent;
import io.github.resilientredis.resilience.ResilienceStatus;
import io.github.resilientredis.test.RedisServer;
import io.github.resilientredis.test.RedisServerExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Health follows the real resilience layer: DEGRADED while the local fallback serves
 * during a Redis outage, UP after the recovery.
 */
class FallbackHealthIntegrationTests {

	@RegisterExtension
	static final RedisServerExtension redis = new RedisServerExtension(RedisServer.builder());

	@Test
	void healthWhenFallbackServesShouldBeDegradedThenUpAfterRecovery() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(RedisConnectionAutoConfiguration.class,
					RedisResilienceAutoConfiguration.class, DataRedisAutoConfiguration.class,
					RedisObservabilityAutoConfiguration.class, RedisHealthContributorAutoConfiguration.class))
			.withPropertyValues("redis.url=" + redis.server().url(), "redis.client-name=orders",
					"redis.health.cache-ttl=0s")
			.run((context) -> {
				StringRedisTemplate template = context.getBean(StringRedisTemplate.class);
				ResilienceStatus status = context.getBean(ResilienceStatus.class);
				RedisResilienceHealthIndicator health = context.getBean(RedisResilienceHealthIndicator.class);
				template.opsForValue().set("greeting", "hello");
				await().atMost(Duration.ofSeconds(10)).until(() -> health.health().getStatus().equals(Status.UP));

				redis.server().kill();
				await().atMost(Duration.ofSeconds(10)).until(() -> {
					read(template);
					return status.isFallbackActive();
				});
				assertThat(health.health().getStatus()).isEqualTo(RedisResilienceHealthIndicator.DEGRADED);
				assertThat(health.health().getDetails()).containsKeys("error", "circuitBreaker", "fallback");
				// the fallback can serve before the breaker opens; the recovery probe's failed
				// PING opens it, and that transition is what the event history must show
				await().atMost(Duration.ofSeconds(10)).until(() -> !"CLOSED".equals(status.getCircuitBreakerState()));

				redis.server().restart();
				await().atMost(Duration.ofSeconds(20)).until(() -> {
					read(template);
					return !status.isFallbackActive();
				});
				await().atMost(Duration.ofSeconds(10)).until(() -> health.health().getStatus().equals(Status.UP));
				assertThat(context.getBean(EventHistory.class).getEvents()).extracting(RedisEvent::type)
					.contains(RedisEvent.Type.FALLBACK_ACTIVATED, RedisEvent.Type.FALLBACK_DEACTIVATED,
							RedisEvent.Type.CIRCUIT_BREAKER);
			});
	}

	private static void read(StringRedisTemplate template) {
		try {
			template.opsForValue().get("greeting");
		}
		catch (RuntimeException ex) {
			// before the breaker opens a command may fail; the fallback takes over after
		}
	}

}
