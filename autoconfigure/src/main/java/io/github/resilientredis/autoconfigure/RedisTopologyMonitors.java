package io.github.resilientredis.autoconfigure;

import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;

import io.github.resilientredis.connection.OutOfBandConnector;
import io.github.resilientredis.monitor.ClientsPolicy;
import io.github.resilientredis.monitor.ClusterDiscovery;
import io.github.resilientredis.monitor.EventHistory;
import io.github.resilientredis.monitor.NodeAddress;
import io.github.resilientredis.monitor.NodeMonitor;
import io.github.resilientredis.monitor.NodeRole;
import io.github.resilientredis.monitor.OutOfBandConnection;
import io.github.resilientredis.monitor.RedisConnectionAccess;
import io.github.resilientredis.monitor.SentinelDiscovery;
import io.github.resilientredis.monitor.SlowCommand;
import io.github.resilientredis.monitor.SlowLogSampler;
import io.github.resilientredis.monitor.TopologyMonitor;
import io.github.resilientredis.monitor.TopologyType;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Builds the {@link TopologyMonitor} for the application's set-up, with one
 * {@link NodeMonitor} per node configured from {@code redis.monitor.*}: the standalone
 * server on the application's monitoring connection; for Cluster and Sentinel one monitoring
 * connection per discovered node on a client of its own.
 */
record RedisTopologyMonitors(RedisConnectionAccess access, RedisResilienceProperties properties,
		EventHistory history, Clock clock) {

	TopologyMonitor create(OutOfBandConnection primary) {
		TopologyType type = this.access.topologyType();
		if (type == TopologyType.STANDALONE || !(this.access.factory() instanceof LettuceConnectionFactory lettuce)) {
			return TopologyMonitor.standalone(this.access.standaloneAddress(),
					(address, role, slowCommands) -> node(primary, false, address, role, slowCommands), this.clock);
		}
		OutOfBandConnector client = new OutOfBandConnector(lettuce, this.access.clientName());
		TopologyMonitor.NodeMonitors nodes = (address, role, slowCommands) -> node(
				new OutOfBandConnection(() -> client.connect(address.host(), address.port())), true, address, role,
				slowCommands);
		int maxNodes = this.properties.getMonitor().getMaxNodes();
		if (type == TopologyType.CLUSTER) {
			return TopologyMonitor.discovered(type, new ClusterDiscovery(primary), nodes, maxNodes, this.clock,
					List.of(client));
		}
		OutOfBandConnection sentinel = new OutOfBandConnection(client::connectSentinel);
		SentinelDiscovery discovery = new SentinelDiscovery(sentinel,
				lettuce.getSentinelConfiguration().getRequiredMaster().getName(), this.history, this.clock);
		return TopologyMonitor.discovered(type, discovery, nodes, maxNodes, this.clock, List.of(sentinel, client));
	}

	private NodeMonitor node(OutOfBandConnection connection, boolean ownsConnection, NodeAddress address,
			NodeRole role, Consumer<SlowCommand> slowCommands) {
		RedisMonitorProperties monitor = this.properties.getMonitor();
		ClientsPolicy policy = new ClientsPolicy(this.access.clientName(), monitor.getWarningThreshold(),
				monitor.getCriticalThreshold(), monitor.getForeignClientsRatio(), monitor.isShowOtherClients());
		return new NodeMonitor(address, role, connection, ownsConnection, policy,
				new SlowLogSampler(address, monitor.getSlowLogEntries(), monitor.getSlowCommandThreshold(),
						slowCommands),
				this.history, this.clock);
	}

}
