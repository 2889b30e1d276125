package io.github.resilientredis.test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.lettuce.core.Range;
import io.lettuce.core.api.sync.RedisCommands;

/**
 * A three-master Redis Cluster without replicas for integration tests: three
 * {@link RedisServer}s started with {@code --cluster-enabled yes}, slots 0-5460, 5461-10921
 * and 10922-16383 assigned through the admin connections, started only once every node
 * reports {@code cluster_state:ok}.
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

	private RedisClusterFixture(List<RedisServer> servers) {
		this.servers = servers;
	}

	/**
	 * Start the nodes, assign the slots, let them meet and wait until the cluster is ok.
	 * @return the running cluster
	 * @throws IllegalStateException when a node cannot start or the cluster does not get
	 * ready within 20 s
	 */
	public static RedisClusterFixture start() {
		if (ProcessBackend.findBinary().isEmpty()) {
			throw new IllegalStateException("RedisClusterFixture needs a local redis-server: install it "
					+ "(e.g. 'apt-get install redis-server' or 'brew install redis')");
		}
		List<RedisServer> servers = new ArrayList<>();
		try {
			for (int i = 0; i < SIZE; i++) {
				servers.add(RedisServer.builder()
					.arg("--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf", "--cluster-node-timeout",
							"2000")
					.start());
			}
			RedisClusterFixture cluster = new RedisClusterFixture(List.copyOf(servers));
			cluster.create();
			return cluster;
		}
		catch (RuntimeException ex) {
			servers.forEach(RedisServer::close);
			throw ex;
		}
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
		awaitOk();
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
	 * The nodes as servers, in slot order (node 0 serves the lowest slots).
	 * @return the servers
	 */
	public List<RedisServer> servers() {
		return this.servers;
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
		for (RedisServer server : this.servers) {
			if (server.isPaused()) {
				server.resume();
			}
			else if (!server.isRunning()) {
				server.restart();
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
				if (this.servers.stream().allMatch(this::isOk)) {
					return;
				}
				last = this.servers.get(0).admin().clusterInfo();
			}
			catch (RuntimeException ex) {
				last = ex.toString();
			}
			LocalProcesses.pause(100, "Redis Cluster");
		}
		throw new IllegalStateException(
				"Redis Cluster " + nodes() + " not ok within " + READY_TIMEOUT.toSeconds() + " s: " + last);
	}

	private boolean isOk(RedisServer server) {
		String info = server.admin().clusterInfo();
		return info.contains("cluster_state:ok") && info.contains("cluster_slots_ok:" + SLOTS)
				&& info.contains("cluster_known_nodes:" + SIZE);
	}

	/**
	 * Kill every node and delete their temporary directories.
	 */
	@Override
	public void close() {
		RuntimeException failure = null;
		for (RedisServer server : this.servers) {
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
