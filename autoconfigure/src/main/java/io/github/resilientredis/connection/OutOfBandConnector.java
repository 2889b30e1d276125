package io.github.resilientredis.connection;

import java.util.List;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * The one way to open an out-of-band connection: outside the pool and the
 * {@link CommandGuard}, so health, monitoring and hang detection see Redis itself, not
 * the breaker. Connects to the factory's endpoint, to one given data node or to a
 * sentinel, with the same credentials (including a custom
 * {@code RedisCredentialsProviderFactory}), database, TLS, timeouts and client options as
 * the application's connections, named {@link ClientNames#outOfBand}. The plain client runs
 * on the factory's client resources; it is created on the first connection and shut down
 * on {@link #close()}.
 */
public final class OutOfBandConnector implements AutoCloseable {

	private final LettuceConnectionFactory factory;

	private final String clientName;

	private @Nullable RedisClient client;

	private boolean closed;

	/** Create a connector for the application's factory, naming connections after its client name. */
	public OutOfBandConnector(LettuceConnectionFactory factory) {
		this(factory, factory.getClientConfiguration().getClientName().orElse(null));
	}

	/** Create a connector for the application's factory and client name ({@code null} for none). */
	public OutOfBandConnector(LettuceConnectionFactory factory, @Nullable String applicationClientName) {
		this.factory = factory;
		this.clientName = ClientNames.outOfBand(applicationClientName);
	}

	/**
	 * Connect to the endpoint: the standalone server, the master the sentinels name now,
	 * or the first configured cluster node that accepts the connection (one node down
	 * must not make the cluster look down to health and monitoring).
	 * @return a new connection; the caller closes it
	 */
	public StatefulRedisConnection<String, String> connect() {
		ClientUris uris = new ClientUris(this.factory);
		if (this.factory.isClusterAware()) {
			return connectToFirst(uris.clusterNodes(this.clientName), "No cluster node configured");
		}
		return client().connect(StringCodec.UTF8, uris.endpoint(this.clientName));
	}

	/**
	 * Connect to one data node (a cluster node, the master or a replica) with the data
	 * credentials.
	 * @param host the node's host
	 * @param port the node's port
	 * @return a new connection; the caller closes it
	 */
	public StatefulRedisConnection<String, String> connect(String host, int port) {
		return client().connect(StringCodec.UTF8, new ClientUris(this.factory).node(host, port, this.clientName));
	}

	/**
	 * Connect to the first sentinel that answers, with the sentinel credentials.
	 * @return a new connection to a sentinel; the caller closes it
	 */
	public StatefulRedisConnection<String, String> connectSentinel() {
		if (!this.factory.isRedisSentinelAware()) {
			throw new IllegalStateException("Not a sentinel set-up");
		}
		return connectToFirst(new ClientUris(this.factory).sentinels(this.clientName), "No sentinel configured");
	}

	private StatefulRedisConnection<String, String> connectToFirst(List<RedisURI> uris, String none) {
		RuntimeException failure = null;
		for (RedisURI uri : uris) {
			try {
				return client().connect(StringCodec.UTF8, uri);
			}
			catch (RuntimeException ex) {
				if (failure == null) {
					failure = ex;
				}
				else {
					failure.addSuppressed(ex);
				}
			}
		}
		throw (failure != null) ? failure : new IllegalStateException(none);
	}

	/**
	 * The plain client, on the factory's resources and options.
	 * @return the client, created on first use
	 */
	synchronized RedisClient client() {
		if (this.closed) {
			throw new IllegalStateException("Out-of-band Redis connections are closed");
		}
		if (this.client == null) {
			AbstractRedisClient commandClient = this.factory.getNativeClient();
			if (commandClient == null) {
				throw new IllegalStateException("The Redis connection factory is not started");
			}
			RedisClient created = RedisClient.create(commandClient.getResources());
			created.setOptions(this.factory.getClientConfiguration().getClientOptions().orElseGet(ClientOptions::create));
			this.client = created;
		}
		return this.client;
	}

	@Override
	public void close() {
		RedisClient current;
		synchronized (this) {
			this.closed = true;
			current = this.client;
			this.client = null;
		}
		if (current != null) {
			LettuceClientConfiguration configuration = this.factory.getClientConfiguration();
			current.shutdown(configuration.getShutdownQuietPeriod(), configuration.getShutdownTimeout());
		}
	}

}
