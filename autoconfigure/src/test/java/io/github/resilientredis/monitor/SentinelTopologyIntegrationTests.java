package io.github.resilientredis.monitor;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.json.JsonMapper;

import io.github.resilientredis.actuate.RedisEndpoint;
import io.github.resilientredis.actuate.TopologyDescriptor;
import io.github.resilientredis.autoconfigure.RedisConnectionAutoConfiguration;
import io.github.resilientredis.autoconfigure.RedisHealthContributorAutoConfiguration;
import io.github.resilientredis.autoconfigure.RedisObservabilityAutoConfiguration;
import io.github.resilientredis.health.NodeHealth;
import io.github.resilientredis.health.RedisResilienceHealthIndicator;
import io.github.resilientredis.test.RedisSentinelFixture;

import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sentinels' master and its replica monitored on their own connections against a
 * real Sentinel set-up (also with passwords on sentinels and nodes, never shown); a
 * failover shows the new master and one failover entry.
 */
@ExtendWith(OutputCaptureExtension.class)
class SentinelTopologyIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(20);

	private static final String DATA_PASSWORD = "d4ta-s3cret";

	private static final String SENTINEL_PASSWORD = "s3ntinel-s3cret";

	private RedisSentinelFixture sentinel;

	@AfterEach
	void closeSentinel() {
		if (this.sentinel != null) {
			this.sentinel.close();
		}
	}

	private ApplicationContextRunner runner() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(RedisConnectionAutoConfiguration.class,
					DataRedisAutoConfiguration.class, RedisObservabilityAutoConfiguration.class,
					RedisHealthContributorAutoConfiguration.class, EndpointAutoConfiguration.class))
			.withPropertyValues("redis.sentinel.master=" + this.sentinel.masterName(),
					"redis.sentinel.nodes=" + String.join(",", this.sentinel.sentinelNodes()),
					"redis.client-name=watch", "redis.connect-timeout=1s", "redis.command-timeout=1s",
					"redis.reconnect.max-delay=1s", "redis.monitor.interval=200ms", "redis.health.cache-ttl=0s",
					"redis.health.timeout=2s", "management.endpoints.web.exposure.include=redis");
	}

	@Test
	void topologyWhenSentinelsAndNodesNeedPasswordsShouldMonitorBothNodesWithoutShowingThem(CapturedOutput output) {
		this.sentinel = RedisSentinelFixture.start(DATA_PASSWORD, SENTINEL_PASSWORD);
		runner().withPropertyValues("redis.password=" + DATA_PASSWORD, "redis.sentinel.password=" + SENTINEL_PASSWORD)
			.run((context) -> {
				RedisEndpoint endpoint = context.getBean(RedisEndpoint.class);
				TopologyDescriptor topology = await().atMost(WAIT)
					.until(endpoint::topology, (candidate) -> candidate.nodes().size() == 2
							&& candidate.nodes().stream().allMatch((node) -> node.maxClients() != null));
				assertThat(topology.discoveryError()).isNull();
				assertThat(topology.nodes()).extracting(TopologyDescriptor.NodeDescriptor::role)
					.containsExactlyInAnyOrder(NodeRole.MASTER, NodeRole.REPLICA);
				Health health = context.getBean(RedisResilienceHealthIndicator.class).health();
				assertThat(health.getStatus()).isEqualTo(Status.UP);
				String shown = JsonMapper.builder()
					.build()
					.writeValueAsString(List.of(endpoint.summary(), topology, health.getDetails()));
				assertThat(shown).doesNotContain(DATA_PASSWORD).doesNotContain(SENTINEL_PASSWORD);
			});
		assertThat(output.getAll()).doesNotContain(DATA_PASSWORD).doesNotContain(SENTINEL_PASSWORD);
	}

	@Test
	void topologyWhenMasterFailsOverShouldShowNewMasterAndOneFailover() {
		this.sentinel = RedisSentinelFixture.start();
		String master = "127.0.0.1:" + this.sentinel.master().port();
		String replica = "127.0.0.1:" + this.sentinel.replica().port();
		runner().run((context) -> {
			RedisEndpoint endpoint = context.getBean(RedisEndpoint.class);
			TopologyDescriptor before = await().atMost(WAIT)
				.until(endpoint::topology, (candidate) -> candidate.nodes().size() == 2
						&& candidate.nodes().stream().allMatch((node) -> node.state().equals("UP")));
			assertThat(before.type()).isEqualTo(TopologyType.SENTINEL);
			assertThat(before.nodes()).filteredOn((node) -> node.role() == NodeRole.MASTER)
				.singleElement()
				.satisfies((node) -> assertThat(node.node()).isEqualTo(master));
			assertThat(before.nodes()).filteredOn((node) -> node.role() == NodeRole.REPLICA)
				.singleElement()
				.satisfies((node) -> {
					assertThat(node.node()).isEqualTo(replica);
					assertThat(node.maxClients()).isNotNull();
				});
			assertThat(before.failovers()).isEmpty();

			this.sentinel.master().kill();
			this.sentinel.awaitFailover();

			TopologyDescriptor after = await().atMost(WAIT)
				.until(endpoint::topology, (candidate) -> !candidate.failovers().isEmpty() && candidate.nodes()
					.stream()
					.anyMatch((node) -> node.role() == NodeRole.MASTER && node.node().equals(replica)
							&& node.state().equals("UP")));
			assertThat(after.failovers()).singleElement().satisfies((failover) -> {
				assertThat(failover.from()).isEqualTo(master);
				assertThat(failover.to()).isEqualTo(replica);
			});
			RedisResilienceHealthIndicator indicator = context.getBean(RedisResilienceHealthIndicator.class);
			// the old master is a replica now, and down: named, but no reason for DOWN
			Health health = await().atMost(WAIT)
				.until(indicator::health, (candidate) -> candidate.getStatus().equals(Status.UP));
			assertThat(health.getDetails().get("worstNode")).isInstanceOfSatisfying(NodeHealth.class, (node) -> {
				assertThat(node.node()).isEqualTo(master);
				assertThat(node.state()).isEqualTo(NodeHealth.UNREACHABLE);
			});
			assertThat(context.getBean(EventHistory.class).getEvents())
				.filteredOn((event) -> event.type() == RedisEvent.Type.FAILOVER)
				.singleElement()
				.satisfies((event) -> assertThat(event.detail()).contains(master, replica));
		});
	}

}
