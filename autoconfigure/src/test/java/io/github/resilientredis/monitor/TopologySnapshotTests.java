package io.github.resilientredis.monitor;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which node a topology sample calls the worst (pure ordering).
 */
class TopologySnapshotTests {

	private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

	@Test
	void worstNodeWhenOneNodeNearItsLimitShouldBeThatNode() {
		NodeSnapshot calm = node(7000, NodeRole.MASTER, 10.0, UtilizationLevel.OK);
		NodeSnapshot busy = node(7001, NodeRole.MASTER, 92.0, UtilizationLevel.CRITICAL);
		NodeSnapshot warm = node(7002, NodeRole.REPLICA, 85.0, UtilizationLevel.WARNING);
		assertThat(topology(calm, busy, warm).worstNode()).contains(busy);
		assertThat(topology(calm, busy, warm).masterUnreachable()).isFalse();
	}

	@Test
	void worstNodeWhenMasterUnreachableShouldBeThatMasterEvenBeforeACriticalNode() {
		NodeSnapshot busy = node(7001, NodeRole.MASTER, 99.0, UtilizationLevel.CRITICAL);
		NodeSnapshot replicaDown = unreachable(7003, NodeRole.REPLICA, true);
		NodeSnapshot masterDown = unreachable(7002, NodeRole.MASTER, true);
		TopologySnapshot topology = topology(busy, replicaDown, masterDown);
		assertThat(topology.worstNode()).contains(masterDown);
		assertThat(topology.masterUnreachable()).isTrue();
	}

	@Test
	void masterUnreachableWhenOnlyAReplicaOrAFailedOverMasterIsDownShouldBeFalse() {
		TopologySnapshot topology = topology(node(7001, NodeRole.MASTER, 1.0, UtilizationLevel.OK),
				unreachable(7003, NodeRole.REPLICA, true), unreachable(7002, NodeRole.MASTER, false));
		assertThat(topology.masterUnreachable()).isFalse();
		assertThat(topology.worstNode()).map((node) -> node.node().port()).contains(7003);
	}

	private static TopologySnapshot topology(NodeSnapshot... nodes) {
		return new TopologySnapshot(NOW, TopologyType.CLUSTER, List.of(nodes), null, List.of());
	}

	private static NodeSnapshot node(int port, NodeRole role, double percent, UtilizationLevel level) {
		ServerClients clients = new ServerClients(NOW, "7.0", "cluster", (long) percent, 100L, percent, level, 0L,
				0L, 1, 0, false, List.of(), List.of(), Map.of());
		return new NodeSnapshot(new NodeAddress("127.0.0.1", port), role, true, null, clients, SlowCommands.NONE);
	}

	private static NodeSnapshot unreachable(int port, NodeRole role, boolean servesSlots) {
		return new NodeSnapshot(new NodeAddress("127.0.0.1", port), role, servesSlots, "Connection refused",
				ServerClients.unreachable(NOW, "Connection refused"), SlowCommands.NONE);
	}

}
