package io.github.resilientredis.monitor;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import java.util.stream.Collectors;

import static io.github.resilientredis.monitor.OutOfBandConnection.remaining;

import io.github.resilientredis.diagnostics.Redaction;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.async.RedisAsyncCommands;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.connection.convert.Converters;
import org.springframework.data.redis.connection.convert.StringToRedisClientInfoConverter;
import org.springframework.data.redis.core.types.RedisClientInfo;

/**
 * The one sampler of one node (a standalone server is a topology of one node): on the
 * node's out-of-band connection it samples who is connected ({@code INFO},
 * {@code CONFIG GET maxclients}, {@code CLIENT LIST}) against the node's own
 * {@code maxclients}, then its slow log. Each change of utilization level is logged and
 * recorded once, naming the node. Commands a managed server forbids degrade to a reason
 * in {@link ServerClients#unavailable()}. Other applications' connections are kept as a
 * count per client name only, unless showing them is configured.
 */
public class NodeMonitor implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(NodeMonitor.class);

	static final int MAX_ADDRESSES_PER_GROUP = 10;

	static final int TOP_IDLE = 5;

	private final NodeAddress address;

	private final OutOfBandConnection connection;

	private final boolean ownsConnection;

	private final ClientsPolicy policy;

	private final SlowLogSampler slowLog;

	private final @Nullable EventHistory history;

	private final Clock clock;

	private volatile NodeRole role;

	private volatile boolean servesSlots = true;

	private UtilizationLevel lastLevel = UtilizationLevel.OK;

	private boolean lastForeignDominant;

	/**
	 * Create the sampler of one node.
	 * @param address where the node listens
	 * @param role its role
	 * @param connection its out-of-band connection
	 * @param ownsConnection whether {@link #close()} closes the connection
	 * @param policy how its clients are judged and shown
	 * @param slowLog its slow-log sampler
	 * @param history where level changes are recorded, or {@code null}
	 * @param clock the clock
	 */
	public NodeMonitor(NodeAddress address, NodeRole role, OutOfBandConnection connection, boolean ownsConnection,
			ClientsPolicy policy, SlowLogSampler slowLog, @Nullable EventHistory history, Clock clock) {
		this.address = address;
		this.role = role;
		this.connection = connection;
		this.ownsConnection = ownsConnection;
		this.policy = policy;
		this.slowLog = slowLog;
		this.history = history;
		this.clock = clock;
	}

	public NodeAddress getAddress() {
		return this.address;
	}

	void update(NodeRole role, boolean servesSlots) {
		this.role = role;
		this.servesSlots = servesSlots;
	}

	/** Sample the node's clients and slow log now within {@code budget}; never overlaps, never throws. */
	public synchronized NodeSnapshot sample(Duration budget) {
		long deadline = System.nanoTime() + budget.toNanos();
		ServerClients clients = sampleClients(deadline);
		alert(clients);
		SlowCommands slowCommands = clients.reachable() ? this.slowLog.sample(this.connection, remaining(deadline))
				: this.slowLog.getLast();
		return new NodeSnapshot(this.address, this.role, this.servesSlots, clients.unavailable().get("server"),
				clients, slowCommands);
	}

	/**
	 * What is known of the node when its sample did not finish in time.
	 * @param reason why (redacted)
	 * @param at when the sample was due
	 * @return an unreachable snapshot
	 */
	NodeSnapshot unanswered(String reason, Instant at) {
		return new NodeSnapshot(this.address, this.role, this.servesSlots, reason,
				ServerClients.unreachable(at, reason), this.slowLog.getLast());
	}

	private ServerClients sampleClients(long deadline) {
		Map<String, String> unavailable = new LinkedHashMap<>();
		Properties info = new Properties();
		Map<String, String> config = Map.of();
		List<RedisClientInfo> clients = null;
		try {
			String raw = run(RedisAsyncCommands::info, deadline, "INFO", unavailable);
			info = (raw != null) ? Converters.toProperties(raw) : info;
			Map<String, String> maxClients = run((c) -> c.configGet("maxclients"), deadline, "CONFIG GET maxclients",
					unavailable);
			config = (maxClients != null) ? maxClients : config;
			String list = run(RedisAsyncCommands::clientList, deadline, "CLIENT LIST", unavailable);
			clients = (list != null) ? new StringToRedisClientInfoConverter().convert(list.split("\\r?\\n")) : null;
		}
		catch (OutOfBandConnection.OutOfBandException ex) {
			unavailable.put("server", Redaction.describe(ex));
		}
		return build(info, config, clients, unavailable);
	}

	private <T> @Nullable T run(Function<RedisAsyncCommands<String, String>, RedisFuture<T>> command, long deadline,
			String name, Map<String, String> unavailable) {
		return this.connection.executeUnlessRefused(command, remaining(deadline), (reason) -> unavailable.put(name,
				"not permitted by the server (ACL or managed Redis): " + reason));
	}

	private ServerClients build(Properties info, Map<String, String> config, @Nullable List<RedisClientInfo> clients,
			Map<String, String> unavailable) {
		Long connected = asLong(info.getProperty("connected_clients"));
		Long maxClients = asLong(config.get("maxclients"));
		Double percent = (connected != null && maxClients != null && maxClients > 0)
				? Math.round(connected * 1000.0 / maxClients) / 10.0 : null;
		UtilizationLevel level = UtilizationLevel.of(percent, this.policy.warningThreshold(),
				this.policy.criticalThreshold());
		List<ServerClients.ClientGroup> groups = List.of();
		List<ServerClients.IdleClient> idle = List.of();
		Integer own = null;
		Integer other = null;
		if (clients != null) {
			groups = group(clients);
			idle = clients.stream()
				.filter((c) -> this.policy.showOtherClients() || this.policy.isOwn(nameOf(c)))
				.sorted(Comparator.comparingLong((RedisClientInfo c) -> orZero(c.getIdle())).reversed())
				.limit(TOP_IDLE)
				.map((c) -> new ServerClients.IdleClient(nameOf(c), this.policy.isOwn(nameOf(c)),
						String.valueOf(c.getAddressPort()), orZero(c.getAge()), orZero(c.getIdle()),
						c.getLastCommand()))
				.toList();
			if (this.policy.ownClientName() != null) {
				own = groups.stream().filter(ServerClients.ClientGroup::own).mapToInt(ServerClients.ClientGroup::count)
					.sum();
				other = clients.size() - own;
			}
		}
		boolean dominant = own != null && other > this.policy.foreignClientsRatio() * Math.max(own, 1);
		return new ServerClients(this.clock.instant(), info.getProperty("redis_version"),
				info.getProperty("redis_mode"), connected, maxClients, percent, level,
				asLong(info.getProperty("blocked_clients")), asLong(info.getProperty("rejected_connections")), own,
				other, dominant, groups, idle, Map.copyOf(unavailable));
	}

	private List<ServerClients.ClientGroup> group(List<RedisClientInfo> clients) {
		return clients.stream()
			.collect(Collectors.groupingBy(NodeMonitor::nameOf, LinkedHashMap::new, Collectors.toList()))
			.entrySet()
			.stream()
			.map((entry) -> group(entry.getKey(), entry.getValue()))
			.sorted(Comparator.comparingInt(ServerClients.ClientGroup::count).reversed())
			.toList();
	}

	private ServerClients.ClientGroup group(String name, List<RedisClientInfo> clients) {
		ServerClients.ClientGroup group = new ServerClients.ClientGroup(name, this.policy.isOwn(name), clients.size(),
				clients.stream().mapToLong((c) -> orZero(c.getAge())).max().orElse(0),
				clients.stream().mapToLong((c) -> orZero(c.getIdle())).max().orElse(0),
				clients.stream()
					.map((c) -> String.valueOf(c.getAddressPort()))
					.limit(MAX_ADDRESSES_PER_GROUP)
					.toList());
		// another application's addresses never leave the sampler unless the user asked
		return (group.own() || this.policy.showOtherClients()) ? group : group.withoutDetails();
	}

	private static String nameOf(RedisClientInfo client) {
		String name = client.getName();
		return (name != null) ? name : "";
	}

	private static long orZero(@Nullable Long value) {
		return (value != null) ? value : 0;
	}

	private static @Nullable Long asLong(@Nullable String value) {
		try {
			return (value != null) ? Long.parseLong(value.trim()) : null;
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	private void alert(ServerClients sample) {
		UtilizationLevel level = sample.utilizationLevel();
		if (level != UtilizationLevel.UNKNOWN && level != this.lastLevel) {
			String message = "Redis client utilization " + level + " on " + this.address + ": "
					+ sample.connectedClients() + " of maxclients " + sample.maxClients() + " ("
					+ sample.utilizationPercent() + " %, warning at " + this.policy.warningThreshold()
					+ " %, critical at " + this.policy.criticalThreshold() + " %)";
			if (level == UtilizationLevel.OK) {
				logger.info(message);
			}
			else {
				logger.warn(message + "; see /actuator/redis/clients for who holds the connections");
			}
			if (this.history != null) {
				this.history.record(RedisEvent.Type.UTILIZATION, message);
			}
			this.lastLevel = level;
		}
		if (sample.foreignClientsDominant() != this.lastForeignDominant) {
			this.lastForeignDominant = sample.foreignClientsDominant();
			if (this.lastForeignDominant) {
				logger.warn("Other clients hold " + sample.otherConnections() + " Redis connections on "
						+ this.address + ", this application " + sample.ownConnections()
						+ " (more than redis.monitor.foreign-clients-ratio=" + this.policy.foreignClientsRatio()
						+ " times); see /actuator/redis/clients");
			}
		}
	}

	@Override
	public void close() {
		if (this.ownsConnection) {
			this.connection.close();
		}
	}

}
