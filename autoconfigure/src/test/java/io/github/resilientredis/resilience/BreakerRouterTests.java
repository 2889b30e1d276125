package io.github.resilientredis.resilience;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.lettuce.core.RedisURI;
import io.lettuce.core.cluster.models.partitions.Partitions;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.github.resilientredis.connection.ClusterTopology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests of {@link BreakerRouter}: which breaker guards the connection to a node, and how node
 * breakers are named. The topology is a plain {@link Partitions} value.
 */
class BreakerRouterTests {

	private final CircuitBreakerRegistry registry = CircuitBreakerRegistry.of(CircuitBreakerConfig.ofDefaults());

	private final Partitions partitions = new Partitions();

	private final List<Runnable> refreshes = new CopyOnWriteArrayList<>();

	private final BreakerRouter router = new BreakerRouter(this.registry.circuitBreaker("redis"),
			(name) -> this.registry.circuitBreaker(name), new UnavailabilityTracker(), Clock.systemUTC());

	@AfterEach
	void closeRouter() {
		this.router.close();
	}

	@Test
	void forAddressWhenNoClusterTopologyShouldGiveTheOneBreaker() {
		assertThat(this.router.forAddress(address(7000)).breaker().getName()).isEqualTo("redis");
		assertThat(this.router.snapshots()).extracting(BreakerSnapshot::name).containsExactly("redis");
	}

	@Test
	void forAddressWhenMasterShouldGiveBreakerNamedAfterItsFirstSlotOncePerNode() {
		cluster(master("a", 7000, 0, 5460), master("b", 7001, 5461, 10921), replica("c", 7002, "a"));
		GuardedBreaker first = this.router.forAddress(address(7000));
		assertThat(first.breaker().getName()).isEqualTo("redis-shard-0");
		assertThat(first.node()).isEqualTo("127.0.0.1:7000");
		assertThat(this.router.forAddress(address(7000))).isSameAs(first);
		assertThat(this.router.forAddress(address(7001)).breaker().getName()).isEqualTo("redis-shard-5461");
		assertThat(this.router.forAddress(address(7002)).breaker().getName()).as("a replica").isEqualTo("redis");
		assertThat(this.router.forAddress(address(7009)).breaker().getName()).as("unknown").isEqualTo("redis");
		assertThat(this.registry.find("redis-shard-5461")).isPresent();
	}

	@Test
	void forAddressWhenReplicaTookOverTheSlotsShouldGiveItItsOwnBreakerAndKeepTheOldOne() {
		cluster(master("a", 7000, 0, 16383), replica("b", 7001, "a"));
		CircuitBreaker old = this.router.forAddress(address(7000)).breaker();
		old.transitionToOpenState();
		cluster(master("a", 7000, -1, -1), master("b", 7001, 0, 16383));
		CircuitBreaker promoted = this.router.forAddress(address(7001)).breaker();
		assertThat(promoted.getName()).isEqualTo("redis-shard-0-2");
		assertThat(promoted.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
		assertThat(this.router.forAddress(address(7000)).breaker()).as("a node keeps its breaker").isSameAs(old);
		assertThat(old.getState()).isEqualTo(CircuitBreaker.State.OPEN);
		assertThat(this.router.servingNodesAvailable()).as("the open node serves no slots any more").isTrue();
	}

	@Test
	void servingNodesAvailableWhenSlotServingNodeIsOpenShouldBeFalse() {
		cluster(master("a", 7000, 0, 8191), master("b", 7001, 8192, 16383));
		this.router.forAddress(address(7000));
		this.router.forAddress(address(7001)).breaker().transitionToOpenState();
		assertThat(this.router.servingNodesAvailable()).isFalse();
	}

	@Test
	void servingNodeBreakerNotClosedShouldReloadTheTopologyRepeatedlyUntilItClosesAgain() {
		cluster(master("a", 7000, 0, 8191), master("b", 7001, 8192, 16383));
		assertThat(this.router.refreshPending()).as("nothing runs while every breaker is closed").isFalse();
		CircuitBreaker breaker = this.router.forAddress(address(7001)).breaker();
		breaker.transitionToOpenState();
		await().atMost(Duration.ofSeconds(5)).until(() -> this.refreshes.size() >= 2);
		breaker.transitionToClosedState();
		await().atMost(Duration.ofSeconds(5)).until(() -> !this.router.refreshPending());
		int refreshes = this.refreshes.size();
		this.router.refreshWhileServingNodeIsDown();
		assertThat(this.refreshes).as("closed again: no reload").hasSize(refreshes);
		assertThat(this.router.refreshPending()).isFalse();
	}

	@Test
	void snapshotsShouldListEveryBreakerWithItsCurrentSlotRanges() {
		RedisClusterNode node = master("a", 7000, 0, 99);
		node.setSlots(IntStream.concat(IntStream.rangeClosed(0, 99), IntStream.of(200)).boxed().toList());
		cluster(node);
		this.router.forAddress(address(7000));
		assertThat(this.router.snapshots()).containsExactly(
				new BreakerSnapshot("redis", null, List.of(), "CLOSED", -1f),
				new BreakerSnapshot("redis-shard-0", "127.0.0.1:7000",
						List.of(new BreakerSnapshot.SlotRange(0, 99), new BreakerSnapshot.SlotRange(200, 200)),
						"CLOSED", -1f));
	}

	@Test
	void forAddressWhenMoreMastersThanTheBoundShouldShareTheOneBreaker() {
		List<RedisClusterNode> nodes = new ArrayList<>();
		for (int i = 0; i <= BreakerRouter.MAXIMUM_NODE_BREAKERS; i++) {
			nodes.add(master("n" + i, 7000 + i, i, i));
		}
		cluster(nodes.toArray(new RedisClusterNode[0]));
		for (int i = 0; i < BreakerRouter.MAXIMUM_NODE_BREAKERS; i++) {
			assertThat(this.router.forAddress(address(7000 + i)).breaker().getName()).isEqualTo("redis-shard-" + i);
		}
		assertThat(this.router.forAddress(address(7000 + BreakerRouter.MAXIMUM_NODE_BREAKERS)).breaker().getName())
			.isEqualTo("redis");
	}

	private void cluster(RedisClusterNode... nodes) {
		this.partitions.reload(List.of(nodes));
		this.router.clusterTopology(new ClusterTopology(() -> this.partitions, () -> this.refreshes.add(() -> {
		})));
	}

	private static RedisClusterNode master(String id, int port, int from, int to) {
		RedisClusterNode node = new RedisClusterNode();
		node.setNodeId(id);
		node.setUri(RedisURI.create("127.0.0.1", port));
		node.setFlags(Set.of(RedisClusterNode.NodeFlag.UPSTREAM));
		node.setSlots((from < 0) ? List.of() : IntStream.rangeClosed(from, to).boxed().toList());
		return node;
	}

	private static RedisClusterNode replica(String id, int port, String master) {
		RedisClusterNode node = new RedisClusterNode();
		node.setNodeId(id);
		node.setUri(RedisURI.create("127.0.0.1", port));
		node.setFlags(Set.of(RedisClusterNode.NodeFlag.REPLICA));
		node.setSlaveOf(master);
		node.setSlots(List.of());
		return node;
	}

	private static InetSocketAddress address(int port) {
		return new InetSocketAddress("127.0.0.1", port);
	}

}
