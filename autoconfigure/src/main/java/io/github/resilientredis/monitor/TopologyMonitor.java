package io.github.resilientredis.monitor;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.github.resilientredis.diagnostics.Redaction;
import io.lettuce.core.RedisCommandExecutionException;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Samples every node of the topology, each with its own {@link NodeMonitor}: the
 * standalone server (a topology of one node); every master and replica
 * of a cluster; the sentinels' master and its replicas. Each node gets its own
 * monitoring connection, opened lazily and closed when the node leaves the topology or
 * the monitor closes; at most {@code maxNodes} nodes are monitored. Nodes are sampled in
 * parallel on a few daemon threads under one deadline, so an unreachable or hung node
 * costs at most that deadline and is reported unreachable with the reason.
 */
public class TopologyMonitor implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(TopologyMonitor.class);

	/** Nodes sampled at the same time. */
	static final int PARALLELISM = 4;

	private final TopologyType type;

	private final @Nullable TopologyDiscovery discovery;

	private final NodeMonitors nodeMonitors;

	private final int maxNodes;

	private final Clock clock;

	private final List<AutoCloseable> resources;

	private final Map<NodeAddress, NodeMonitor> nodes = new LinkedHashMap<>();

	private final Map<NodeAddress, CompletableFuture<NodeSnapshot>> inFlight = new LinkedHashMap<>();

	private final ThreadPoolExecutor executor;

	private final Object refresh = new Object();

	private volatile @Nullable TopologySnapshot last;

	private final List<Consumer<SlowCommand>> slowCommandListeners = new CopyOnWriteArrayList<>();

	private boolean overflowLogged;

	private boolean closed;

	private TopologyMonitor(TopologyType type, @Nullable TopologyDiscovery discovery, NodeMonitors nodeMonitors,
			int maxNodes, Clock clock, List<AutoCloseable> resources) {
		this.type = type;
		this.discovery = discovery;
		this.nodeMonitors = nodeMonitors;
		this.maxNodes = maxNodes;
		this.clock = clock;
		this.resources = List.copyOf(resources);
		this.executor = new ThreadPoolExecutor(PARALLELISM, PARALLELISM, 30, TimeUnit.SECONDS,
				new LinkedBlockingQueue<>(), new DefaultThreadFactory("redis-monitor-node", true));
		this.executor.allowCoreThreadTimeOut(true);
	}

	/**
	 * Monitor one standalone server.
	 * @param address where the server listens
	 * @param nodeMonitors creates the server's monitoring parts (the application's
	 * monitoring connection, which this monitor does not close)
	 * @param clock the clock
	 * @return the monitor
	 */
	public static TopologyMonitor standalone(NodeAddress address, NodeMonitors nodeMonitors, Clock clock) {
		TopologyMonitor monitor = new TopologyMonitor(TopologyType.STANDALONE, null, nodeMonitors, 1, clock,
				List.of());
		monitor.nodes.put(address, nodeMonitors.create(address, NodeRole.MASTER, monitor::publish));
		return monitor;
	}

	/**
	 * Monitor the nodes a discovery finds.
	 * @param type cluster or sentinel
	 * @param discovery finds the nodes
	 * @param nodeMonitors creates the parts of a newly found node
	 * @param maxNodes the most nodes monitored
	 * @param clock the clock
	 * @param resources closed after the nodes when the monitor closes (the discovery's
	 * connection, the client of the node connections)
	 * @return the monitor
	 */
	public static TopologyMonitor discovered(TopologyType type, TopologyDiscovery discovery,
			NodeMonitors nodeMonitors, int maxNodes, Clock clock, List<AutoCloseable> resources) {
		return new TopologyMonitor(type, discovery, nodeMonitors, maxNodes, clock, resources);
	}

	/**
	 * Be told of each new slow command at or above the threshold (once per slow-log
	 * entry).
	 * @param listener the listener
	 */
	public void addSlowCommandListener(Consumer<SlowCommand> listener) {
		this.slowCommandListeners.add(listener);
	}

	private void publish(SlowCommand command) {
		this.slowCommandListeners.forEach((listener) -> listener.accept(command));
	}

	public TopologyType getType() {
		return this.type;
	}

	/** The most recent sample, {@code null} before the first. */
	public @Nullable TopologySnapshot getLastSnapshot() {
		return this.last;
	}

	/**
	 * The most recent sample if it is younger than {@code maxAge}, otherwise a new one;
	 * concurrent callers share one sample.
	 * @param maxAge the age up to which the last sample is served
	 * @param budget the deadline of a new sample
	 * @return the sample (never throws)
	 */
	public TopologySnapshot getSnapshot(Duration maxAge, Duration budget) {
		TopologySnapshot current = this.last;
		if (isYoungerThan(current, maxAge)) {
			return current;
		}
		synchronized (this.refresh) {
			current = this.last;
			return isYoungerThan(current, maxAge) ? current : sampleNow(budget);
		}
	}

	private boolean isYoungerThan(@Nullable TopologySnapshot snapshot, Duration maxAge) {
		return snapshot != null && this.clock.instant().isBefore(snapshot.sampledAt().plus(maxAge));
	}

	/**
	 * Discover the nodes and sample each of them now.
	 * @param budget the deadline of the whole sample
	 * @return the sample (never throws)
	 */
	public TopologySnapshot sampleNow(Duration budget) {
		long deadline = System.nanoTime() + budget.toNanos();
		Instant at = this.clock.instant();
		String discoveryError = null;
		if (this.discovery != null) {
			try {
				// half the budget at most: the nodes still get sampled when discovery hangs
				reconcile(this.discovery.discover(budget.dividedBy(2)));
			}
			catch (OutOfBandConnection.OutOfBandException | RedisCommandExecutionException ex) {
				discoveryError = Redaction.describe(ex);
			}
		}
		// every sample is started before the first is awaited: the nodes are sampled in parallel
		Map<NodeMonitor, CompletableFuture<NodeSnapshot>> samples = new LinkedHashMap<>();
		nodes().forEach((node) -> samples.put(node, start(node, OutOfBandConnection.remaining(deadline))));
		List<NodeSnapshot> snapshots = samples.entrySet()
			.stream()
			.map((sample) -> await(sample.getKey(), sample.getValue(), deadline, budget, at))
			.toList();
		TopologySnapshot snapshot = new TopologySnapshot(at, this.type, snapshots, discoveryError,
				(this.discovery != null) ? this.discovery.failovers() : List.of());
		this.last = snapshot;
		return snapshot;
	}

	private synchronized List<NodeMonitor> nodes() {
		return List.copyOf(this.nodes.values());
	}

	// a node whose previous sample still runs (hung) is not sampled twice
	private synchronized CompletableFuture<NodeSnapshot> start(NodeMonitor node, Duration budget) {
		CompletableFuture<NodeSnapshot> running = this.inFlight.get(node.getAddress());
		if (running != null && !running.isDone()) {
			return running;
		}
		CompletableFuture<NodeSnapshot> sample = CompletableFuture.supplyAsync(() -> node.sample(budget),
				this.executor);
		this.inFlight.put(node.getAddress(), sample);
		return sample;
	}

	private NodeSnapshot await(NodeMonitor node, CompletableFuture<NodeSnapshot> sample, long deadline,
			Duration budget, Instant at) {
		try {
			return OutOfBandConnection.await(sample, deadline, "did not answer within " + budget.toMillis() + " ms",
					"");
		}
		catch (OutOfBandConnection.OutOfBandException ex) {
			return node.unanswered((ex.getCause() instanceof InterruptedException) ? "interrupted" : ex.getMessage(),
					at);
		}
	}

	private synchronized void reconcile(List<TopologyDiscovery.DiscoveredNode> found) {
		if (this.closed) {
			return;
		}
		Set<NodeAddress> present = new HashSet<>();
		for (TopologyDiscovery.DiscoveredNode discovered : found) {
			present.add(discovered.address());
			NodeMonitor node = this.nodes.get(discovered.address());
			if (node == null && this.nodes.size() < this.maxNodes) {
				node = this.nodeMonitors.create(discovered.address(), discovered.role(), this::publish);
				this.nodes.put(discovered.address(), node);
			}
			if (node != null) {
				node.update(discovered.role(), discovered.servesSlots());
			}
			else if (!this.overflowLogged) {
				this.overflowLogged = true;
				logger.warn("The Redis topology has more than redis.monitor.max-nodes=" + this.maxNodes
						+ " nodes; " + discovered.address() + " and further nodes are not monitored. "
						+ "Raise redis.monitor.max-nodes to monitor every node");
			}
		}
		this.nodes.entrySet().removeIf((entry) -> {
			if (present.contains(entry.getKey())) {
				return false;
			}
			entry.getValue().close();
			this.inFlight.remove(entry.getKey());
			return true;
		});
	}

	@Override
	public void close() {
		List<NodeMonitor> closing;
		synchronized (this) {
			if (this.closed) {
				return;
			}
			this.closed = true;
			closing = List.copyOf(this.nodes.values());
			this.nodes.clear();
		}
		this.executor.shutdownNow();
		closing.forEach(NodeMonitor::close);
		for (AutoCloseable resource : this.resources) {
			try {
				resource.close();
			}
			catch (Exception ex) {
				logger.debug("Closing a Redis monitoring resource failed: " + Redaction.describe(ex));
			}
		}
	}

	/** Creates the parts of a newly found node (its connection opened lazily) and its slow commands' listener. */
	@FunctionalInterface
	public interface NodeMonitors {

		NodeMonitor create(NodeAddress address, NodeRole role, Consumer<SlowCommand> slowCommands);

	}

}
