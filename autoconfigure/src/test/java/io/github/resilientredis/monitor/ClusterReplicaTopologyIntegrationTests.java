package io.github.resilientredis.monitor;

import java.time.Duration;

import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.github.resilientredis.actuate.RedisEndpoint;
import io.github.resilientredis.actuate.TopologyDescriptor;
import io.github.resilientredis.autoconfigure.RedisConnectionAutoConfiguration;
import io.github.resilientredis.autoconfigure.RedisHealthContributorAutoConfiguration;
import io.github.resilientredis.autoconfigure.RedisObservabilityAutoConfiguration;
import io.github.resilientredis.health.NodeHealth;
import io.github.resilientredis.health.RedisResilienceHealthIndicator;
import io.github.resilientredis.test.RedisClusterFixture;
import io.github.resilientredis.test.RedisServer;

import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A cluster replica, started by this test next to a cluster of its own (the shared
 * fixture has masters only): found through {@code CLUSTER NODES}, monitored as a
 * replica, and when it dies named by health without making it DOWN.
 */
class ClusterReplicaTopologyIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(20);

	private RedisClusterFixture cluster;

	private RedisServer replica;

	@BeforeEach
	void startClusterWithReplica() {
		this.cluster = RedisClusterFixture.start();
		this.replica = RedisServer.builder()
			.arg("--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf", "--cluster-node-timeout", "2000")
			.start();
		RedisServer master = this.cluster.servers().get(0);
		String masterId = master.admin().clusterMyId();
		RedisCommands<String, String> admin = this.replica.admin();
		admin.clusterMeet(master.host(), master.port());
		await().atMost(WAIT).until(() -> admin.clusterNodes().contains(masterId));
		admin.clusterReplicate(masterId);
		await().atMost(WAIT).until(() -> admin.info("replication").contains("master_link_status:up"));
	}

	@AfterEach
	void closeCluster() {
		this.replica.close();
		this.cluster.close();
	}

	private ApplicationContextRunner runner() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(RedisConnectionAutoConfiguration.class,
					DataRedisAutoConfiguration.class, RedisObservabilityAutoConfiguration.class,
					RedisHealthContributorAutoConfiguration.class, EndpointAutoConfiguration.class))
			.withPropertyValues("redis.cluster.nodes=" + String.join(",", this.cluster.nodes()),
					"redis.client-name=replicas", "redis.connect-timeout=1s", "redis.command-timeout=1s",
					"redis.monitor.interval=200ms", "redis.health.cache-ttl=0s", "redis.health.timeout=2s",
					"management.endpoints.web.exposure.include=redis");
	}

	@Test
	void topologyWhenReplicaJoinsAndDiesShouldShowItAsReplicaAndKeepHealthUp() {
		String replicaNode = this.replica.host() + ":" + this.replica.port();
		runner().run((context) -> {
			RedisEndpoint endpoint = context.getBean(RedisEndpoint.class);
			TopologyDescriptor topology = await().atMost(WAIT)
				.until(endpoint::topology, (candidate) -> candidate.nodes().size() == 4
						&& candidate.nodes().stream().allMatch((node) -> node.maxClients() != null));
			assertThat(topology.nodes()).filteredOn((node) -> node.role() == NodeRole.REPLICA)
				.singleElement()
				.satisfies((node) -> {
					assertThat(node.node()).isEqualTo(replicaNode);
					assertThat(node.state()).isEqualTo("UP");
					assertThat(node.ownClients()).extracting(ServerClients.ClientGroup::name)
						.containsExactly("replicas:oob");
				});
			assertThat(topology.nodes()).filteredOn((node) -> node.role() == NodeRole.MASTER).hasSize(3);

			this.replica.kill();
			RedisResilienceHealthIndicator indicator = context.getBean(RedisResilienceHealthIndicator.class);
			Health health = await().atMost(WAIT).until(indicator::health,
					(candidate) -> candidate.getDetails().get("worstNode") instanceof NodeHealth node
							&& node.node().equals(replicaNode));
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails().get("worstNode")).isInstanceOfSatisfying(NodeHealth.class, (node) -> {
				assertThat(node.role()).isEqualTo(NodeRole.REPLICA);
				assertThat(node.state()).isEqualTo(NodeHealth.UNREACHABLE);
			});
		});
	}

}
