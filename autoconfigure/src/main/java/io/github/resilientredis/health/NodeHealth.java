package io.github.resilientredis.health;

import org.jspecify.annotations.Nullable;

import io.github.resilientredis.monitor.NodeRole;
import io.github.resilientredis.monitor.NodeSnapshot;

/**
 * One node as the {@code redis} health component shows it.
 *
 * @param node {@code host:port}
 * @param role its role
 * @param state {@code UNREACHABLE}, or its utilization level (OK, WARNING, CRITICAL,
 * UNKNOWN)
 * @param connectedClients connected_clients, {@code null} when unknown
 * @param maxClients its own maxclients, {@code null} when unknown
 * @param utilizationPercent connected clients in percent of its own maxclients
 * @param error why it could not be reached (redacted), {@code null} when it answered
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
