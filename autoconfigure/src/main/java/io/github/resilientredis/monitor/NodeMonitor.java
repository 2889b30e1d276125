package io.github.resilientredis.monitor;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * The monitoring parts of one node: its own out-of-band connection, its clients sampler
 * (utilization against its own {@code maxclients}) and its slow-log sampler.
 */
public class NodeMonitor implements AutoCloseable {

	private final NodeAddress address;

	private final OutOfBandConnection connection;

	private final ServerClientsSampler sampler;

	private final SlowLogSampler slowLog;

	private final boolean ownsConnection;

	private volatile NodeRole role;

	private volatile boolean servesSlots;

	private volatile @Nullable NodeSnapshot last;

	/**
	 * Create the parts of one node.
	 * @param address where the node listens
	 * @param role its role
	 * @param servesSlots whether it serves data the application needs now
	 * @param connection its monitoring connection
	 * @param sampler its clients sampler, on {@code connection}
	 * @param slowLog its slow-log sampler
	 * @param ownsConnection whether {@link #close()} closes the connection
	 */
	public NodeMonitor(NodeAddress address, NodeRole role, boolean servesSlots, OutOfBandConnection connection,
			ServerClientsSampler sampler, SlowLogSampler slowLog, boolean ownsConnection) {
		this.address = address;
		this.role = role;
		this.servesSlots = servesSlots;
		this.connection = connection;
		this.sampler = sampler;
		this.slowLog = slowLog;
		this.ownsConnection = ownsConnection;
	}

	public NodeAddress getAddress() {
		return this.address;
	}

	public ServerClientsSampler getSampler() {
		return this.sampler;
	}

	void update(NodeRole role, boolean servesSlots) {
		this.role = role;
		this.servesSlots = servesSlots;
	}

	/**
	 * The last sample of this node.
	 * @return the last sample, {@code null} before the first
	 */
	public @Nullable NodeSnapshot getLast() {
		return this.last;
	}

	/**
	 * Sample the node's clients and slow log now.
	 * @param budget the deadline of both
	 * @return the sample (never throws)
	 */
	public synchronized NodeSnapshot sample(Duration budget) {
		long deadline = System.nanoTime() + budget.toNanos();
		ServerClients clients = this.sampler.sampleNow(budget);
		NodeSnapshot snapshot;
		if (!clients.reachable()) {
			snapshot = new NodeSnapshot(this.address, this.role, this.servesSlots, clients.unavailable().get("server"),
					clients, this.slowLog.getLast());
		}
		else {
			SlowCommands slowCommands = this.slowLog.sample(this.connection,
					Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
			snapshot = new NodeSnapshot(this.address, this.role, this.servesSlots, null, clients, slowCommands);
		}
		this.last = snapshot;
		return snapshot;
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

	@Override
	public void close() {
		if (this.ownsConnection) {
			this.connection.close();
		}
	}

}
