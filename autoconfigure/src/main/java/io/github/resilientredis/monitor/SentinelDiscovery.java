package io.github.resilientredis.monitor;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.ListOfMapsOutput;
import io.lettuce.core.output.ValueListOutput;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Finds the master the sentinels name now ({@code SENTINEL GET-MASTER-ADDR-BY-NAME}) and
 * its replicas ({@code SENTINEL REPLICAS}), asking over a monitoring connection to a
 * sentinel, and records each change of the master address as a {@link Failover}
 * (bounded, oldest dropped first).
 */
public class SentinelDiscovery implements TopologyDiscovery {

	private static final Log logger = LogFactory.getLog(SentinelDiscovery.class);

	/** Failovers kept. */
	static final int MAX_FAILOVERS = 20;

	private final OutOfBandConnection sentinel;

	private final String masterName;

	private final @Nullable EventHistory history;

	private final Clock clock;

	private final Deque<Failover> failovers = new ArrayDeque<>();

	private @Nullable NodeAddress master;

	/**
	 * Create the discovery.
	 * @param sentinel a monitoring connection to any reachable sentinel
	 * @param masterName the monitored master's name
	 * @param history where failovers are recorded, or {@code null}
	 * @param clock the clock
	 */
	public SentinelDiscovery(OutOfBandConnection sentinel, String masterName, @Nullable EventHistory history,
			Clock clock) {
		this.sentinel = sentinel;
		this.masterName = masterName;
		this.history = history;
		this.clock = clock;
	}

	@Override
	public List<DiscoveredNode> discover(Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		List<String> address = this.sentinel.execute((commands) -> commands.dispatch(CommandType.SENTINEL,
				new ValueListOutput<>(StringCodec.UTF8),
				new CommandArgs<>(StringCodec.UTF8).add("get-master-addr-by-name").add(this.masterName)), timeout);
		if (address == null || address.size() < 2 || address.get(0) == null) {
			throw new OutOfBandConnection.OutOfBandException(
					"The sentinels do not know the master '" + this.masterName + "'; check redis.sentinel.master",
					null);
		}
		NodeAddress current = new NodeAddress(address.get(0), Integer.parseInt(address.get(1)));
		observe(current);
		List<DiscoveredNode> nodes = new ArrayList<>();
		nodes.add(new DiscoveredNode(current, NodeRole.MASTER, true));
		List<Map<String, String>> replicas = this.sentinel.execute((commands) -> commands.dispatch(
				CommandType.SENTINEL, new ListOfMapsOutput<>(StringCodec.UTF8),
				new CommandArgs<>(StringCodec.UTF8).add("replicas").add(this.masterName)),
				OutOfBandConnection.remaining(deadline));
		for (Map<String, String> replica : (replicas != null) ? replicas : List.<Map<String, String>>of()) {
			String ip = replica.get("ip");
			String port = replica.get("port");
			if (ip != null && port != null) {
				nodes.add(new DiscoveredNode(new NodeAddress(ip, Integer.parseInt(port)), NodeRole.REPLICA, true));
			}
		}
		return nodes;
	}

	private synchronized void observe(NodeAddress current) {
		NodeAddress previous = this.master;
		this.master = current;
		if (previous == null || previous.equals(current)) {
			return;
		}
		this.failovers.addLast(new Failover(this.clock.instant(), previous, current));
		while (this.failovers.size() > MAX_FAILOVERS) {
			this.failovers.removeFirst();
		}
		String message = "Redis Sentinel master '" + this.masterName + "' moved from " + previous + " to " + current;
		logger.warn(message);
		if (this.history != null) {
			this.history.record(RedisEvent.Type.FAILOVER, message);
		}
	}

	@Override
	public synchronized List<Failover> failovers() {
		return List.copyOf(this.failovers);
	}

}
