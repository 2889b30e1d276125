package io.github.resilientredis.health;

import org.jspecify.annotations.Nullable;

import io.github.resilientredis.monitor.NodeRole;
import io.github.resilientredis.monitor.NodeSnapshot;

/**
 * One node ({@code host:port}) as the {@code redis} health component shows it: its
 * utilization level (OK, WARNING, CRITICAL, UNKNOWN) and figures against its own
 * maxclients, or {@code UNREACHABLE} with the (redacted) error.
 */
public record NodeHealth(String node, NodeRole role, String state, @Nullable Long connectedClients,
		@Nullable Long maxClients, @Nullable Double utilizationPercent, @Nullable String error) {

	/** State of a node that could not be reached. */
	public static final String UNREACHABLE = "UNREACHABLE";

	static NodeHealth of(NodeSnapshot node) {
		return new NodeHealth(node.node().toString(), node.role(),
				node.reachable() ? node.clients().utilizationLevel().name() : UNREACHABLE, node.clients().connectedClients(),
				node.clients().maxClients(), node.clients().utilizationPercent(), node.unreachable());
	}

}
