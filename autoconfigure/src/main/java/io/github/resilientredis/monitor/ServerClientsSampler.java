package io.github.resilientredis.monitor;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import io.github.resilientredis.diagnostics.Redaction;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.async.RedisAsyncCommands;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.connection.convert.Converters;
import org.springframework.data.redis.connection.convert.StringToRedisClientInfoConverter;
import org.springframework.data.redis.core.types.RedisClientInfo;

/**
 * Samples who is connected to the Redis server ({@code INFO}, {@code CONFIG GET
 * maxclients}, {@code CLIENT LIST}) over the {@link OutOfBandConnection}, classifies the
 * utilization of {@code maxclients} and logs each change of level once. Commands a
 * managed server forbids degrade to a reason in {@link ServerClients#unavailable()}.
 * Other applications' connections are kept as a count per client name only, unless
 * showing them is configured.
 */
public class ServerClientsSampler {

	private static final Log logger = LogFactory.getLog(ServerClientsSampler.class);

	static final int MAX_ADDRESSES_PER_GROUP = 10;

	static final int TOP_IDLE = 5;

	private final OutOfBandConnection connection;

	private final @Nullable String ownClientName;

	private final int warningThreshold;

	private final int criticalThreshold;

	private final double foreignClientsRatio;

	private final boolean showOtherClients;

	private final Duration timeout;

	private final @Nullable EventHistory history;

	private final Clock clock;

	private final @Nullable String node;

	private final boolean alerts;

	private final AtomicLong started = new AtomicLong();

	private final Object refresh = new Object();

	private long applied;

	private volatile @Nullable ServerClients last;

	private UtilizationLevel lastLevel = UtilizationLevel.OK;

	private boolean lastForeignDominant;

	/**
	 * Create a sampler.
	 * @param connection the monitoring connection
	 * @param ownClientName this application's client name, {@code null} when unknown
	 * @param warningThreshold utilization percent of a warning
	 * @param criticalThreshold utilization percent of a critical alert
	 * @param foreignClientsRatio others-to-own connection ratio flagged as dominant
	 * @param showOtherClients whether to keep other applications' addresses, ages and
	 * last commands; otherwise only their count per client name is kept
	 * @param timeout default deadline of one sample
	 * @param history where level changes are recorded, or {@code null}
	 * @param clock the clock
	 */
	public ServerClientsSampler(OutOfBandConnection connection, @Nullable String ownClientName, int warningThreshold,
			int criticalThreshold, double foreignClientsRatio, boolean showOtherClients, Duration timeout,
			@Nullable EventHistory history, Clock clock) {
		this(connection, ownClientName, warningThreshold, criticalThreshold, foreignClientsRatio, showOtherClients,
				timeout, history, clock, null, true);
	}

	/**
	 * Create a sampler of one node of a topology.
	 * @param connection the monitoring connection
	 * @param ownClientName this application's client name, {@code null} when unknown
	 * @param warningThreshold utilization percent of a warning
	 * @param criticalThreshold utilization percent of a critical alert
	 * @param foreignClientsRatio others-to-own connection ratio flagged as dominant
	 * @param showOtherClients whether to keep other applications' addresses, ages and
	 * last commands; otherwise only their count per client name is kept
	 * @param timeout default deadline of one sample
	 * @param history where level changes are recorded, or {@code null}
	 * @param clock the clock
	 * @param node the node named in alerts ({@code host:port}), {@code null} for none
	 * @param alerts whether to log and record level changes; off for a sampler whose
	 * node another sampler already alerts about
	 */
	public ServerClientsSampler(OutOfBandConnection connection, @Nullable String ownClientName, int warningThreshold,
			int criticalThreshold, double foreignClientsRatio, boolean showOtherClients, Duration timeout,
			@Nullable EventHistory history, Clock clock, @Nullable String node, boolean alerts) {
		if (warningThreshold > criticalThreshold) {
			throw new IllegalArgumentException("redis.monitor.warning-threshold (" + warningThreshold
					+ ") must not exceed redis.monitor.critical-threshold (" + criticalThreshold
					+ "); for example set warning-threshold=80 and critical-threshold=90");
		}
		this.connection = connection;
		this.ownClientName = ownClientName;
		this.warningThreshold = warningThreshold;
		this.criticalThreshold = criticalThreshold;
		this.foreignClientsRatio = foreignClientsRatio;
		this.showOtherClients = showOtherClients;
		this.timeout = timeout;
		this.history = history;
		this.clock = clock;
		this.node = node;
		this.alerts = alerts;
	}

	/**
	 * The most recent sample.
	 * @return the last sample, or {@code null} before the first
	 */
	public @Nullable ServerClients getLastSample() {
		return this.last;
	}

	/**
	 * Whether samples keep other applications' addresses, ages and last commands.
	 * @return {@code true} when {@code redis.monitor.show-other-clients} is on
	 */
	public boolean isShowingOtherClients() {
		return this.showOtherClients;
	}

	/**
	 * The most recent sample if it is younger than {@code maxAge}, otherwise a new one.
	 * Callers arriving while a sample is taken wait for it rather than sample again, so
	 * the server sees at most one sample per {@code maxAge} however many callers ask.
	 * @param maxAge the age up to which the last sample is served
	 * @param budget the deadline of a new sample
	 * @return the sample (never throws)
	 */
	public ServerClients getSample(Duration maxAge, Duration budget) {
		ServerClients current = this.last;
		if (isYoungerThan(current, maxAge)) {
			return current;
		}
		synchronized (this.refresh) {
			current = this.last;
			return isYoungerThan(current, maxAge) ? current : sampleNow(budget);
		}
	}

	private boolean isYoungerThan(@Nullable ServerClients sample, Duration maxAge) {
		return sample != null && this.clock.instant().isBefore(sample.sampledAt().plus(maxAge));
	}

	/**
	 * Sample now with the default deadline.
	 * @return the sample
	 */
	public ServerClients sampleNow() {
		return sampleNow(this.timeout);
	}

	/**
	 * Sample now.
	 * @param budget the deadline of the whole sample
	 * @return the sample (never throws)
	 */
	public ServerClients sampleNow(Duration budget) {
		long sequence = this.started.incrementAndGet();
		long deadline = System.nanoTime() + budget.toNanos();
		Map<String, String> unavailable = new LinkedHashMap<>();
		Properties info = new Properties();
		Map<String, String> config = Map.of();
		List<RedisClientInfo> clients = null;
		try {
			String raw = run(RedisAsyncCommands::info, deadline, "INFO", unavailable);
			if (raw != null) {
				info = Converters.toProperties(raw);
			}
			config = orEmpty(run((c) -> c.configGet("maxclients"), deadline, "CONFIG GET maxclients", unavailable));
			String list = run(RedisAsyncCommands::clientList, deadline, "CLIENT LIST", unavailable);
			if (list != null) {
				clients = new StringToRedisClientInfoConverter().convert(list.split("\\r?\\n"));
			}
		}
		catch (OutOfBandConnection.OutOfBandException ex) {
			unavailable.put("server", Redaction.describe(ex));
		}
		ServerClients sample = build(info, config, clients, unavailable);
		onSample(sample, sequence);
		return sample;
	}

	private <T> @Nullable T run(Function<RedisAsyncCommands<String, String>, RedisFuture<T>> command, long deadline,
			String name, Map<String, String> unavailable) {
		try {
			return this.connection.execute(command, Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
		}
		catch (RedisCommandExecutionException ex) {
			unavailable.put(name, "not permitted by the server (ACL or managed Redis): " + Redaction.describe(ex));
			return null;
		}
	}

	private static Map<String, String> orEmpty(@Nullable Map<String, String> map) {
		return (map != null) ? map : Map.of();
	}

	private ServerClients build(Properties info, Map<String, String> config, @Nullable List<RedisClientInfo> clients,
			Map<String, String> unavailable) {
		Long connected = asLong(info.getProperty("connected_clients"));
		Long maxClients = asLong(config.get("maxclients"));
		Double percent = (connected != null && maxClients != null && maxClients > 0)
				? Math.round(connected * 1000.0 / maxClients) / 10.0 : null;
		UtilizationLevel level = UtilizationLevel.of(percent, this.warningThreshold, this.criticalThreshold);
		List<ServerClients.ClientGroup> groups = new ArrayList<>();
		List<ServerClients.IdleClient> idle = new ArrayList<>();
		Integer own = null;
		Integer other = null;
		if (clients != null) {
			groups = group(clients);
			idle = clients.stream()
				.filter((c) -> this.showOtherClients || isOwn(nameOf(c)))
				.sorted(Comparator.comparingLong((RedisClientInfo c) -> orZero(c.getIdle())).reversed())
				.limit(TOP_IDLE)
				.map((c) -> new ServerClients.IdleClient(nameOf(c), isOwn(nameOf(c)),
						String.valueOf(c.getAddressPort()), orZero(c.getAge()), orZero(c.getIdle()),
						c.getLastCommand()))
				.toList();
			if (this.ownClientName != null) {
				own = groups.stream().filter(ServerClients.ClientGroup::own).mapToInt(ServerClients.ClientGroup::count)
					.sum();
				other = clients.size() - own;
			}
		}
		boolean dominant = own != null && other > this.foreignClientsRatio * Math.max(own, 1);
		return new ServerClients(this.clock.instant(), info.getProperty("redis_version"),
				info.getProperty("redis_mode"), connected, asLong(info.getProperty("blocked_clients")), maxClients,
				percent, level, asLong(info.getProperty("rejected_connections")), own, other, dominant, groups, idle,
				Map.copyOf(unavailable));
	}

	private List<ServerClients.ClientGroup> group(List<RedisClientInfo> clients) {
		Map<String, List<RedisClientInfo>> byName = new LinkedHashMap<>();
		for (RedisClientInfo client : clients) {
			byName.computeIfAbsent(nameOf(client), (name) -> new ArrayList<>()).add(client);
		}
		return byName.entrySet()
			.stream()
			.map((entry) -> group(entry.getKey(), entry.getValue()))
			.sorted(Comparator.comparingInt(ServerClients.ClientGroup::count).reversed())
			.toList();
	}

	private ServerClients.ClientGroup group(String name, List<RedisClientInfo> clients) {
		ServerClients.ClientGroup group = new ServerClients.ClientGroup(name, isOwn(name), clients.size(),
				clients.stream().mapToLong((c) -> orZero(c.getAge())).max().orElse(0),
				clients.stream().mapToLong((c) -> orZero(c.getIdle())).max().orElse(0),
				clients.stream()
					.map((c) -> String.valueOf(c.getAddressPort()))
					.limit(MAX_ADDRESSES_PER_GROUP)
					.toList());
		// another application's addresses never leave the sampler unless the user asked
		return (group.own() || this.showOtherClients) ? group : group.withoutDetails();
	}

	private boolean isOwn(String name) {
		return this.ownClientName != null && !this.ownClientName.isEmpty()
				&& (name.equals(this.ownClientName) || name.startsWith(this.ownClientName + ":"));
	}

	private static String nameOf(RedisClientInfo client) {
		String name = client.getName();
		return (name != null) ? name : "";
	}

	private static long orZero(@Nullable Long value) {
		return (value != null) ? value : 0;
	}

	private static @Nullable Long asLong(@Nullable String value) {
		if (value == null) {
			return null;
		}
		try {
			return Long.parseLong(value.trim());
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	private synchronized void onSample(ServerClients sample, long sequence) {
		// concurrent samples (schedule, health, endpoint): a late older one must not flap the level
		if (sequence < this.applied) {
			return;
		}
		this.applied = sequence;
		this.last = sample;
		if (!this.alerts) {
			return;
		}
		String on = (this.node != null) ? " on " + this.node : "";
		UtilizationLevel level = sample.level();
		if (level != UtilizationLevel.UNKNOWN && level != this.lastLevel) {
			String message = "Redis client utilization " + level + on + ": " + sample.connectedClients()
					+ " of maxclients " + sample.maxClients() + " (" + sample.utilizationPercent() + " %, warning at "
					+ this.warningThreshold + " %, critical at " + this.criticalThreshold + " %)";
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
				logger.warn("Other clients hold " + sample.otherConnections() + " Redis connections" + on
						+ ", this application " + sample.ownConnections()
						+ " (more than redis.monitor.foreign-clients-ratio=" + this.foreignClientsRatio
						+ " times); see /actuator/redis/clients");
			}
		}
	}

}
