package io.github.resilientredis.resilience;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreaker.State;
import io.lettuce.core.cluster.models.partitions.Partitions;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import io.github.resilientredis.connection.ClusterTopology;

/**
 * Decides which circuit breaker guards a connection: the one breaker (named by
 * {@code redis.circuit-breaker.name}) for a standalone or Sentinel-managed Redis; in a Redis
 * Cluster, one breaker per master node, so that a dead master fails only the commands for
 * its own slots. A node breaker is named after the first slot the node served when it was
 * created ({@code redis-shard-0}, {@code redis-shard-5461}...; a node that later takes over
 * the same first slot, such as a promoted replica, gets {@code redis-shard-0-2}), never
 * after a host, so that meters tagged by breaker name stay bounded. A node keeps its
 * breaker, and the breaker its state, when the node loses its slots; nodes that never
 * served slots (replicas, connections made before the topology is known) share the one
 * breaker.
 * <p>
 * When the breaker of a node that still serves slots leaves the closed state, and then every
 * 200 ms until it is closed again, the router asks the client to reload
 * the topology, so that the slots of a failed master reach the replica promoted in its place
 * within that time rather than at the next periodic refresh. Nothing runs while every
 * breaker is closed.
 */
public final class BreakerRouter implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(BreakerRouter.class);

	/** Most node breakers one client creates; beyond, nodes share the one breaker. */
	static final int MAXIMUM_NODE_BREAKERS = 64;

	static final Duration REFRESH = Duration.ofMillis(200);

	private final GuardedBreaker base;

	private final @Nullable Function<String, CircuitBreaker> nodeBreakers;

	private final UnavailabilityTracker tracker;

	private final Clock clock;

	/** Node breakers by node id, in creation order. */
	private final Map<String, GuardedBreaker> byNodeId = new LinkedHashMap<>();

	private final Set<String> names = new HashSet<>();

	private final List<Consumer<CircuitBreaker>> nodeBreakerListeners = new CopyOnWriteArrayList<>();

	private volatile @Nullable ClusterTopology topology;

	private final TriggeredTask refreshes = new TriggeredTask("redis-cluster-topology",
			this::refreshWhileServingNodeIsDown);

	private boolean capWarned;

	/**
	 * Create a router.
	 * @param base the one breaker
	 * @param nodeBreakers creates a breaker of the given name with the same configuration
	 * as the one breaker (from the application's registry when it has one), or {@code null}
	 * to guard every cluster node with the one breaker
	 * @param tracker records unavailability failures
	 * @param clock the clock
	 */
	BreakerRouter(CircuitBreaker base, @Nullable Function<String, CircuitBreaker> nodeBreakers,
			UnavailabilityTracker tracker, Clock clock) {
		this.base = new GuardedBreaker(base, null, tracker, clock);
		this.nodeBreakers = nodeBreakers;
		this.tracker = tracker;
		this.clock = clock;
		this.names.add(base.getName());
	}

	GuardedBreaker base() {
		return this.base;
	}

	void clusterTopology(ClusterTopology topology) {
		this.topology = topology;
	}

	/**
	 * The breaker guarding the connection to a node.
	 * @param address the address the connection connects to
	 * @return the node's breaker, or the one breaker
	 */
	GuardedBreaker forAddress(SocketAddress address) {
		ClusterTopology current = this.topology;
		if (current == null || this.nodeBreakers == null || !(address instanceof InetSocketAddress inet)) {
			return this.base;
		}
		Partitions partitions = current.partitions().get();
		RedisClusterNode node = (partitions != null) ? find(partitions, inet) : null;
		if (node == null) {
			return this.base;
		}
		synchronized (this) {
			GuardedBreaker known = this.byNodeId.get(node.getNodeId());
			if (known != null) {
				return known;
			}
			if (node.hasNoSlots()) {
				return this.base;
			}
			if (this.byNodeId.size() >= MAXIMUM_NODE_BREAKERS) {
				if (!this.capWarned) {
					this.capWarned = true;
					logger.warn("More than " + MAXIMUM_NODE_BREAKERS + " Redis Cluster masters seen: further nodes share "
							+ "the circuit breaker '" + this.base.breaker().getName() + "'");
				}
				return this.base;
			}
			String name = uniqueName(this.base.breaker().getName() + "-shard-" + node.getSlots().get(0));
			this.names.add(name);
			GuardedBreaker created = new GuardedBreaker(this.nodeBreakers.apply(name), hostAndPort(inet),
					this.tracker, this.clock);
			created.breaker().getEventPublisher().onStateTransition((event) -> {
				if (event.getStateTransition().getToState() != State.CLOSED) {
					scheduleRefresh(Duration.ZERO);
				}
			});
			this.byNodeId.put(node.getNodeId(), created);
			this.nodeBreakerListeners.forEach((listener) -> listener.accept(created.breaker()));
			return created;
		}
	}

	private String uniqueName(String name) {
		String unique = name;
		for (int generation = 2; this.names.contains(unique); generation++) {
			unique = name + "-" + generation;
		}
		return unique;
	}

	private static @Nullable RedisClusterNode find(Partitions partitions, InetSocketAddress address) {
		RedisClusterNode node = partitions.getPartition(address.getHostString(), address.getPort());
		if (node == null && address.getAddress() != null) {
			node = partitions.getPartition(address.getAddress().getHostAddress(), address.getPort());
		}
		return node;
	}

	private static String hostAndPort(InetSocketAddress address) {
		return address.getHostString() + ":" + address.getPort();
	}

	/**
	 * Apply an action to every node breaker, those created so far and those created later
	 * (for example to bind their meters when they are not in the application's registry).
	 * @param action the action
	 */
	public synchronized void forEachNodeBreaker(Consumer<CircuitBreaker> action) {
		this.byNodeId.values().forEach((breaker) -> action.accept(breaker.breaker()));
		this.nodeBreakerListeners.add(action);
	}

	/**
	 * The state of the one breaker and every node breaker, with the slots each node serves
	 * in the client's current topology.
	 * @return the snapshots, the one breaker first
	 */
	public List<BreakerSnapshot> snapshots() {
		Map<String, GuardedBreaker> nodes;
		synchronized (this) {
			nodes = new LinkedHashMap<>(this.byNodeId);
		}
		ClusterTopology current = this.topology;
		Partitions partitions = (current != null && !nodes.isEmpty()) ? current.partitions().get() : null;
		List<BreakerSnapshot> snapshots = new ArrayList<>();
		snapshots.add(snapshot(this.base, List.of()));
		nodes.forEach((nodeId, breaker) -> {
			RedisClusterNode node = (partitions != null) ? partitions.getPartitionByNodeId(nodeId) : null;
			snapshots.add(snapshot(breaker, (node != null) ? ranges(node.getSlots()) : List.of()));
		});
		return snapshots;
	}

	private static BreakerSnapshot snapshot(GuardedBreaker guarded, List<BreakerSnapshot.SlotRange> slots) {
		CircuitBreaker breaker = guarded.breaker();
		return new BreakerSnapshot(breaker.getName(), guarded.node(), slots, breaker.getState().name(),
				breaker.getMetrics().getFailureRate());
	}

	private static List<BreakerSnapshot.SlotRange> ranges(List<Integer> slots) {
		List<BreakerSnapshot.SlotRange> ranges = new ArrayList<>();
		int from = -1;
		int previous = -2;
		for (int slot : slots) {
			if (slot != previous + 1) {
				if (from >= 0) {
					ranges.add(new BreakerSnapshot.SlotRange(from, previous));
				}
				from = slot;
			}
			previous = slot;
		}
		if (from >= 0) {
			ranges.add(new BreakerSnapshot.SlotRange(from, previous));
		}
		return ranges;
	}

	private void scheduleRefresh(Duration delay) {
		if (this.topology != null) {
			this.refreshes.trigger(delay);
		}
	}

	/** Reload the topology, and again later, while a node that serves slots has a breaker not closed. */
	void refreshWhileServingNodeIsDown() {
		ClusterTopology current = this.topology;
		if (current == null || !servingNode((breaker) -> breaker.getState() != State.CLOSED)) {
			return;
		}
		try {
			current.refresh().run();
		}
		catch (RuntimeException ex) {
			logger.debug("Redis Cluster topology refresh failed", ex);
		}
		scheduleRefresh(REFRESH);
	}

	boolean refreshPending() {
		return this.refreshes.isPending();
	}

	/**
	 * Whether no cluster master that serves slots has its breaker open: recovery of the
	 * cache fallback may then reach every slot. Always {@code true} outside a cluster.
	 * @return {@code true} when every slot's master may be tried
	 */
	public boolean servingNodesAvailable() {
		return !servingNode((breaker) -> GuardedBreaker.isOpen(breaker.getState()));
	}

	/** Whether a node that serves slots in the current topology has a breaker in that state. */
	private boolean servingNode(Predicate<CircuitBreaker> state) {
		ClusterTopology current = this.topology;
		Partitions partitions = (current != null) ? current.partitions().get() : null;
		if (partitions == null) {
			return false;
		}
		synchronized (this) {
			for (Map.Entry<String, GuardedBreaker> entry : this.byNodeId.entrySet()) {
				RedisClusterNode node = partitions.getPartitionByNodeId(entry.getKey());
				if (node != null && !node.hasNoSlots() && state.test(entry.getValue().breaker())) {
					return true;
				}
			}
		}
		return false;
	}

	@Override
	public void close() {
		this.refreshes.close();
	}

}
