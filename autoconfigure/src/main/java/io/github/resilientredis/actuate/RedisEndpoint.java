package io.github.resilientredis.actuate;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import io.github.resilientredis.monitor.ConnectionResetter;
import io.github.resilientredis.monitor.RedisMonitor;
import io.github.resilientredis.monitor.ServerClients;
import io.github.resilientredis.monitor.TopologySnapshot;
import io.github.resilientredis.monitor.UtilizationLevel;

import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * {@code /actuator/redis}: who holds the server's connections, every node of the topology
 * with its slow commands, how full the pool is, whether the client is stuck reconnecting,
 * whether the fallback serves, and the recent events. The {@code reset} write operation
 * is closed unless {@code management.endpoint.redis.access=unrestricted}.
 * <p>
 * Server figures come from the monitor's latest sample, taken again on demand at most
 * once per {@link #MAX_SAMPLE_AGE}, so requests never multiply {@code CLIENT LIST} calls
 * on the server. Other applications' connections are a count per client name unless
 * the monitor keeps their details and {@code showDetails} allows the caller to see them.
 */
@Endpoint(id = "redis", defaultAccess = Access.READ_ONLY)
public class RedisEndpoint {

	/** Newest events shown in the summary. */
	static final int SUMMARY_EVENTS = 10;

	/** Age up to which the latest server sample is served rather than taken again. */
	static final Duration MAX_SAMPLE_AGE = Duration.ofSeconds(1);

	private final RedisMonitor monitor;

	private final Duration timeout;

	private final Show showDetails;

	private final Set<String> roles;

	/**
	 * Create the endpoint, showing the other clients' details the sampler keeps to every
	 * caller.
	 * @param monitor the monitoring parts
	 * @param timeout deadline of a server sample
	 */
	public RedisEndpoint(RedisMonitor monitor, Duration timeout) {
		this(monitor, timeout, Show.ALWAYS, Set.of());
	}

	/**
	 * Create the endpoint.
	 * @param monitor the monitoring parts
	 * @param timeout deadline of a server sample
	 * @param showDetails to whom the other clients' details the sampler keeps are shown
	 * @param roles roles authorized by {@link Show#WHEN_AUTHORIZED}; empty for any
	 * authenticated user
	 */
	public RedisEndpoint(RedisMonitor monitor, Duration timeout, Show showDetails, Collection<String> roles) {
		this.monitor = monitor;
		this.timeout = timeout;
		this.showDetails = showDetails;
		this.roles = Set.copyOf(roles);
	}

	/**
	 * Everything at a glance.
	 * @return server, pool, retries, resilience and the newest events
	 */
	@ReadOperation
	public Map<String, Object> summary() {
		Map<String, Object> summary = new LinkedHashMap<>();
		summary.put("server", this.monitor.server(sample()));
		summary.put("topology", topology());
		summary.put("pool", this.monitor.pool(true));
		summary.put("retries", this.monitor.retries());
		Map<String, Object> resilience = this.monitor.resilience();
		if (!resilience.isEmpty()) {
			summary.put("resilience", resilience);
		}
		summary.put("events", this.monitor.events(SUMMARY_EVENTS));
		return summary;
	}

	/**
	 * One section: clients, topology, slow-commands, pool, retries, resilience or events.
	 * @param securityContext the caller, for {@code management.endpoint.redis.show-details}
	 * @param section the section name
	 * @return the section, or {@code null} (404) for an unknown name
	 */
	@ReadOperation
	public @Nullable Object section(SecurityContext securityContext, @Selector String section) {
		return switch (section) {
			case "clients" -> clients(securityContext);
			case "pool" -> this.monitor.pool(true);
			case "retries" -> this.monitor.retries();
			case "resilience" -> this.monitor.resilience();
			case "events" -> this.monitor.events(Integer.MAX_VALUE);
			case "topology" -> topology();
			case "slow-commands" -> slowCommands();
			default -> null;
		};
	}

	/**
	 * Force-close and re-create the application's connections.
	 * @return the reset count and when it happened
	 */
	@WriteOperation
	public Map<String, Object> reset() {
		ConnectionResetter resetter = this.monitor.getResetter();
		Map<String, Object> result = new LinkedHashMap<>();
		if (resetter == null) {
			result.put("reset", false);
			result.put("reason", "the connection factory does not support resetting connections");
			return result;
		}
		resetter.reset("requested through /actuator/redis");
		result.put("reset", true);
		result.put("resets", resetter.getResets());
		result.put("at", resetter.getLastReset());
		return result;
	}

	/**
	 * Server figures, connections grouped by client name and the longest-idle ones.
	 * @param securityContext the caller
	 * @return the clients section
	 */
	public ClientsDescriptor clients(SecurityContext securityContext) {
		ServerClients sample = sample();
		boolean shown = this.monitor.isShowingOtherClients()
				&& this.showDetails.isShown(securityContext, this.roles);
		return ClientsDescriptor.of(shown ? sample : sample.withoutOtherClientDetails(), shown);
	}

	/**
	 * Every node with its clients and slow commands, the worst node, the failovers and
	 * the circuit breakers.
	 * @return the topology section
	 */
	public TopologyDescriptor topology() {
		return TopologyDescriptor.of(topologySample(), this.monitor.getResilienceStatus());
	}

	/**
	 * The recent slow commands of every node, slowest first, and the nodes whose slow log
	 * cannot be read.
	 * @return the slow commands section
	 */
	public SlowCommandsSection slowCommands() {
		TopologySnapshot topology = topologySample();
		Map<String, String> unavailable = new LinkedHashMap<>();
		topology.nodes()
			.stream()
			.filter((node) -> node.slowCommands().unavailable() != null)
			.forEach((node) -> unavailable.put(node.node().toString(), node.slowCommands().unavailable()));
		return new SlowCommandsSection(topology.sampledAt(),
				TopologyDescriptor.SlowCommandDescriptor.slowestFirst(topology), unavailable);
	}

	private TopologySnapshot topologySample() {
		return this.monitor.getTopology().getSnapshot(MAX_SAMPLE_AGE, this.timeout);
	}

	private ServerClients sample() {
		return this.monitor.getServer(MAX_SAMPLE_AGE, this.timeout);
	}

	/**
	 * What {@code /actuator/redis/slow-commands} shows.
	 *
	 * @param sampledAt when the nodes were sampled
	 * @param commands the recent slow commands of every node, slowest first
	 * @param unavailable node ({@code host:port}) to why its slow log cannot be read
	 */
	public record SlowCommandsSection(Instant sampledAt, List<TopologyDescriptor.SlowCommandDescriptor> commands,
			Map<String, String> unavailable) implements OperationResponseBody {
	}

	/**
	 * What {@code /actuator/redis/clients} shows.
	 *
	 * @param sampledAt when the server was sampled
	 * @param version redis_version
	 * @param mode redis_mode
	 * @param connectedClients connected_clients
	 * @param maxClients the maxclients setting
	 * @param utilizationPercent connected clients in percent of maxclients
	 * @param utilizationLevel the utilization level
	 * @param blockedClients blocked_clients
	 * @param rejectedConnections rejected_connections since the server started
	 * @param ownConnections connections whose client name is this application's
	 * @param otherConnections all other connections
	 * @param foreignClientsDominant whether other clients hold far more connections than
	 * this application
	 * @param otherClientsShown whether other applications' addresses, ages and last
	 * commands are included
	 * @param groups connections grouped by client name, largest first
	 * @param longestIdle the longest-idle connections, longest first
	 * @param unavailable command name to the reason it could not be used, {@code null}
	 * when every command answered
	 */
	public record ClientsDescriptor(Instant sampledAt, @Nullable String version, @Nullable String mode,
			@Nullable Long connectedClients, @Nullable Long maxClients, @Nullable Double utilizationPercent,
			UtilizationLevel utilizationLevel, @Nullable Long blockedClients, @Nullable Long rejectedConnections,
			@Nullable Integer ownConnections, @Nullable Integer otherConnections, boolean foreignClientsDominant,
			boolean otherClientsShown, List<ServerClients.ClientGroup> groups,
			List<ServerClients.IdleClient> longestIdle,
			@Nullable Map<String, String> unavailable) implements OperationResponseBody {

		static ClientsDescriptor of(ServerClients sample, boolean otherClientsShown) {
			return new ClientsDescriptor(sample.sampledAt(), sample.version(), sample.mode(), sample.connectedClients(),
					sample.maxClients(), sample.utilizationPercent(), sample.level(), sample.blockedClients(),
					sample.rejectedConnections(), sample.ownConnections(), sample.otherConnections(),
					sample.foreignClientsDominant(), otherClientsShown, sample.groups(), sample.longestIdle(),
					sample.unavailable().isEmpty() ? null : sample.unavailable());
		}

	}

}
