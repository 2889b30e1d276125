package io.github.resilientredis.monitor;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.resilientredis.actuate.RedisEndpoint;
import io.github.resilientredis.autoconfigure.RedisConnectionAutoConfiguration;
import io.github.resilientredis.autoconfigure.RedisHealthContributorAutoConfiguration;
import io.github.resilientredis.autoconfigure.RedisObservabilityAutoConfiguration;
import io.github.resilientredis.health.RedisResilienceHealthIndicator;
import io.github.resilientredis.test.RedisServer;
import io.github.resilientredis.test.RedisServerExtension;

import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.redis.connection.RedisConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Stuck reconnect detection and automatic reset while a real redis-server is down.
 */
class ReconnectIntegrationTests {

	@RegisterExtension
	static final RedisServerExtension redis = new RedisServerExtension(RedisServer.builder());

	private ApplicationContextRunner runner() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(RedisConnectionAutoConfiguration.class, DataRedisAutoConfiguration.class,
					RedisObservabilityAutoConfiguration.class, RedisHealthContributorAutoConfiguration.class,
					EndpointAutoConfiguration.class))
			.withPropertyValues("redis.url=" + redis.server().url(),
					"redis.client-name=orders", "redis.health.cache-ttl=0s",
					"redis.reconnect.stuck-attempts=3", "redis.reconnect.stuck-after=1m",
					"management.endpoints.web.exposure.include=redis");
	}

	@Test
	void redisDownWhenAutoResetShouldFlagStuckResetAndClearOnRecovery() {
		runner().withPropertyValues("redis.reconnect.auto-reset=true").run((context) -> {
			RedisConnectionFactory factory = context.getBean(RedisConnectionFactory.class);
			ReconnectTracker tracker = context.getBean(ReconnectTracker.class);
			ConnectionResetter resetter = context.getBean(ConnectionResetter.class);
			factory.getConnection().ping();
			long stoppedAt = System.nanoTime();
			redis.server().stop();
			await().atMost(Duration.ofSeconds(20)).until(tracker::isStuck);
			Duration stuckAfter = Duration.ofNanos(System.nanoTime() - stoppedAt);
			await().atMost(Duration.ofSeconds(10)).until(() -> resetter.getResets() == 1);
			assertThat(tracker.getAutoResets()).isEqualTo(1);
			assertThat(context.getBean(RedisResilienceHealthIndicator.class).health().getDetails())
				.containsEntry("stuck", true);
			RedisMonitor.RetriesSection retries = (RedisMonitor.RetriesSection) context.getBean(RedisEndpoint.class)
				.section(SecurityContext.NONE, "retries");
			assertThat(retries.stuck()).isTrue();
			assertThat(retries.autoResets()).isEqualTo(1L);
			assertThat(retries.resets()).isEqualTo(1L);
			assertThat(tracker.getEndpoints()).anySatisfy((endpoint) -> {
				assertThat(endpoint.stuck()).isTrue();
				assertThat(endpoint.attempts()).isGreaterThanOrEqualTo(3);
				assertThat(endpoint.lastFailure()).isNotBlank();
				assertThat(endpoint.disconnectedSince()).isNotNull();
			});

			redis.server().restart();
			await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
				factory.getConnection().ping();
				assertThat(tracker.isStuck()).isFalse();
			});
			assertThat(tracker.getSuccessfulReconnections()).isPositive();
			System.out.println("MEASURE stuck reported " + stuckAfter.toMillis() + " ms after stop; average recovery "
					+ tracker.getAverageRecoveryTime());
			assertThat(tracker.getAverageRecoveryTime()).isNotNull();
			assertThat(context.getBean(EventHistory.class).getEvents()).extracting(RedisEvent::type)
				.contains(RedisEvent.Type.DISCONNECTED, RedisEvent.Type.RECONNECT_ATTEMPT, RedisEvent.Type.STUCK,
						RedisEvent.Type.RESET, RedisEvent.Type.RECOVERED);
		});
	}

	@Test
	void redisDownWhenAutoResetDisabledShouldFlagStuckWithoutReset() {
		runner().run((context) -> {
			context.getBean(RedisConnectionFactory.class).getConnection().ping();
			ReconnectTracker tracker = context.getBean(ReconnectTracker.class);
			redis.server().stop();
			await().atMost(Duration.ofSeconds(20)).until(tracker::isStuck);
			assertThat(tracker.getAutoResets()).isZero();
			assertThat(context.getBean(ConnectionResetter.class).getResets()).isZero();
		});
	}

}
