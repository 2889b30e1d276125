package io.github.resilientredis.test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.lettuce.core.KillArgs;
import io.lettuce.core.api.sync.RedisCommands;

/**
 * A real Redis server for integration tests: a local {@code redis-server} process on free
 * loopback ports (or, without the binary, a Docker container), with the means to break it
 * (kill, stop, pause, client kill) and to look inside it (clients, command statistics,
 * {@linkplain #connectionLeakCheck() leaked connections}).
 *
 * <pre class="code">
 * try (RedisServer server = RedisServer.builder().requirePass("s3cret").start()) {
 *     server.kill();
 *     server.restart();
 * }
 * </pre>
 *
 * In JUnit tests, {@link WithRedisServer} or {@link RedisServerExtension} start and close it.
 */
public final class RedisServer implements AutoCloseable {

	/**
	 * Client name of the fixture's own {@link #admin() admin connection}.
	 */
	public static final String ADMIN_CLIENT_NAME = AdminConnection.CLIENT_NAME;

	private static final Duration READY_TIMEOUT = Duration.ofSeconds(10);

	private final RedisServerOptions options;

	private final TlsMaterial tls;

	private final RedisBackend backend;

	private final AdminConnection admin;

	private RedisServer(RedisServerOptions options, TlsMaterial tls, RedisBackend backend) {
		this.options = options;
		this.tls = tls;
		this.backend = backend;
		this.admin = new AdminConnection(options, tls);
	}

	/**
	 * A builder for a server; every option is optional.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	private RedisServer startNew() {
		try {
			this.backend.start();
			awaitPing();
			return this;
		}
		catch (RuntimeException ex) {
			close();
			throw ex;
		}
	}

	/**
	 * Host the server listens on.
	 * @return {@code "127.0.0.1"} for a local process
	 */
	public String host() {
		return this.backend.host();
	}

	/**
	 * The plain (non-TLS) port.
	 * @return the port, or {@code -1} when the server is TLS-only
	 */
	public int port() {
		return this.backend.port();
	}

	/**
	 * The TLS port.
	 * @return the port, or {@code -1} when TLS is off
	 */
	public int tlsPort() {
		return this.backend.tlsPort();
	}

	/**
	 * A URL for {@code redis.url}, without credentials.
	 * @return {@code redis://127.0.0.1:PORT}, or {@code rediss://localhost:TLSPORT} when TLS-only
	 */
	public String url() {
		if (port() > 0) {
			return "redis://" + host() + ":" + port();
		}
		return "rediss://localhost:" + tlsPort();
	}

	/**
	 * What the server was asked for (credentials among them).
	 * @return the options
	 */
	RedisServerOptions options() {
		return this.options;
	}

	/**
	 * The TLS material the server uses (shared by every server of the JVM).
	 * @return the material, or {@code null} when TLS is off
	 */
	public TlsMaterial tls() {
		return this.tls;
	}

	/**
	 * Shut down gracefully (resuming a paused server first) and wait until the port is closed.
	 */
	public void stop() {
		this.admin.disconnect();
		this.backend.stop();
	}

	/**
	 * Kill with SIGKILL (also when paused) and wait until the process is gone.
	 */
	public void kill() {
		this.admin.disconnect();
		this.backend.kill();
	}

	/**
	 * Freeze the server (SIGSTOP): connections stay open and commands time out.
	 */
	public void pause() {
		this.backend.pause();
	}

	/**
	 * Unfreeze a paused server (SIGCONT).
	 */
	public void resume() {
		this.backend.resume();
	}

	/**
	 * Start again on the same port(s) with the same options, stopping first when running, and
	 * wait until it answers PING.
	 */
	public void restart() {
		if (this.backend.isRunning()) {
			stop();
		}
		this.admin.disconnect();
		this.backend.restart();
		awaitPing();
	}

	/**
	 * Whether the server exists (also when paused).
	 * @return whether running
	 */
	public boolean isRunning() {
		return this.backend.isRunning();
	}

	/**
	 * Whether the server is paused.
	 * @return whether paused
	 */
	public boolean isPaused() {
		return this.backend.isPaused();
	}

	/**
	 * The fixture's own connection, named {@value #ADMIN_CLIENT_NAME}, authenticated as the
	 * {@code aclUser} if any, else with {@code requirePass}; over TLS (trusting the fixture CA)
	 * when the server is TLS-only. Commands time out after 2 s (so a paused server fails them).
	 * The connection is opened when the server starts (to check it answers PING) and re-opened
	 * on demand after {@link #restart()}; it therefore counts as one client against
	 * {@code maxClients}.
	 * @return the synchronous Lettuce commands of the admin connection
	 */
	public RedisCommands<String, String> admin() {
		boolean tlsOnly = port() <= 0;
		return this.admin.commands(tlsOnly ? "localhost" : host(), tlsOnly ? tlsPort() : port(), tlsOnly);
	}

	/**
	 * The connected clients, as CLIENT LIST reports them, without the admin connection; the
	 * typed form is {@link #connectedClients()}.
	 * @return one map of CLIENT LIST fields ({@code id}, {@code addr}, {@code name}, {@code cmd},
	 * ...) per client
	 */
	public List<Map<String, String>> clients() {
		return ServerReplies.clients(admin().clientList())
			.stream()
			.filter((client) -> !ADMIN_CLIENT_NAME.equals(client.get("name")))
			.toList();
	}

	/**
	 * The connected clients, as CLIENT LIST reports them, without the admin connection.
	 * @return one record per connection, in server order
	 */
	public List<ConnectedClient> connectedClients() {
		return clients().stream().map(ConnectedClient::of).toList();
	}

	/**
	 * Remember the connections open now, to fail later naming the ones a test opened and
	 * left open ({@link ConnectionLeakCheck#assertNoLeaks()}).
	 * @return the check, with its baseline taken
	 */
	public ConnectionLeakCheck connectionLeakCheck() {
		return new ConnectionLeakCheck(this);
	}

	/**
	 * Close every connection with the given client name from the server side
	 * ({@code CLIENT KILL ID} for each), as a proxy or a server-side timeout would.
	 * @param clientName the client name, as set with {@code CLIENT SETNAME}
	 * @return the number of connections closed
	 * @throws IllegalArgumentException for the fixture's own {@value #ADMIN_CLIENT_NAME}
	 */
	public int killClients(String clientName) {
		if (ADMIN_CLIENT_NAME.equals(clientName)) {
			throw new IllegalArgumentException(
					"killClients cannot close the fixture's own admin connection '" + ADMIN_CLIENT_NAME + "'");
		}
		int killed = 0;
		for (ConnectedClient client : connectedClients()) {
			if (client.name().equals(clientName)) {
				killed += killClient(client.id()) ? 1 : 0;
			}
		}
		return killed;
	}

	/**
	 * Close one connection from the server side ({@code CLIENT KILL ID}).
	 * @param id the connection id, e.g. {@link ConnectedClient#id()}
	 * @return whether the server still had the connection and closed it
	 */
	public boolean killClient(long id) {
		return admin().clientKill(KillArgs.Builder.id(id)) > 0;
	}

	/**
	 * The id of this run of the server ({@code run_id} of INFO server): it changes when
	 * the server restarts.
	 * @return the run id
	 */
	public String runId() {
		return ServerReplies.infoField(admin().info("server"), "run_id");
	}

	/**
	 * Bring back a server an earlier test left paused or down: resume it, or restart it on
	 * the same port(s). Does nothing to a running server.
	 */
	public void restore() {
		if (isPaused()) {
			resume();
		}
		else if (!isRunning()) {
			restart();
		}
	}

	/**
	 * Count the connections with the given client name.
	 * @param name the client name
	 * @return the number of such connections (never counts the admin connection)
	 */
	public int clientCount(String name) {
		return (int) clients().stream().filter((client) -> name.equals(client.get("name"))).count();
	}

	/**
	 * How often a command was called since the server (re)started, from INFO commandstats.
	 * @param command the command, e.g. {@code "get"} or {@code "client|list"} (case-insensitive)
	 * @return the {@code calls} value, or {@code 0} when the command was never called
	 */
	public long commandCalls(String command) {
		return ServerReplies.commandCalls(admin().info("commandstats"), command);
	}

	/**
	 * Kill the server if running, release the admin connection and delete the temp dir.
	 */
	@Override
	public void close() {
		try {
			this.admin.close();
		}
		finally {
			this.backend.close();
		}
	}

	private void awaitPing() {
		long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
		RuntimeException last = null;
		while (System.nanoTime() < deadline) {
			if (!this.backend.isRunning()) {
				throw new IllegalStateException("Redis exited while starting. Log tail:\n" + this.backend.logTail());
			}
			try {
				if ("PONG".equals(admin().ping())) {
					return;
				}
			}
			catch (RuntimeException ex) {
				last = ex;
				this.admin.disconnect();
			}
			LocalProcesses.pause(50, "Redis");
		}
		throw new IllegalStateException("Redis did not answer PING within " + READY_TIMEOUT.toSeconds() + " s ("
				+ this.options + "). Log tail:\n" + this.backend.logTail(), last);
	}

	@Override
	public String toString() {
		return "RedisServer[" + url() + ", " + this.options + "]";
	}

	/**
	 * Builds and starts a {@link RedisServer}.
	 */
	public static final class Builder {

		private int maxClients;

		private String requirePass;

		private String aclUser;

		private String aclPassword;

		private boolean plain = true;

		private boolean tls;

		private final List<String> extraArgs = new ArrayList<>();

		private Builder() {
		}

		/**
		 * Limit the connections ({@code --maxclients}); the admin connection counts as one.
		 * @param maxClients the maximum number of clients
		 * @return this builder
		 */
		public Builder maxClients(int maxClients) {
			if (maxClients < 1) {
				throw new IllegalArgumentException("maxClients must be at least 1 (the admin connection is one)");
			}
			this.maxClients = maxClients;
			return this;
		}

		/**
		 * Require a password for the default user ({@code --requirepass}).
		 * @param password the password
		 * @return this builder
		 */
		public Builder requirePass(String password) {
			this.requirePass = password;
			return this;
		}

		/**
		 * Add an ACL user with all permissions on all keys and channels.
		 * @param user the user name
		 * @param password the password
		 * @return this builder
		 */
		public Builder aclUser(String user, String password) {
			this.aclUser = user;
			this.aclPassword = password;
			return this;
		}

		/**
		 * Serve TLS only ({@code --port 0}, {@code --tls-port}); client certificates are
		 * optional.
		 * @return this builder
		 */
		public Builder tls() {
			this.tls = true;
			this.plain = false;
			return this;
		}

		/**
		 * Serve both a plain and a TLS port.
		 * @return this builder
		 */
		public Builder tlsAndPlain() {
			this.tls = true;
			this.plain = true;
			return this;
		}

		/**
		 * Pass further arguments to {@code redis-server}, e.g. {@code arg("--timeout", "1")}.
		 * @param args the arguments
		 * @return this builder
		 */
		public Builder arg(String... args) {
			this.extraArgs.addAll(Arrays.asList(args));
			return this;
		}

		/**
		 * Start the server and wait until it answers PING (at most 10 s).
		 * @return the running server
		 * @throws IllegalStateException when it cannot start (the message holds the log tail),
		 * or when neither {@code redis-server} nor Docker is available
		 */
		public RedisServer start() {
			RedisServerOptions options = new RedisServerOptions(this.maxClients, this.requirePass, this.aclUser,
					this.aclPassword, this.plain, this.tls, List.copyOf(this.extraArgs));
			TlsMaterial tlsMaterial = this.tls ? TlsMaterial.shared() : null;
			return new RedisServer(options, tlsMaterial, RedisBackends.create(options, tlsMaterial)).startNew();
		}

	}

}
