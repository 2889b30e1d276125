package io.github.resilientredis.health;

import java.time.Duration;

import io.lettuce.core.AclSetuserArgs;
import io.lettuce.core.protocol.CommandType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.github.resilientredis.autoconfigure.RedisConnectionAutoConfiguration;
import io.github.resilientredis.autoconfigure.RedisHealthContributorAutoConfiguration;
import io.github.resilientredis.autoconfigure.RedisObservabilityAutoConfiguration;
import io.github.resilientredis.monitor.ConfigurationCheck;
import io.github.resilientredis.test.RedisServer;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The startup configuration check and the {@code MISCONFIGURED} health status against
 * real redis-server processes, with no application traffic at all.
 */
@ExtendWith(OutputCaptureExtension.class)
class RedisMisconfigurationIntegrationTests {

	private static final String SERVER_PASSWORD = "server-Pass-31";

	private static final String CANARY = "Canary-Pw-9f2c";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RedisConnectionAutoConfiguration.class, DataRedisAutoConfiguration.class,
				RedisObservabilityAutoConfiguration.class, RedisHealthContributorAutoConfiguration.class))
		.withPropertyValues("redis.client-name=misconfig-it", "redis.connect-timeout=1s", "redis.command-timeout=1s",
				"redis.health.timeout=1s", "redis.health.cache-ttl=10ms");

	@Test
	void passwordWhenWrongAndNoTrafficShouldLogHintAndReportMisconfiguredUntilFixed(CapturedOutput output) {
		try (RedisServer server = RedisServer.builder().requirePass(SERVER_PASSWORD).start()) {
			this.contextRunner
				.withPropertyValues("redis.host=127.0.0.1", "redis.port=" + server.port(), "redis.password=" + CANARY)
				.run((context) -> {
					ready(context);
					await().atMost(Duration.ofSeconds(5))
						.untilAsserted(() -> assertThat(output).contains("Redis is misconfigured")
							.contains("authentication failed (WRONGPASS/NOAUTH): check redis.password"));
					Health health = health(context);
					assertThat(health.getStatus()).isEqualTo(RedisResilienceHealthIndicator.MISCONFIGURED);
					assertThat(health.getStatus().getDescription()).contains("redis.password");
					assertThat(health.getDetails()).hasEntrySatisfying("error",
							(error) -> assertThat((String) error).contains("redis.password").doesNotContain(CANARY));
					server.admin().configSet("requirepass", CANARY);
					await().atMost(Duration.ofSeconds(5))
						.untilAsserted(() -> assertThat(health(context).getStatus()).isEqualTo(Status.UP));
				});
		}
		assertThat(output).doesNotContain(CANARY);
		assertThat(output.toString().split("Redis is misconfigured", -1)).hasSize(2);
	}

	@Test
	void userWhenDeniedGetShouldReportMisconfiguredNamingUsername(CapturedOutput output) {
		try (RedisServer server = RedisServer.builder().start()) {
			server.admin()
				.aclSetuser("nogets", AclSetuserArgs.Builder.on()
					.addPassword(CANARY)
					.allKeys()
					.allChannels()
					.allCommands()
					.removeCommand(CommandType.GET));
			this.contextRunner
				.withPropertyValues("redis.host=127.0.0.1", "redis.port=" + server.port(), "redis.username=nogets",
						"redis.password=" + CANARY)
				.run((context) -> {
					ready(context);
					await().atMost(Duration.ofSeconds(5))
						.untilAsserted(() -> assertThat(output).contains("NOPERM").contains("redis.username"));
					Health health = health(context);
					assertThat(health.getStatus()).isEqualTo(RedisResilienceHealthIndicator.MISCONFIGURED);
					assertThat(health.getDetails()).containsKey("pingLatencyMs")
						.hasEntrySatisfying("error",
								(error) -> assertThat((String) error).contains("redis.username").contains("+get"));
				});
		}
		assertThat(output).doesNotContain(CANARY);
	}

	@Test
	void userWhenRestrictedToItsKeysShouldStayUp(CapturedOutput output) {
		// the application's key patterns are its own business: the random key of the check is not
		try (RedisServer server = RedisServer.builder().start()) {
			server.admin()
				.aclSetuser("appkeys", AclSetuserArgs.Builder.on()
					.addPassword(CANARY)
					.keyPattern("app:*")
					.allChannels()
					.allCommands());
			this.contextRunner
				.withPropertyValues("redis.host=127.0.0.1", "redis.port=" + server.port(), "redis.username=appkeys",
						"redis.password=" + CANARY)
				.run((context) -> {
					ConfigurationCheck check = context.getBean(ConfigurationCheck.class);
					assertThat(check.run()).isEmpty();
					assertThat(health(context).getStatus()).isEqualTo(Status.UP);
				});
		}
		assertThat(output).doesNotContain("Redis is misconfigured").doesNotContain(CANARY);
	}

	@Test
	void databaseWhenOutOfRangeShouldReportMisconfiguredNamingDatabase(CapturedOutput output) {
		try (RedisServer server = RedisServer.builder().arg("--databases", "2").start()) {
			this.contextRunner
				.withPropertyValues("redis.host=127.0.0.1", "redis.port=" + server.port(), "redis.database=5")
				.run((context) -> {
					ready(context);
					await().atMost(Duration.ofSeconds(5))
						.untilAsserted(() -> assertThat(output).contains("DB index is out of range")
							.contains("redis.database"));
					assertThat(health(context).getStatus()).isEqualTo(RedisResilienceHealthIndicator.MISCONFIGURED);
				});
		}
	}

	@Test
	void clusterNodesWhenStandaloneServerShouldReportMisconfiguredNamingClusterNodes(CapturedOutput output) {
		try (RedisServer server = RedisServer.builder().start()) {
			this.contextRunner.withPropertyValues("redis.cluster.nodes=127.0.0.1:" + server.port())
				.run((context) -> {
					ready(context);
					await().atMost(Duration.ofSeconds(5))
						.untilAsserted(() -> assertThat(output).contains("cluster support disabled")
							.contains("redis.cluster.nodes"));
					Health health = health(context);
					assertThat(health.getStatus()).isEqualTo(RedisResilienceHealthIndicator.MISCONFIGURED);
					assertThat(health.getDetails()).hasEntrySatisfying("error",
							(error) -> assertThat((String) error).contains("redis.cluster.nodes"));
				});
		}
	}

	@Test
	void misconfiguredStatusWhenSetToDegradedShouldReportDegradedWithHint() {
		try (RedisServer server = RedisServer.builder().requirePass(SERVER_PASSWORD).start()) {
			this.contextRunner
				.withPropertyValues("redis.host=127.0.0.1", "redis.port=" + server.port(), "redis.password=" + CANARY,
						"redis.health.misconfigured-status=degraded")
				.run((context) -> {
					ready(context);
					await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
						Health health = health(context);
						assertThat(health.getStatus()).isEqualTo(RedisResilienceHealthIndicator.DEGRADED);
						assertThat(health.getDetails()).hasEntrySatisfying("error",
								(error) -> assertThat((String) error).contains("redis.password"));
					});
				});
		}
	}

	@Test
	void healthWhenNothingListensShouldReportDownWithOneLineCause() {
		this.contextRunner.withPropertyValues("redis.host=127.0.0.1", "redis.port=1").run((context) -> {
			Health health = health(context);
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(health.getDetails()).hasEntrySatisfying("error", (error) -> {
				assertThat((String) error).contains("connection refused").contains("redis.url");
			});
		});
	}

	@Test
	void misconfiguredStatusShouldAcceptTheDocumentedValues() {
		assertThat(RedisResilienceHealthIndicator.misconfiguredStatus("misconfigured"))
			.isEqualTo(RedisResilienceHealthIndicator.MISCONFIGURED);
		assertThat(RedisResilienceHealthIndicator.misconfiguredStatus(" DOWN ")).isEqualTo(Status.DOWN);
		assertThat(RedisResilienceHealthIndicator.misconfiguredStatus("degraded"))
			.isEqualTo(RedisResilienceHealthIndicator.DEGRADED);
	}

	private static Health health(AssertableApplicationContext context) {
		return context.getBean(RedisResilienceHealthIndicator.class).health();
	}

	// ApplicationContextRunner runs no SpringApplication: publish what it would
	private static void ready(AssertableApplicationContext context) {
		ConfigurableApplicationContext source = context.getSourceApplicationContext();
		source.publishEvent(new ApplicationReadyEvent(new SpringApplication(), new String[0], source, Duration.ZERO));
	}

}
