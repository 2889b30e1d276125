package io.github.resilientredis.monitor;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;

import io.lettuce.core.RedisURI;
import io.lettuce.core.cluster.models.partitions.ClusterPartitionParser;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode.NodeFlag;

/**
 * Finds every master and replica of a Redis Cluster from {@code CLUSTER NODES} of a
 * reachable node (the monitoring connection moves to another seed node when its node
 * goes away). Nodes still in a handshake or without an address are left out.
 */
public class ClusterDiscovery implements TopologyDiscovery {

	private final OutOfBandConnection seed;

	/** Discover through a monitoring connection to any reachable cluster node. */
	public ClusterDiscovery(OutOfBandConnection seed) {
		this.seed = seed;
	}

	@Override
	public List<DiscoveredNode> discover(Duration timeout) {
		String nodes = this.seed.execute((commands) -> commands.clusterNodes(), timeout);
		return ClusterPartitionParser.parse(nodes)
			.stream()
			.filter((node) -> !node.is(NodeFlag.HANDSHAKE) && !node.is(NodeFlag.NOADDR) && node.getUri() != null)
			.map(ClusterDiscovery::toNode)
			.sorted(Comparator.comparing(DiscoveredNode::role).thenComparing((node) -> node.address().toString()))
			.toList();
	}

	private static DiscoveredNode toNode(RedisClusterNode node) {
		RedisURI uri = node.getUri();
		boolean replica = node.is(NodeFlag.REPLICA) || node.is(NodeFlag.SLAVE);
		NodeRole role = replica ? NodeRole.REPLICA : NodeRole.MASTER;
		return new DiscoveredNode(new NodeAddress(uri.getHost(), uri.getPort()), role,
				replica || !node.getSlots().isEmpty());
	}

}
