package io.github.resilientredis.monitor;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * One sample of every node of the topology.
 *
 * @param sampledAt when the sample was taken
 * @param type standalone, cluster or sentinel
 * @param nodes every node found, masters first
 * @param discoveryError why the node list could not be refreshed (redacted); the nodes
 * are then the last ones known. {@code null} when discovery worked
 * @param failovers master changes the sentinels announced, oldest first (empty unless
 * Sentinel)
 */
public record TopologySnapshot(Instant sampledAt, TopologyType type, List<NodeSnapshot> nodes,
		@Nullable String discoveryError, List<Failover> failovers) {

	/** The node in the worst state (unreachable, else the highest utilization), empty when none is known. */
	public Optional<NodeSnapshot> worstNode() {
		return this.nodes.stream().min(NodeSnapshot.WORST_FIRST);
	}

	/**
	 * The server figures as for a single server: of the worst node that answered (for a
	 * standalone server, that server), else of the worst node.
	 * @return the figures; unreachable when no node is known
	 */
	public ServerClients server() {
		return this.nodes.stream()
			.filter(NodeSnapshot::reachable)
			.min(NodeSnapshot.WORST_FIRST)
			.or(this::worstNode)
			.map(NodeSnapshot::clients)
			.orElseGet(() -> ServerClients.unreachable(this.sampledAt,
					(this.discoveryError != null) ? this.discoveryError : "no Redis node known"));
	}

	/** Whether a master serving data the application needs cannot be reached. */
	public boolean masterUnreachable() {
		return this.nodes.stream().anyMatch(NodeSnapshot::unreachableMaster);
	}

	/** The recent slow commands of every node, slowest first. */
	public List<SlowCommand> slowCommands() {
		return this.nodes.stream()
			.flatMap((node) -> node.slowCommands().commands().stream())
			.sorted(Comparator.comparing(SlowCommand::duration).reversed())
			.toList();
	}

}
