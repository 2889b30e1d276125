package io.github.resilientredis.autoconfigure;

import java.time.Duration;

import io.github.resilientredis.connection.ResilientLettuceConnectionFactory;
import io.github.resilientredis.test.RedisSentinelFixture;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The auto-configured connection factory against a real Redis Sentinel setup
 * ({@code redis.sentinel.master}/{@code nodes}): commands go to the master, and after the
 * master dies and the sentinel promotes the replica, the same context carries on against
 * the new master.
 */
class RedisSentinelIntegrationTests {

	private static final String CLIENT_NAME = "sentinel-it";

	private static final Duration FAILOVER_BOUND = Duration.ofSeconds(15);

	private RedisSentinelFixture sentinel;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(RedisConnectionAutoConfiguration.class, DataRedisAutoConfiguration.class))
		.withPropertyValues("redis.client-name=" + CLIENT_NAME, "redis.connect-timeout=1s", "redis.command-timeout=2s",
				"redis.reconnect.max-delay=1s");

	@BeforeEach
	void startSentinel() {
		this.sentinel = RedisSentinelFixture.start();
	}

	@AfterEach
	void closeSentinel() {
		this.sentinel.close();
	}

	private ApplicationContextRunner sentinelRunner() {
		return this.contextRunner.withPropertyValues("redis.sentinel.master=" + this.sentinel.masterName(),
				"redis.sentinel.nodes=" + String.join(",", this.sentinel.sentinelNodes()));
	}

	@Test
	void commandsWhenSentinelMasterShouldGoToMasterWithClientName() {
		sentinelRunner().run((context) -> {
			StringRedisTemplate template = context.getBean(StringRedisTemplate.class);
			template.opsForValue().set("sentinel-key", "on-master");
			assertThat(template.opsForValue().get("sentinel-key")).isEqualTo("on-master");
			assertThat(this.sentinel.master().admin().get("sentinel-key")).isEqualTo("on-master");
			assertThat(this.sentinel.master().clientCount(CLIENT_NAME)).isPositive();
			assertThat(this.sentinel.replica().clientCount(CLIENT_NAME)).isZero();
		});
	}

	@Test
	void connectOutOfBandWhenSentinelShouldConnectToMaster() {
		sentinelRunner().run((context) -> {
			ResilientLettuceConnectionFactory factory = context.getBean(ResilientLettuceConnectionFactory.class);
			try (StatefulRedisConnection<String, String> connection = factory.connectOutOfBand()) {
				assertThat(connection.sync().info("replication")).contains("role:master");
				assertThat(this.sentinel.master().clientCount(CLIENT_NAME + ":oob")).isEqualTo(1);
			}
		});
	}

	@Test
	void commandsWhenMasterKilledShouldSucceedOnPromotedReplicaWithoutRestart() {
		sentinelRunner().run((context) -> {
			StringRedisTemplate template = context.getBean(StringRedisTemplate.class);
			template.opsForValue().set("before-failover", "kept");
			await().atMost(Duration.ofSeconds(5))
				.until(() -> "kept".equals(this.sentinel.replica().admin().get("before-failover")));
			this.sentinel.master().kill();
			this.sentinel.awaitFailover();
			await().atMost(FAILOVER_BOUND).ignoreExceptions().untilAsserted(() -> {
				template.opsForValue().set("after-failover", "promoted");
				assertThat(template.opsForValue().get("before-failover")).isEqualTo("kept");
			});
			assertThat(this.sentinel.replica().admin().get("after-failover")).isEqualTo("promoted");
			assertThat(this.sentinel.replica().clientCount(CLIENT_NAME)).isPositive();
			ResilientLettuceConnectionFactory factory = context.getBean(ResilientLettuceConnectionFactory.class);
			try (StatefulRedisConnection<String, String> connection = factory.connectOutOfBand()) {
				assertThat(connection.sync().get("after-failover")).isEqualTo("promoted");
				assertThat(this.sentinel.replica().clientCount(CLIENT_NAME + ":oob")).isEqualTo(1);
			}
		});
	}

}
