package io.github.resilientredis.health;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.resilientredis.actuate.RedisEndpoint;
import io.github.resilientredis.autoconfigure.RedisConnectionAutoConfiguration;
import io.github.resilientredis.autoconfigure.RedisHealthContributorAutoConfiguration;
import io.github.resilientredis.autoconfigure.RedisObservabilityAutoConfiguration;
import io.github.resilientredis.monitor.TestResilienceStatus;
import io.github.resilientredis.resilience.ResilienceStatus;
import io.github.resilientredis.test.RedisServer;
import io.github.resilientredis.test.RedisServerExtension;

import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.health.DataRedisHealthContributorAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.data.redis.connection.RedisConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The {@code redis} health component against a real, password-protected redis-server.
 */
@ExtendWith(OutputCaptureExtension.class)
class RedisResilienceHealthIndicatorIntegrationTests {

	private static final String SECRET = "s3cret-Health-42";

	@RegisterExtension
	static final RedisServerExtension redis = new RedisServerExtension(RedisServer.builder().requirePass(SECRET));

	private ApplicationContextRunner runner() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(RedisConnectionAutoConfiguration.class, DataRedisAutoConfiguration.class,
					RedisObservabilityAutoConfiguration.class, RedisHealthContributorAutoConfiguration.class,
					DataRedisHealthContributorAutoConfiguration.class, EndpointAutoConfiguration.class))
			.withPropertyValues(
					"redis.url=redis://:" + SECRET + "@127.0.0.1:" + redis.server().port(),
					"redis.client-name=orders", "redis.health.cache-ttl=10ms",
					"management.endpoints.web.exposure.include=redis");
	}

	@Test
	void healthWhenRedisUpShouldReportUpWithServerDetails() {
		runner().run((context) -> {
			assertThat(context).hasSingleBean(RedisResilienceHealthIndicator.class)
				.hasBean("redisHealthIndicator")
				.doesNotHaveBean("redisHealthContributor");
			Health health = context.getBean(RedisResilienceHealthIndicator.class).health();
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsKeys("pingLatencyMs", "connectedClients", "maxClients",
					"utilizationPercent", "utilizationLevel", "blockedClients", "rejectedConnections",
					"reconnectAttempts", "stuck")
				.hasEntrySatisfying("version", (version) -> assertThat(redis.server().admin().info("server"))
					.contains("redis_version:" + version + "\r\n"))
				.containsEntry("mode", "standalone")
				.containsEntry("maxClients", 10000L)
				.containsEntry("stuck", false);
		});
	}

	@Test
	void healthWhenRedisPausedShouldAnswerWithinOneSecondAndRecover() {
		runner().run((context) -> {
			RedisResilienceHealthIndicator indicator = context.getBean(RedisResilienceHealthIndicator.class);
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(indicator.health().getStatus()).isEqualTo(Status.UP));
			redis.server().pause();
			try {
				Thread.sleep(50);
				Duration slowest = Duration.ZERO;
				for (int i = 0; i < 4; i++) {
					long start = System.nanoTime();
					Health health = indicator.health();
					Duration took = Duration.ofNanos(System.nanoTime() - start);
					slowest = (took.compareTo(slowest) > 0) ? took : slowest;
					assertThat(took).isLessThan(Duration.ofSeconds(1));
					assertThat(health.getStatus()).isEqualTo(Status.DOWN);
					assertThat(health.getDetails()).containsKey("error");
					Thread.sleep(20);
				}
				System.out.println("MEASURE health while SIGSTOPped: slowest of 4 calls " + slowest.toMillis()
						+ " ms (redis.health.timeout=500ms)");
			}
			finally {
				redis.server().resume();
			}
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(indicator.health().getStatus()).isEqualTo(Status.UP));
		});
	}

	@Test
	void healthWhenFallbackServesShouldBeDegradedThenUpAfterRecovery() {
		TestResilienceStatus status = new TestResilienceStatus();
		runner().withBean(ResilienceStatus.class, () -> status).run((context) -> {
			RedisResilienceHealthIndicator indicator = context.getBean(RedisResilienceHealthIndicator.class);
			status.activateFallback();
			Health degraded = indicator.health();
			assertThat(degraded.getStatus()).isEqualTo(RedisResilienceHealthIndicator.DEGRADED);
			assertThat(degraded.getDetails()).containsEntry("circuitBreaker", "OPEN")
				.containsEntry("fallback", new RedisResilienceHealthIndicator.FallbackHealth(true, 12L, 3));
			status.deactivateFallback();
			await().atMost(Duration.ofSeconds(5))
				.untilAsserted(() -> assertThat(indicator.health().getStatus()).isEqualTo(Status.UP));
		});
	}

	@Test
	void healthWhenFallbackStatusIsDownShouldReportDown() {
		TestResilienceStatus status = new TestResilienceStatus();
		status.activateFallback();
		runner().withBean(ResilienceStatus.class, () -> status)
			.withPropertyValues("redis.health.fallback-status=DOWN")
			.run((context) -> assertThat(context.getBean(RedisResilienceHealthIndicator.class).health().getStatus())
				.isEqualTo(Status.DOWN));
	}

	@Test
	void userHealthIndicatorNamedRedisHealthIndicatorShouldWin() {
		runner().withBean("redisHealthIndicator", org.springframework.boot.health.contributor.HealthIndicator.class,
				() -> () -> Health.up().build())
			.run((context) -> assertThat(context).doesNotHaveBean(RedisResilienceHealthIndicator.class));
	}

	@Test
	void outputsWhenRedisFailsShouldNeverContainThePassword(CapturedOutput output) {
		runner().withPropertyValues("redis.reconnect.stuck-attempts=1", "redis.reconnect.auto-reset=true")
			.run((context) -> {
				RedisResilienceHealthIndicator indicator = context.getBean(RedisResilienceHealthIndicator.class);
				RedisEndpoint endpoint = context.getBean(RedisEndpoint.class);
				context.getBean(RedisConnectionFactory.class).getConnection().ping();
				StringBuilder rendered = new StringBuilder();
				rendered.append(indicator.health()).append(endpoint.summary());
				redis.server().pause();
				try {
					rendered.append(indicator.health()).append(endpoint.summary());
				}
				finally {
					redis.server().resume();
				}
				for (String section : new String[] { "clients", "pool", "retries", "resilience", "events" }) {
					rendered.append(endpoint.section(SecurityContext.NONE, section));
				}
				rendered.append(endpoint.reset());
				rendered.append(context.getBean(RedisConnectionFactory.class));
				assertThat(rendered.toString()).contains("connectedClients", "reconnectAttempts").doesNotContain(SECRET);
			});
		assertThat(output.getAll()).doesNotContain(SECRET);
	}

}
