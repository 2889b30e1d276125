package io.github.resilientredis.autoconfigure;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.github.resilientredis.connection.ResilientLettuceConnectionFactory;
import io.github.resilientredis.test.RedisClusterExtension;
import io.github.resilientredis.test.RedisClusterFixture;
import io.github.resilientredis.test.RedisServer;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The auto-configured connection factory against a real three-master Redis Cluster
 * ({@code redis.cluster.nodes}): keys spread over the nodes, client name on every node,
 * the out-of-band connection, a fast connection failure when a node dies and the
 * cluster-wide {@code CLUSTERDOWN} that follows without replicas.
 */
class RedisClusterIntegrationTests {

	private static final String CLIENT_NAME = "cluster-it";

	private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(2);

	/**
	 * How Lettuce reports a lost node: rejected while disconnected, or the connection
	 * dropped under the command.
	 */
	private static final String CONNECTION_FAILURE = "(?is).*(not connected|disconnected|connection closed"
			+ "|connection reset|broken pipe|refused).*";

	@RegisterExtension
	static final RedisClusterExtension clusterExtension = new RedisClusterExtension();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(RedisConnectionAutoConfiguration.class, DataRedisAutoConfiguration.class))
		.withPropertyValues("redis.client-name=" + CLIENT_NAME, "redis.connect-timeout=1s",
				"redis.command-timeout=" + COMMAND_TIMEOUT.toMillis() + "ms");

	@Test
	void commandsWhenClusterNodesShouldSpreadKeysOverAllNodesWithClientName() {
		this.contextRunner.withPropertyValues("redis.cluster.nodes=" + String.join(",", cluster().nodes()))
			.run((context) -> {
				StringRedisTemplate template = context.getBean(StringRedisTemplate.class);
				Map<String, String> entries = entries(30);
				entries.forEach(template.opsForValue()::set);
				entries.forEach((key, value) -> assertThat(template.opsForValue().get(key)).isEqualTo(value));
				Set<Integer> owners = entries.keySet()
					.stream()
					.map((key) -> cluster().servers().indexOf(cluster().nodeForKey(key)))
					.collect(Collectors.toSet());
				assertThat(owners).containsExactlyInAnyOrder(0, 1, 2);
				// each key is stored on the node owning its slot, asked directly
				entries.forEach(
						(key, value) -> assertThat(cluster().nodeForKey(key).admin().get(key)).isEqualTo(value));
				for (RedisServer node : cluster().servers()) {
					assertThat(node.clientCount(CLIENT_NAME)).as("connections named %s on %s", CLIENT_NAME, node)
						.isPositive();
				}
			});
	}

	@Test
	void blockingCommandsWhenClusterShouldUseDedicatedPooledConnections() {
		this.contextRunner.withPropertyValues("redis.cluster.nodes=" + String.join(",", cluster().nodes()))
			.run((context) -> {
				StringRedisTemplate template = context.getBean(StringRedisTemplate.class);
				template.opsForList().leftPush("cluster-list", "v");
				assertThat(template.opsForList().leftPop("cluster-list", Duration.ofSeconds(1))).isEqualTo("v");
				assertThat(template.opsForList().leftPop("cluster-list", Duration.ofSeconds(1))).isNull();
				ResilientLettuceConnectionFactory factory = context.getBean(ResilientLettuceConnectionFactory.class);
				assertThat(factory.getPoolStatistics().getCreated()).isPositive();
				assertThat(cluster().nodeForKey("cluster-list").commandCalls("blpop")).isGreaterThanOrEqualTo(2);
			});
	}

	@Test
	void connectOutOfBandWhenClusterShouldAnswerPingFromFirstNode() {
		this.contextRunner.withPropertyValues("redis.cluster.nodes=" + String.join(",", cluster().nodes()))
			.run((context) -> {
				ResilientLettuceConnectionFactory factory = context.getBean(ResilientLettuceConnectionFactory.class);
				RedisServer first = cluster().servers().get(0);
				try (StatefulRedisConnection<String, String> connection = factory.connectOutOfBand()) {
					assertThat(connection.sync().ping()).isEqualTo("PONG");
					assertThat(connection.sync().clusterInfo()).contains("cluster_state:ok");
					assertThat(first.clientCount(CLIENT_NAME + ":oob")).isEqualTo(1);
				}
				await().atMost(Duration.ofSeconds(5)).until(() -> first.clientCount(CLIENT_NAME + ":oob") == 0);
			});
	}

	@Test
	void connectOutOfBandWhenFirstNodeDownShouldConnectToNextNode() {
		this.contextRunner.withPropertyValues("redis.cluster.nodes=" + String.join(",", cluster().nodes()))
			.run((context) -> {
				ResilientLettuceConnectionFactory factory = context.getBean(ResilientLettuceConnectionFactory.class);
				cluster().servers().get(0).kill();
				try (StatefulRedisConnection<String, String> connection = factory.connectOutOfBand()) {
					assertThat(connection.sync().ping()).isEqualTo("PONG");
					assertThat(cluster().servers().get(1).clientCount(CLIENT_NAME + ":oob")).isEqualTo(1);
				}
			});
	}

	@Test
	void commandsWhenNodeKilledShouldFailAsDisconnectedWithinCommandTimeout() {
		this.contextRunner.withPropertyValues("redis.cluster.nodes=" + String.join(",", cluster().nodes()))
			.run((context) -> {
				StringRedisTemplate template = context.getBean(StringRedisTemplate.class);
				Map<String, String> entries = entries(30);
				entries.forEach(template.opsForValue()::set);
				RedisServer victim = cluster().servers().get(2);
				String lostKey = keyOn(entries, victim);
				victim.kill();
				for (int attempt = 0; attempt < 3; attempt++) {
					long start = System.nanoTime();
					assertThatExceptionOfType(DataAccessException.class)
						.isThrownBy(() -> template.opsForValue().get(lostKey))
						.havingRootCause()
						.withMessageMatching(CONNECTION_FAILURE);
					assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(COMMAND_TIMEOUT.plusSeconds(3));
				}
			});
	}

	@Test
	void commandsWhenNodeWithoutReplicaLostShouldFailWithClusterDownOnSurvivorsAfterNodeTimeout() {
		this.contextRunner.withPropertyValues("redis.cluster.nodes=" + String.join(",", cluster().nodes()))
			.run((context) -> {
				StringRedisTemplate template = context.getBean(StringRedisTemplate.class);
				Map<String, String> entries = entries(30);
				entries.forEach(template.opsForValue()::set);
				String survivingKey = keyOn(entries, cluster().servers().get(0));
				cluster().servers().get(2).kill();
				// cluster-require-full-coverage (the default): the whole cluster stops serving
				await().atMost(Duration.ofSeconds(15))
					.untilAsserted(() -> assertThatExceptionOfType(DataAccessException.class)
						.isThrownBy(() -> template.opsForValue().get(survivingKey))
						.havingRootCause()
						.withMessageStartingWith("CLUSTERDOWN"));
				cluster().restore();
				await().atMost(Duration.ofSeconds(15))
					.ignoreExceptions()
					.untilAsserted(() -> assertThat(template.opsForValue().get(survivingKey))
						.isEqualTo(entries.get(survivingKey)));
			});
	}

	private static String keyOn(Map<String, String> entries, RedisServer node) {
		return entries.keySet().stream().filter((key) -> cluster().nodeForKey(key) == node).findFirst().orElseThrow();
	}

	private static Map<String, String> entries(int count) {
		Map<String, String> entries = new LinkedHashMap<>();
		for (int i = 0; i < count; i++) {
			entries.put("cluster-key-" + i, "value-" + i);
		}
		return entries;
	}

	private static RedisClusterFixture cluster() {
		return clusterExtension.cluster();
	}

}
