package io.github.resilientredis.test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import io.lettuce.core.Range;
import io.lettuce.core.api.sync.RedisCommands;

/**
 * A three-master Redis Cluster for integration tests: three {@link RedisServer}s started
 * with {@code --cluster-enabled yes}, slots 0-5460, 5461-10921 and 10922-16383 assigned
 * through the admin connections, started only once every node reports
 * {@code cluster_state:ok}. {@link #startWithReplicas()} adds one replica per master
 * ({@code CLUSTER REPLICATE}), so that a killed master can be replaced by its replica.
 * <p>
 * Each node is an ordinary {@link RedisServer}, so it can be killed, paused and restarted on
 * its own; its {@code nodes.conf} lives in the node's own temporary directory, so a
 * restarted node keeps its identity and its slots. Needs a local {@code redis-server}: a
 * cluster in Docker would announce the container's ports.
 *
 * <pre class="code">
 * try (RedisClusterFixture cluster = RedisClusterFixture.start()) {
 *     cluster.nodes();          // ["127.0.0.1:p1", "127.0.0.1:p2", "127.0.0.1:p3"]
 *     cluster.nodeForKey("k").kill();
 * }
 * </pre>
 */
public final class RedisClusterFixture implements AutoCloseable {

	/**
	 * Number of master nodes.
	 */
	public static final int SIZE = 3;

	private static final int SLOTS = 16384;

	private static final Duration READY_TIMEOUT = Duration.ofSeconds(20);

	private final List<RedisServer> servers;

	private final List<RedisServer> replicas;

	private RedisClusterFixture(List<RedisServer> servers, List<RedisServer> replicas) {
		this.servers = servers;
		this.replicas = replicas;
	}

	/**
	 * Start the nodes, assign the slots, let them meet and wait until the cluster is ok.
	 * @return the running cluster
	 * @throws IllegalStateException when a node cannot start or the cluster does not get
	 * ready within 20 s
	 */
	public static RedisClusterFixture start() {
		return start(0);
	}

	/**
	 * Start three masters and one replica per master (six nodes), and wait until the
	 * cluster is ok and every replica is in sync with its master.
	 * @return the running cluster
	 * @throws IllegalStateException when a node cannot start or the cluster does not get
	 * ready within 20 s
	 */
	public static RedisClusterFixture startWithReplicas() {
		return start(SIZE);
	}

	private static RedisClusterFixture start(int replicaCount) {
		if (ProcessBackend.findBinary().isEmpty()) {
			throw new IllegalStateException("RedisClusterFixture needs a local redis-server: install it "
					+ "(e.g. 'apt-get install redis-server' or 'brew install redis')");
		}
		List<RedisServer> servers = new ArrayList<>();
		List<RedisServer> replicas = new ArrayList<>();
		try {
			for (int i = 0; i < SIZE; i++) {
				servers.add(startNode());
			}
			for (int i = 0; i < replicaCount; i++) {
				replicas.add(startNode());
			}
			RedisClusterFixture cluster = new RedisClusterFixture(List.copyOf(servers), List.copyOf(replicas));
			cluster.create();
			return cluster;
		}
		catch (RuntimeException ex) {
			servers.forEach(RedisServer::close);
			replicas.forEach(RedisServer::close);
			throw ex;
		}
	}

	private static RedisServer startNode() {
		// replica-validity-factor 0: a replica may always take over, however long it was cut off
		return RedisServer.builder()
			.arg("--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf", "--cluster-node-timeout", "2000",
					"--cluster-replica-validity-factor", "0")
			.start();
	}

	@SuppressWarnings("unchecked") // generic varargs of clusterAddSlotsRange
	private void create() {
		for (int i = 0; i < SIZE; i++) {
			RedisCommands<String, String> admin = this.servers.get(i).admin();
			// distinct epochs up front spare the nodes the epoch collision dance
			admin.clusterSetConfigEpoch(i + 1);
			admin.clusterAddSlotsRange(Range.create(firstSlot(i), lastSlot(i)));
		}
		RedisServer first = this.servers.get(0);
		for (RedisServer other : this.servers.subList(1, SIZE)) {
			first.admin().clusterMeet(other.host(), other.port());
		}
		for (RedisServer replica : this.replicas) {
			first.admin().clusterMeet(replica.host(), replica.port());
		}
		for (int i = 0; i < this.replicas.size(); i++) {
			String masterId = this.servers.get(i).admin().clusterMyId();
			RedisServer replica = this.replicas.get(i);
			// the replica must know the master before it can follow it
			awaitCondition(() -> replica.admin().clusterNodes().contains(masterId), "replica knows its master");
			replica.admin().clusterReplicate(masterId);
		}
		awaitOk();
	}

	private static void awaitCondition(BooleanSupplier condition, String what) {
		long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
		while (System.nanoTime() < deadline) {
			try {
				if (condition.getAsBoolean()) {
					return;
				}
			}
			catch (RuntimeException ex) {
				// not yet
			}
			LocalProcesses.pause(50, "Redis Cluster");
		}
		throw new IllegalStateException("Redis Cluster: not within " + READY_TIMEOUT.toSeconds() + " s: " + what);
	}

	private static int firstSlot(int node) {
		return node * SLOTS / SIZE;
	}

	private static int lastSlot(int node) {
		return firstSlot(node + 1) - 1;
	}

	/**
	 * The seed nodes for {@code redis.cluster.nodes}.
	 * @return one {@code "127.0.0.1:PORT"} per node
	 */
	public List<String> nodes() {
		return this.servers.stream().map((server) -> server.host() + ":" + server.port()).toList();
	}

	/**
	 * The masters as started, in slot order (node 0 serves the lowest slots); after a
	 * failover that {@link #restore()} did not undo, a replica may serve a master's slots.
	 * @return the servers
	 */
	public List<RedisServer> servers() {
		return this.servers;
	}

	/**
	 * The replicas, one per master in the order of {@link #servers()}; empty unless started
	 * with {@link #startWithReplicas()}.
	 * @return the replicas
	 */
	public List<RedisServer> replicas() {
		return this.replicas;
	}

	/**
	 * Every node, masters then replicas.
	 * @return the nodes
	 */
	public List<RedisServer> allNodes() {
		List<RedisServer> all = new ArrayList<>(this.servers);
		all.addAll(this.replicas);
		return all;
	}

	/**
	 * Whether a node serves as master now, by its own {@code ROLE}.
	 * @param node a running node
	 * @return {@code true} for a master
	 */
	public static boolean isMaster(RedisServer node) {
		return node.admin().info("replication").contains("role:master");
	}

	/**
	 * The node serving a slot, as assigned at start (no resharding happens).
	 * @param slot the hash slot, 0 to 16383
	 * @return the node
	 */
	public RedisServer nodeForSlot(int slot) {
		for (int i = 0; i < SIZE; i++) {
			if (slot >= firstSlot(i) && slot <= lastSlot(i)) {
				return this.servers.get(i);
			}
		}
		throw new IllegalArgumentException("No such slot: " + slot);
	}

	/**
	 * The node serving a key, asking a running node for the key's slot
	 * ({@code CLUSTER KEYSLOT}).
	 * @param key the key
	 * @return the node
	 */
	public RedisServer nodeForKey(String key) {
		return nodeForSlot(slot(key));
	}

	/**
	 * The hash slot of a key ({@code CLUSTER KEYSLOT} on a running node).
	 * @param key the key
	 * @return the slot
	 */
	public int slot(String key) {
		RedisServer running = this.servers.stream()
			.filter((server) -> server.isRunning() && !server.isPaused())
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("No cluster node is running"));
		return running.admin().clusterKeyslot(key).intValue();
	}

	/**
	 * Restart every node that is down, resume every paused one, and wait until all nodes
	 * report {@code cluster_state:ok} again; for use between tests.
	 */
	public void restore() {
		for (RedisServer server : allNodes()) {
			if (server.isPaused()) {
				server.resume();
			}
			else if (!server.isRunning()) {
				server.restart();
			}
		}
		awaitOk();
		// a failover the test caused is undone: each master as started serves its slots again
		for (int i = 0; i < this.replicas.size(); i++) {
			RedisServer master = this.servers.get(i);
			if (!isMaster(master)) {
				awaitCondition(() -> master.admin().info("replication").contains("master_link_status:up"),
						"the former master " + master.port() + " is in sync with the promoted replica");
				master.admin().clusterFailover(false);
				awaitCondition(() -> isMaster(master), "the former master " + master.port() + " took over again");
			}
		}
		awaitOk();
	}

	/**
	 * Wait until every node reports {@code cluster_state:ok} with all slots assigned and
	 * all nodes known.
	 * @throws IllegalStateException when it does not within 20 s
	 */
	public void awaitOk() {
		long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
		String last = "";
		while (System.nanoTime() < deadline) {
			try {
				last = "";
				for (RedisServer server : allNodes()) {
					String problem = problem(server);
					if (problem != null) {
						last = server.port() + ": " + problem;
						break;
					}
				}
				if (last.isEmpty()) {
					return;
				}
			}
			catch (RuntimeException ex) {
				last = ex.toString();
			}
			LocalProcesses.pause(100, "Redis Cluster");
		}
		throw new IllegalStateException(
				"Redis Cluster " + nodes() + " not ok within " + READY_TIMEOUT.toSeconds() + " s: " + last);
	}

	/** What keeps a node from being ok, or {@code null}. */
	private String problem(RedisServer server) {
		String info = server.admin().clusterInfo();
		if (!info.contains("cluster_state:ok") || !info.contains("cluster_slots_ok:" + SLOTS)
				|| !info.contains("cluster_known_nodes:" + (SIZE + this.replicas.size()))) {
			return info;
		}
		if (this.replicas.isEmpty()) {
			return null;
		}
		String nodes = server.admin().clusterNodes();
		if (nodes.contains(",fail") || nodes.contains(" fail")) {
			return nodes;
		}
		String replication = server.admin().info("replication");
		if (!replication.contains("role:master") && !replication.contains("master_link_status:up")) {
			return replication;
		}
		return null;
	}

	/**
	 * Kill every node and delete their temporary directories.
	 */
	@Override
	public void close() {
		RuntimeException failure = null;
		for (RedisServer server : allNodes()) {
			try {
				server.close();
			}
			catch (RuntimeException ex) {
				failure = ex;
			}
		}
		if (failure != null) {
			throw failure;
		}
	}

	@Override
	public String toString() {
		return "RedisClusterFixture" + nodes();
	}

}
