package io.github.resilientredis.actuate;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

import org.jspecify.annotations.Nullable;

import io.github.resilientredis.actuate.TopologyDescriptor.SlowCommandDescriptor;
import io.github.resilientredis.monitor.ConnectionResetter;
import io.github.resilientredis.monitor.RedisMonitor;
import io.github.resilientredis.monitor.RedisMonitor.EventsSection;
import io.github.resilientredis.monitor.RedisMonitor.PoolSection;
import io.github.resilientredis.monitor.RedisMonitor.ResilienceSection;
import io.github.resilientredis.monitor.RedisMonitor.RetriesSection;
import io.github.resilientredis.monitor.ServerClients;
import io.github.resilientredis.monitor.TopologySnapshot;

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
	 * @return server, topology, pool, retries, resilience and the newest events
	 */
	@ReadOperation
	public Summary summary() {
		// the server section shows no client lists: other applications' details stay out of this object too
		return new Summary(sample().withoutOtherClientDetails(), topology(), this.monitor.pool(true),
				this.monitor.retries(), this.monitor.resilience(), this.monitor.events(SUMMARY_EVENTS));
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
			// without a resilience layer: an empty section, not a 404
			case "resilience" -> Objects.requireNonNullElse(this.monitor.resilience(), Map.of());
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
	public ResetResult reset() {
		ConnectionResetter resetter = this.monitor.getResetter();
		if (resetter == null) {
			return new ResetResult(false, "the connection factory does not support resetting connections", null, null);
		}
		resetter.reset("requested through /actuator/redis");
		return new ResetResult(true, null, resetter.getResets(), resetter.getLastReset());
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
				topology.slowCommands().stream().map(SlowCommandDescriptor::of).toList(), unavailable);
	}

	private TopologySnapshot topologySample() {
		return this.monitor.getTopology().getSnapshot(MAX_SAMPLE_AGE, this.timeout);
	}

	private ServerClients sample() {
		return this.monitor.getServer(MAX_SAMPLE_AGE, this.timeout);
	}

	/** What {@code /actuator/redis} shows; {@code resilience} is {@code null} without a resilience layer. */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record Summary(ServerClients server, TopologyDescriptor topology, PoolSection pool, RetriesSection retries,
			@Nullable ResilienceSection resilience, EventsSection events) implements OperationResponseBody {
	}

	/** What the {@code reset} operation answers: the reason when it did not reset, else the count and time. */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record ResetResult(boolean reset, @Nullable String reason, @Nullable Long resets,
			@Nullable Instant at) implements OperationResponseBody {
	}

	/**
	 * What {@code /actuator/redis/slow-commands} shows.
	 *
	 * @param sampledAt when the nodes were sampled
	 * @param commands the recent slow commands of every node, slowest first
	 * @param unavailable node ({@code host:port}) to why its slow log cannot be read
	 */
	public record SlowCommandsSection(Instant sampledAt, List<SlowCommandDescriptor> commands,
			Map<String, String> unavailable) implements OperationResponseBody {
	}

	/**
	 * What {@code /actuator/redis/clients} shows: the server figures as fields of this
	 * section, whether other applications' addresses, ages and last commands are shown,
	 * then the connections of the sample.
	 */
	public record ClientsDescriptor(@JsonUnwrapped ServerClients server, boolean otherClientsShown,
			List<ServerClients.ClientGroup> groups,
			List<ServerClients.IdleClient> longestIdle) implements OperationResponseBody {

		public static ClientsDescriptor of(ServerClients sample, boolean otherClientsShown) {
			return new ClientsDescriptor(sample, otherClientsShown, sample.groups(), sample.longestIdle());
		}

	}

}
