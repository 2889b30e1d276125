package io.github.resilientredis.test;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.sentinel.api.StatefulRedisSentinelConnection;
import io.lettuce.core.sentinel.api.sync.RedisSentinelCommands;

/**
 * A Redis Sentinel setup for integration tests: a master {@link RedisServer}, one replica
 * ({@code --replicaof}) and one sentinel monitoring the master as {@value #MASTER_NAME} with
 * quorum 1, {@code down-after-milliseconds 1000} and {@code failover-timeout 3000}, all on
 * free loopback ports. {@link #start()} returns once the sentinel knows the master and the
 * replica, so killing the master leads to a failover within a few seconds.
 *
 * <pre class="code">
 * try (RedisSentinelFixture sentinel = RedisSentinelFixture.start()) {
 *     sentinel.master().kill();
 *     sentinel.awaitFailover();   // the replica is the master now
 * }
 * </pre>
 */
public final class RedisSentinelFixture implements AutoCloseable {

	/**
	 * Name of the monitored master.
	 */
	public static final String MASTER_NAME = "mymaster";

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private final RedisServer master;

	private final RedisServer replica;

	private final SentinelProcess sentinel;

	private final ClientResources resources = DefaultClientResources.builder()
		.ioThreadPoolSize(1)
		.computationThreadPoolSize(1)
		.build();

	private final RedisClient client = RedisClient.create(this.resources);

	private StatefulRedisSentinelConnection<String, String> connection;

	private final String sentinelPassword;

	private RedisSentinelFixture(RedisServer master, RedisServer replica, SentinelProcess sentinel,
			String sentinelPassword) {
		this.sentinelPassword = sentinelPassword;
		this.master = master;
		this.replica = replica;
		this.sentinel = sentinel;
		this.client.setOptions(ClientOptions.builder()
			.autoReconnect(false)
			.socketOptions(SocketOptions.builder().connectTimeout(AdminConnection.TIMEOUT).build())
			.timeoutOptions(TimeoutOptions.enabled(AdminConnection.TIMEOUT))
			.build());
	}

	/**
	 * Start master, replica (waiting until it is in sync) and sentinel, and wait until the
	 * sentinel knows the master and the replica.
	 * @return the running setup
	 * @throws IllegalStateException when a process cannot start or the sentinel does not
	 * discover the replica within 20 s
	 */
	public static RedisSentinelFixture start() {
		return start(null, null);
	}

	/**
	 * Like {@link #start()}, with passwords: the master and the replica require
	 * {@code dataPassword} (and the replica authenticates to the master with it), the
	 * sentinel requires {@code sentinelPassword} and uses {@code dataPassword}
	 * ({@code sentinel auth-pass}) to monitor the master.
	 * @param dataPassword the password of master and replica, or {@code null}
	 * @param sentinelPassword the password of the sentinel, or {@code null}
	 * @return the running setup
	 */
	public static RedisSentinelFixture start(String dataPassword, String sentinelPassword) {
		Path binary = ProcessBackend.findBinary()
			.orElseThrow(() -> new IllegalStateException("RedisSentinelFixture needs a local redis-server: "
					+ "install it (e.g. 'apt-get install redis-server' or 'brew install redis')"));
		RedisServer master = dataNode(dataPassword).start();
		RedisServer replica = null;
		SentinelProcess sentinel = null;
		try {
			replica = dataNode(dataPassword).arg("--replicaof", master.host(), Integer.toString(master.port()))
				.start();
			awaitReplicaInSync(replica);
			// the sentinel's first INFO to the master then lists the replica already
			sentinel = SentinelProcess.start(binary, sentinelLines(master, dataPassword, sentinelPassword));
			RedisSentinelFixture fixture = new RedisSentinelFixture(master, replica, sentinel, sentinelPassword);
			fixture.awaitReplicaKnown();
			return fixture;
		}
		catch (RuntimeException ex) {
			if (sentinel != null) {
				sentinel.close();
			}
			if (replica != null) {
				replica.close();
			}
			master.close();
			throw ex;
		}
	}

	private static RedisServer.Builder dataNode(String password) {
		RedisServer.Builder builder = RedisServer.builder().arg("--repl-diskless-sync-delay", "0");
		if (password != null) {
			// masterauth on both: after a failover the old master follows the new one
			builder.requirePass(password).arg("--masterauth", password);
		}
		return builder;
	}

	private static List<String> sentinelLines(RedisServer master, String dataPassword, String sentinelPassword) {
		List<String> lines = new ArrayList<>(
				List.of("sentinel monitor " + MASTER_NAME + " " + master.host() + " " + master.port() + " 1",
						"sentinel down-after-milliseconds " + MASTER_NAME + " 1000",
						"sentinel failover-timeout " + MASTER_NAME + " 3000"));
		if (dataPassword != null) {
			lines.add("sentinel auth-pass " + MASTER_NAME + " " + dataPassword);
		}
		if (sentinelPassword != null) {
			lines.add("requirepass " + sentinelPassword);
		}
		return lines;
	}

	private static void awaitReplicaInSync(RedisServer replica) {
		await("replica " + replica.port() + " in sync with its master",
				() -> replica.admin().info("replication").contains("master_link_status:up"),
				() -> "Replica INFO replication:\n" + replica.admin().info("replication"));
	}

	private void awaitReplicaKnown() {
		await("sentinel knowing master " + this.master.port() + " and replica " + this.replica.port(), () -> {
			List<Map<String, String>> replicas = sentinel().replicas(MASTER_NAME);
			return replicas.size() == 1 && String.valueOf(this.replica.port()).equals(replicas.get(0).get("port"))
					&& "slave".equals(replicas.get(0).get("flags"));
		}, () -> "Sentinel log:\n" + this.sentinel.log());
	}

	/**
	 * The sentinels for {@code redis.sentinel.nodes}.
	 * @return {@code ["127.0.0.1:PORT"]}
	 */
	public List<String> sentinelNodes() {
		return List.of(SentinelProcess.HOST + ":" + this.sentinel.port());
	}

	/**
	 * The name of the monitored master for {@code redis.sentinel.master}.
	 * @return {@value #MASTER_NAME}
	 */
	public String masterName() {
		return MASTER_NAME;
	}

	/**
	 * The server that was the master at start.
	 * @return the initial master
	 */
	public RedisServer master() {
		return this.master;
	}

	/**
	 * The server that was the replica at start (the master after a failover).
	 * @return the initial replica
	 */
	public RedisServer replica() {
		return this.replica;
	}

	/**
	 * The port of the master as the sentinel reports it now
	 * ({@code SENTINEL GET-MASTER-ADDR-BY-NAME}).
	 * @return the master's port
	 */
	public int currentMasterPort() {
		return ((InetSocketAddress) sentinel().getMasterAddrByName(MASTER_NAME)).getPort();
	}

	/**
	 * Wait until the sentinel has promoted the replica (after the master was killed) and the
	 * replica has taken the role.
	 * @throws IllegalStateException when that does not happen within 20 s (the message
	 * holds the sentinel log)
	 */
	public void awaitFailover() {
		await("failover to replica " + this.replica.port(), () -> currentMasterPort() == this.replica.port()
				&& this.replica.admin().info("replication").contains("role:master"), () -> "Sentinel log:\n" + this.sentinel.log());
	}

	private synchronized RedisSentinelCommands<String, String> sentinel() {
		if (this.connection == null || !this.connection.isOpen()) {
			RedisURI.Builder uri = RedisURI.Builder.redis(SentinelProcess.HOST, this.sentinel.port())
				.withTimeout(AdminConnection.TIMEOUT)
				.withClientName(AdminConnection.CLIENT_NAME);
			if (this.sentinelPassword != null) {
				uri.withPassword(this.sentinelPassword.toCharArray());
			}
			this.connection = this.client.connectSentinel(uri.build());
		}
		return this.connection.sync();
	}

	private static void await(String what, BooleanSupplier condition, Supplier<String> detail) {
		long deadline = System.nanoTime() + TIMEOUT.toNanos();
		RuntimeException last = null;
		while (System.nanoTime() < deadline) {
			try {
				if (condition.getAsBoolean()) {
					return;
				}
			}
			catch (RuntimeException ex) {
				last = ex;
			}
			LocalProcesses.pause(100, "Redis Sentinel");
		}
		throw new IllegalStateException("No " + what + " within " + TIMEOUT.toSeconds() + " s. " + detail.get(),
				last);
	}

	/**
	 * Kill the sentinel, the replica and the master and delete their temporary directories.
	 */
	@Override
	public void close() {
		try {
			if (this.connection != null) {
				this.connection.close();
			}
			this.client.shutdown(Duration.ZERO, AdminConnection.TIMEOUT);
			this.resources.shutdown();
		}
		finally {
			try {
				this.sentinel.close();
			}
			finally {
				try {
					this.replica.close();
				}
				finally {
					this.master.close();
				}
			}
		}
	}

	@Override
	public String toString() {
		return "RedisSentinelFixture[master=" + this.master.port() + ", replica=" + this.replica.port() + ", sentinel="
				+ this.sentinel.port() + "]";
	}

}
