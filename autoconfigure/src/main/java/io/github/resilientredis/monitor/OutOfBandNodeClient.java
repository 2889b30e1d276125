package io.github.resilientredis.monitor;

import java.time.Duration;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.connection.RedisPassword;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.util.StringUtils;

/**
 * Opens monitoring connections to one given node (a cluster node, a sentinel, the
 * sentinels' master or a replica) with the application's credentials, TLS, timeouts and
 * client options, on a plain client of the factory's resources: never pooled, never
 * behind the breaker. The client is created on the first connection and shut down on
 * {@link #close()}.
 */
public final class OutOfBandNodeClient implements AutoCloseable {

	private final LettuceConnectionFactory factory;

	private final String clientName;

	private @Nullable RedisClient client;

	private boolean closed;

	public OutOfBandNodeClient(LettuceConnectionFactory factory, String clientName) {
		this.factory = factory;
		this.clientName = clientName;
	}

	/**
	 * Connect to a data node with the data credentials.
	 * @param node the node
	 * @return a new connection; the caller closes it
	 */
	public StatefulRedisConnection<String, String> connect(NodeAddress node) {
		String username = null;
		RedisPassword password = RedisPassword.none();
		if (this.factory.getClusterConfiguration() != null) {
			username = this.factory.getClusterConfiguration().getUsername();
			password = this.factory.getClusterConfiguration().getPassword();
		}
		else if (this.factory.getSentinelConfiguration() != null) {
			username = this.factory.getSentinelConfiguration().getUsername();
			password = this.factory.getSentinelConfiguration().getPassword();
		}
		return client().connect(StringCodec.UTF8, uri(node, username, password));
	}

	/**
	 * Connect to the first sentinel that answers, with the sentinel credentials.
	 * @return a new connection to a sentinel; the caller closes it
	 */
	public StatefulRedisConnection<String, String> connectSentinel() {
		var sentinel = this.factory.getSentinelConfiguration();
		if (sentinel == null) {
			throw new IllegalStateException("Not a sentinel set-up");
		}
		RuntimeException failure = null;
		for (var node : sentinel.getSentinels()) {
			try {
				return client().connect(StringCodec.UTF8,
						uri(new NodeAddress(node.getRequiredHost(), node.getRequiredPort()),
								sentinel.getSentinelUsername(), sentinel.getSentinelPassword()));
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
		throw (failure != null) ? failure : new IllegalStateException("No sentinel configured");
	}

	private RedisURI uri(NodeAddress node, @Nullable String username, RedisPassword password) {
		LettuceClientConfiguration configuration = this.factory.getClientConfiguration();
		RedisURI.Builder builder = RedisURI.Builder.redis(node.host(), node.port())
			.withSsl(configuration.isUseSsl())
			.withVerifyPeer(configuration.getVerifyMode())
			.withStartTls(configuration.isStartTls())
			.withTimeout(configuration.getCommandTimeout())
			.withClientName(this.clientName);
		if (StringUtils.hasText(username) && password.isPresent()) {
			builder.withAuthentication(username, password.get());
		}
		else {
			password.toOptional().ifPresent(builder::withPassword);
		}
		return builder.build();
	}

	private synchronized RedisClient client() {
		if (this.closed) {
			throw new IllegalStateException("Redis node monitoring is closed");
		}
		if (this.client == null) {
			AbstractRedisClient commandClient = this.factory.getNativeClient();
			if (commandClient == null) {
				throw new IllegalStateException("The Redis connection factory is not started");
			}
			RedisClient created = RedisClient.create(commandClient.getResources());
			ClientOptions options = this.factory.getClientConfiguration()
				.getClientOptions()
				.orElseGet(ClientOptions::create);
			created.setOptions(options);
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
			current.shutdown(Duration.ZERO, this.factory.getClientConfiguration().getShutdownTimeout());
		}
	}

}
