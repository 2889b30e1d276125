package io.github.resilientredis.monitor;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.resilientredis.actuate.RedisEndpoint;
import io.github.resilientredis.actuate.TopologyDescriptor;
import io.github.resilientredis.autoconfigure.RedisConnectionAutoConfiguration;
import io.github.resilientredis.autoconfigure.RedisHealthContributorAutoConfiguration;
import io.github.resilientredis.autoconfigure.RedisObservabilityAutoConfiguration;
import io.github.resilientredis.health.NodeHealth;
import io.github.resilientredis.health.RedisResilienceHealthIndicator;
import io.github.resilientredis.test.RedisClusterExtension;
import io.github.resilientredis.test.RedisClusterFixture;
import io.github.resilientredis.test.RedisServer;

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
 * Every node of a real 3-master Redis Cluster monitored on its own connection: each
 * master with its own maxclients, the worst node named by health, a killed master
 * reported unreachable.
 */
@ExtendWith(OutputCaptureExtension.class)
class ClusterTopologyIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(15);

	@RegisterExtension
	static final RedisClusterExtension clusterExtension = new RedisClusterExtension();

	private ApplicationContextRunner runner() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(RedisConnectionAutoConfiguration.class,
					DataRedisAutoConfiguration.class, RedisObservabilityAutoConfiguration.class,
					RedisHealthContributorAutoConfiguration.class, EndpointAutoConfiguration.class))
			.withPropertyValues("redis.cluster.nodes=" + String.join(",", cluster().nodes()),
					"redis.client-name=topo", "redis.connect-timeout=1s", "redis.command-timeout=1s",
					"redis.monitor.interval=200ms", "redis.health.cache-ttl=0s", "redis.health.timeout=2s",
					"management.endpoints.web.exposure.include=redis");
	}

	private static RedisClusterFixture cluster() {
		return clusterExtension.cluster();
	}

	@Test
	void topologyWhenOneMasterNearItsOwnMaxclientsShouldShowEveryMasterAndNameThatNode(CapturedOutput output) {
		RedisServer busy = cluster().servers().get(1);
		RedisCommands<String, String> admin = busy.admin();
		String originalMaxClients = admin.configGet("maxclients").get("maxclients");
		RedisClient other = RedisClient.create(RedisURI.create(busy.host(), busy.port()));
		List<StatefulRedisConnection<String, String>> held = new ArrayList<>();
		try {
			runner().run((context) -> {
				RedisEndpoint endpoint = context.getBean(RedisEndpoint.class);
				TopologyDescriptor topology = await().atMost(WAIT)
					.until(endpoint::topology, (candidate) -> candidate.nodes().size() == 3
							&& candidate.nodes().stream().allMatch((node) -> node.maxClients() != null));
				assertThat(topology.type()).isEqualTo(TopologyType.CLUSTER);
				assertThat(topology.nodes()).extracting(TopologyDescriptor.NodeDescriptor::node)
					.containsExactlyInAnyOrderElementsOf(cluster().nodes());
				assertThat(topology.nodes()).allSatisfy((node) -> {
					assertThat(node.role()).isEqualTo(NodeRole.MASTER);
					assertThat(node.state()).isEqualTo("UP");
					assertThat(node.ownClients()).extracting(ServerClients.ClientGroup::name).contains("topo:oob");
				});
				// the seed node also carries the discovery's connection: at most two per node
				assertThat(cluster().servers()).allSatisfy((server) -> assertThat(server.clientCount("topo:oob"))
					.isBetween(1, 2));
				held.add(other.connect());
				held.add(other.connect());
				long connected = Long.parseLong(admin.info("clients")
					.lines()
					.filter((line) -> line.startsWith("connected_clients:"))
					.findFirst()
					.orElseThrow()
					.substring("connected_clients:".length())
					.trim());
				// its own limit, at 100 % now: the other masters keep theirs
				admin.configSet("maxclients", Long.toString(connected));
				String busyNode = busy.host() + ":" + busy.port();
				// with every node OK the busiest is the worst already: wait for the new limit
				TopologyDescriptor full = await().atMost(WAIT)
					.until(endpoint::topology, (candidate) -> busyNode.equals(candidate.worstNode())
							&& candidate.nodes().get(0).utilizationLevel() == UtilizationLevel.CRITICAL);
				assertThat(full.nodes()).filteredOn((node) -> node.node().equals(busyNode))
					.singleElement()
					.satisfies((node) -> {
						assertThat(node.maxClients()).isEqualTo(connected);
						assertThat(node.utilizationLevel()).isEqualTo(UtilizationLevel.CRITICAL);
					});
				assertThat(full.nodes()).filteredOn((node) -> !node.node().equals(busyNode))
					.hasSize(2)
					.allSatisfy((node) -> {
						assertThat(node.maxClients()).isEqualTo(Long.parseLong(originalMaxClients));
						assertThat(node.utilizationLevel()).isEqualTo(UtilizationLevel.OK);
					});
				Health health = context.getBean(RedisResilienceHealthIndicator.class).health();
				assertThat(health.getStatus()).isEqualTo(Status.UP);
				assertThat(health.getDetails().get("worstNode")).isInstanceOfSatisfying(NodeHealth.class,
						(node) -> {
							assertThat(node.node()).isEqualTo(busyNode);
							assertThat(node.state()).isEqualTo("CRITICAL");
						});
				assertThat(health.getDetails().get("nodes")).asInstanceOf(
						org.assertj.core.api.InstanceOfAssertFactories.list(NodeHealth.class))
					.extracting(NodeHealth::state)
					.containsExactly("OK", "OK");
				await().atMost(WAIT)
					.untilAsserted(() -> assertThat(output.getAll())
						.containsOnlyOnce("Redis client utilization CRITICAL on " + busyNode + ": "));
			});
			// one monitoring connection per node, all closed with the application
			await().atMost(WAIT)
				.untilAsserted(() -> assertThat(cluster().servers())
					.allSatisfy((server) -> assertThat(server.clientCount("topo:oob")).isZero()));
		}
		finally {
			admin.configSet("maxclients", originalMaxClients);
			held.forEach(StatefulRedisConnection::close);
			other.shutdown(Duration.ZERO, Duration.ofSeconds(2));
		}
	}

	@Test
	void topologyWhenSeedMasterKilledShouldReportItUnreachableAndHealthDownNamingIt() {
		runner().run((context) -> {
			RedisEndpoint endpoint = context.getBean(RedisEndpoint.class);
			await().atMost(WAIT).until(endpoint::topology, (candidate) -> candidate.nodes().size() == 3);
			// the first configured node: the discovery's seed connection has to move on
			RedisServer killed = cluster().servers().get(0);
			String killedNode = killed.host() + ":" + killed.port();
			killed.kill();
			TopologyDescriptor topology = await().atMost(WAIT)
				.until(endpoint::topology, (candidate) -> killedNode.equals(candidate.worstNode())
						&& candidate.nodes().get(0).state().equals("UNREACHABLE"));
			assertThat(topology.nodes().get(0).error()).isNotBlank();
			assertThat(topology.nodes()).hasSize(3)
				.filteredOn((node) -> node.state().equals("UP"))
				.hasSize(2);
			RedisResilienceHealthIndicator indicator = context.getBean(RedisResilienceHealthIndicator.class);
			Health health = await().atMost(WAIT)
				.until(indicator::health, (candidate) -> candidate.getDetails().containsKey("worstNode"));
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(health.getDetails().get("worstNode")).isInstanceOfSatisfying(NodeHealth.class, (node) -> {
				assertThat(node.node()).isEqualTo(killedNode);
				assertThat(node.state()).isEqualTo(NodeHealth.UNREACHABLE);
				assertThat(node.error()).isNotBlank();
			});
		});
	}

}
