package io.github.resilientredis.monitor;

import java.time.Duration;
import java.util.List;

/**
 * Finds the nodes of the topology the monitor samples.
 */
public interface TopologyDiscovery {

	/**
	 * The nodes now.
	 * @param timeout the deadline of the discovery
	 * @return the nodes, masters first
	 * @throws OutOfBandConnection.OutOfBandException when no node or sentinel can be
	 * asked; the monitor keeps the nodes it knew
	 * @throws io.lettuce.core.RedisCommandExecutionException when the server refuses
	 * the discovery command
	 */
	List<DiscoveredNode> discover(Duration timeout);

	/**
	 * Master changes observed so far.
	 * @return the failovers, oldest first
	 */
	default List<Failover> failovers() {
		return List.of();
	}

	/**
	 * A node found by discovery.
	 *
	 * @param address where it listens
	 * @param role its role
	 * @param servesSlots whether it serves data the application needs now
	 */
	record DiscoveredNode(NodeAddress address, NodeRole role, boolean servesSlots) {
	}

}
