package io.github.resilientredis.monitor;

import java.util.Comparator;

import org.jspecify.annotations.Nullable;

/**
 * One sample of one Redis node: its clients against its own {@code maxclients}, its
 * recent slow commands, or why it could not be reached.
 *
 * @param node where the node listens
 * @param role its role in the topology
 * @param servesSlots whether the node serves data the application needs now (a
 * standalone server, the current master, a cluster master with slots, a replica);
 * {@code false} for a cluster master that lost its slots to a failover
 * @param unreachable why the node could not be reached (redacted), {@code null} when it
 * answered
 * @param clients its clients sample (figures are {@code null} when unreachable)
 * @param slowCommands its recent slow commands
 */
public record NodeSnapshot(NodeAddress node, NodeRole role, boolean servesSlots, @Nullable String unreachable,
		ServerClients clients, SlowCommands slowCommands) {

	/**
	 * Orders nodes from the worst to the best: unreachable ones serving data, then by
	 * utilization level (critical, warning, unknown, ok), then by utilization percent.
	 */
	public static final Comparator<NodeSnapshot> WORST_FIRST = Comparator.comparingInt(NodeSnapshot::severity)
		.reversed()
		.thenComparing((NodeSnapshot node) -> {
			Double percent = node.clients().utilizationPercent();
			return (percent != null) ? percent : -1.0;
		}, Comparator.reverseOrder());

	/** Whether the node answered. */
	public boolean reachable() {
		return this.unreachable == null;
	}

	/** Whether the node is a master serving data the application needs and cannot reach. */
	public boolean unreachableMaster() {
		return !reachable() && this.role != NodeRole.REPLICA && this.servesSlots;
	}

	int severity() {
		if (!reachable()) {
			return unreachableMaster() ? 6 : 5;
		}
		return switch (this.clients.utilizationLevel()) {
			case CRITICAL -> 4;
			case WARNING -> 3;
			case UNKNOWN -> 2;
			case OK -> 1;
		};
	}

}
