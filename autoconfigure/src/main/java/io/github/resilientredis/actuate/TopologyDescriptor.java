package io.github.resilientredis.actuate;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import io.github.resilientredis.monitor.Failover;
import io.github.resilientredis.monitor.NodeRole;
import io.github.resilientredis.monitor.NodeSnapshot;
import io.github.resilientredis.monitor.ServerClients;
import io.github.resilientredis.monitor.SlowCommand;
import io.github.resilientredis.monitor.SlowCommands;
import io.github.resilientredis.monitor.TopologySnapshot;
import io.github.resilientredis.monitor.TopologyType;
import io.github.resilientredis.monitor.UtilizationLevel;
import io.github.resilientredis.resilience.BreakerSnapshot;
import io.github.resilientredis.resilience.ResilienceStatus;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;

/**
 * What {@code /actuator/redis/topology} shows: every node with its clients against its
 * own maxclients and its recent slow commands, the worst node, the failovers observed
 * and the circuit breakers.
 *
 * @param sampledAt when the nodes were sampled
 * @param type standalone, cluster or sentinel
 * @param worstNode the node in the worst state ({@code host:port}), {@code null} when
 * no node is known
 * @param nodes every node, worst first
 * @param failovers master changes the sentinels announced, oldest first
 * @param breakers the circuit breakers guarding the commands
 * @param discoveryError why the node list could not be refreshed, {@code null} when it
 * could
 */
public record TopologyDescriptor(Instant sampledAt, TopologyType type, @Nullable String worstNode,
		List<NodeDescriptor> nodes, List<FailoverDescriptor> failovers, List<BreakerDescriptor> breakers,
		@Nullable String discoveryError) implements OperationResponseBody {

	static TopologyDescriptor of(TopologySnapshot topology, @Nullable ResilienceStatus resilience) {
		return new TopologyDescriptor(topology.sampledAt(), topology.type(),
				topology.worstNode().map((node) -> node.node().toString()).orElse(null),
				topology.nodes().stream().sorted(NodeSnapshot.WORST_FIRST).map(NodeDescriptor::of).toList(),
				topology.failovers().stream().map(FailoverDescriptor::of).toList(), BreakerDescriptor.of(resilience),
				topology.discoveryError());
	}

	/**
	 * One node ({@code host:port}): {@code UP}, or {@code UNREACHABLE} with the (redacted)
	 * error; the figures of its {@link ServerClients} against its own maxclients, this
	 * application's connections by client name, the commands it refused ({@code null}
	 * when every command answered) and its recent slow commands.
	 */
	public record NodeDescriptor(String node, NodeRole role, String state, @Nullable String error,
			@Nullable String version, @Nullable Long connectedClients, @Nullable Long maxClients,
			@Nullable Double utilizationPercent, UtilizationLevel utilizationLevel, @Nullable Long blockedClients,
			@Nullable Long rejectedConnections, @Nullable Integer ownConnections,
			List<ServerClients.ClientGroup> ownClients, @Nullable Map<String, String> unavailable,
			SlowCommandsDescriptor slowCommands) {

		static NodeDescriptor of(NodeSnapshot node) {
			ServerClients clients = node.clients();
			Map<String, String> unavailable = new LinkedHashMap<>(clients.unavailable());
			unavailable.remove("server");
			return new NodeDescriptor(node.node().toString(), node.role(), node.reachable() ? "UP" : "UNREACHABLE",
					node.unreachable(), clients.version(), clients.connectedClients(), clients.maxClients(),
					clients.utilizationPercent(), clients.utilizationLevel(), clients.blockedClients(),
					clients.rejectedConnections(), clients.ownConnections(),
					clients.groups().stream().filter(ServerClients.ClientGroup::own).toList(),
					unavailable.isEmpty() ? null : unavailable, SlowCommandsDescriptor.of(node.slowCommands()));
		}

	}

	/** The recent slow commands of a node, slowest first, or why its slow log cannot be read. */
	public record SlowCommandsDescriptor(boolean available, @Nullable String unavailable,
			List<SlowCommandDescriptor> commands) {

		static SlowCommandsDescriptor of(SlowCommands slowCommands) {
			return new SlowCommandsDescriptor(slowCommands.unavailable() == null, slowCommands.unavailable(),
					slowCommands.commands().stream().map(SlowCommandDescriptor::of).toList());
		}

	}

	/**
	 * One slow command: its name (with the subcommand of container commands), never its
	 * arguments; {@code id} is the slow-log entry id on {@code node}, {@code durationMs}
	 * how long the server executed it.
	 */
	public record SlowCommandDescriptor(String node, long id, Instant at, double durationMs, String command,
			@Nullable String clientAddress, @Nullable String clientName) {

		static SlowCommandDescriptor of(SlowCommand command) {
			return new SlowCommandDescriptor(command.node().toString(), command.id(), command.at(),
					command.duration().toNanos() / 1_000_000.0, command.command(), command.clientAddress(),
					command.clientName());
		}

	}

	/** A master change: when it was observed, the previous and the new master ({@code host:port}). */
	public record FailoverDescriptor(Instant at, String from, String to) {

		static FailoverDescriptor of(Failover failover) {
			return new FailoverDescriptor(failover.at(), failover.from().toString(), failover.to().toString());
		}

	}

	/**
	 * A circuit breaker guarding Redis commands.
	 *
	 * @param name the breaker's name
	 * @param state its state (CLOSED, OPEN, HALF_OPEN, ...)
	 * @param scope what it guards: {@code all} for the breaker of every command outside a
	 * cluster (in a cluster: of the nodes that serve no slots), {@code slots 0-5460} for
	 * the breaker of a cluster master
	 * @param node the cluster master's {@code host:port}, or {@code null}
	 * @param failureRate the failure rate in percent, or {@code -1} before the minimum
	 * number of calls
	 */
	public record BreakerDescriptor(String name, String state, String scope, @Nullable String node,
			float failureRate) {

		static List<BreakerDescriptor> of(@Nullable ResilienceStatus resilience) {
			if (resilience == null) {
				return List.of();
			}
			List<BreakerSnapshot> breakers = resilience.getBreakers();
			if (breakers.isEmpty()) {
				return List.of(new BreakerDescriptor(resilience.getCircuitBreakerName(),
						resilience.getCircuitBreakerState(), "all", null, -1));
			}
			return breakers.stream().map(BreakerDescriptor::of).toList();
		}

		private static BreakerDescriptor of(BreakerSnapshot breaker) {
			String scope = (breaker.node() == null) ? "all"
					: breaker.slots().isEmpty() ? "no slots" : "slots " + breaker.slots().stream()
						.map(BreakerSnapshot.SlotRange::toString)
						.collect(Collectors.joining(","));
			return new BreakerDescriptor(breaker.name(), breaker.state(), scope, breaker.node(),
					breaker.failureRate());
		}

	}

}
