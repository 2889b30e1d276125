package io.github.resilientredis.devtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.github.resilientredis.test.RedisServer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;

/**
 * A Redis server for development, started through the test fixture (a local
 * {@code redis-server} process, or a Testcontainers container when Docker runs). When
 * neither can start, the application is pointed at a closed loopback port instead, so it
 * still starts and shows what the starter does without Redis.
 */
public final class DevRedis implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(DevRedis.class);

	static final String UNAVAILABLE = "no dev-time Redis: install redis-server or start Docker";

	private static final String LOOPBACK = "127.0.0.1";

	private final @Nullable RedisServer server;

	private final String host;

	private final int port;

	private final @Nullable String unavailableReason;

	private DevRedis(@Nullable RedisServer server, String host, int port, @Nullable String unavailableReason) {
		this.server = server;
		this.host = host;
		this.port = port;
		this.unavailableReason = unavailableReason;
	}

	/**
	 * Start a dev-time Redis, or fall back to a closed port when it cannot start.
	 * @param starter starts the server, throwing {@link IllegalStateException} when it
	 * cannot
	 * @return the dev-time Redis
	 */
	public static DevRedis start(Supplier<RedisServer> starter) {
		try {
			RedisServer server = starter.get();
			logger.info("Dev-time Redis listening on " + server.url());
			return new DevRedis(server, server.host(), server.port(), null);
		}
		catch (IllegalStateException ex) {
			int port = closedLoopbackPort();
			logger.warn(UNAVAILABLE + "; the app uses the closed port " + LOOPBACK + ":" + port
					+ " and serves from the database and the local fallback. Cause: " + ex.getMessage());
			return new DevRedis(null, LOOPBACK, port, ex.getMessage());
		}
	}

	// a port that was free a moment ago: nothing listens there, connections are refused
	private static int closedLoopbackPort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("No free loopback port", ex);
		}
	}

	/**
	 * Where the application finds this Redis.
	 * @return connection details of the server (or of the closed port)
	 */
	public DataRedisConnectionDetails connectionDetails() {
		DataRedisConnectionDetails.Standalone standalone = DataRedisConnectionDetails.Standalone.of(this.host,
				this.port);
		return new DataRedisConnectionDetails() {

			@Override
			public Standalone getStandalone() {
				return standalone;
			}

		};
	}

	/**
	 * What the server is doing now.
	 * @return the state
	 */
	public DevRedisState state() {
		return state(null);
	}

	private DevRedisState state(@Nullable String message) {
		RedisServer server = this.server;
		if (server == null) {
			return new DevRedisState(false, this.host, this.port, DevRedisState.State.UNAVAILABLE,
					UNAVAILABLE + " (" + this.unavailableReason + ")");
		}
		DevRedisState.State state = !server.isRunning() ? DevRedisState.State.KILLED
				: server.isPaused() ? DevRedisState.State.PAUSED : DevRedisState.State.RUNNING;
		return new DevRedisState(true, this.host, this.port, state, message);
	}

	/**
	 * Kill the server with SIGKILL.
	 * @return the state afterwards
	 */
	public DevRedisState kill() {
		return act(RedisServer::kill);
	}

	/**
	 * Freeze the server with SIGSTOP.
	 * @return the state afterwards
	 */
	public DevRedisState pause() {
		return act(RedisServer::pause);
	}

	/**
	 * Unfreeze the server with SIGCONT.
	 * @return the state afterwards
	 */
	public DevRedisState resume() {
		return act(RedisServer::resume);
	}

	/**
	 * Start the server again on the same port.
	 * @return the state afterwards
	 */
	public DevRedisState restart() {
		return act(RedisServer::restart);
	}

	private DevRedisState act(Consumer<RedisServer> action) {
		RedisServer server = this.server;
		if (server == null) {
			throw new IllegalStateException(state().message());
		}
		synchronized (this) {
			action.accept(server);
		}
		return state();
	}

	@Override
	public void close() {
		if (this.server != null) {
			this.server.close();
		}
	}

}
