package io.github.resilientredis.test;

import java.time.Duration;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;

/**
 * The fixture's own Lettuce connection to a {@link RedisServer}: opened on demand,
 * authenticated like the server demands, never reconnecting by itself (a dropped connection
 * is simply opened again on the next use).
 */
final class AdminConnection implements AutoCloseable {

	static final String CLIENT_NAME = "fixture-admin";

	static final Duration TIMEOUT = Duration.ofSeconds(2);

	private static ClientResources sharedResources;

	private final RedisServerOptions options;

	private final TlsMaterial tls;

	private RedisClient client;

	private StatefulRedisConnection<String, String> connection;

	AdminConnection(RedisServerOptions options, TlsMaterial tls) {
		this.options = options;
		this.tls = tls;
	}

	synchronized RedisCommands<String, String> commands(String host, int port, boolean ssl) {
		if (this.connection == null || !this.connection.isOpen()) {
			disconnect();
			this.connection = client().connect(uri(host, port, ssl));
		}
		return this.connection.sync();
	}

	private RedisURI uri(String host, int port, boolean ssl) {
		RedisURI.Builder builder = RedisURI.builder()
			.withHost(host)
			.withPort(port)
			.withTimeout(TIMEOUT)
			.withClientName(CLIENT_NAME)
			.withSsl(ssl)
			.withVerifyPeer(ssl);
		if (this.options.aclUser() != null) {
			builder.withAuthentication(this.options.aclUser(), this.options.aclPassword());
		}
		else if (this.options.requirePass() != null) {
			builder.withPassword(this.options.requirePass().toCharArray());
		}
		return builder.build();
	}

	private RedisClient client() {
		if (this.client == null) {
			RedisClient created = RedisClient.create(resources());
			ClientOptions.Builder options = ClientOptions.builder()
				.autoReconnect(false)
				.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
				.socketOptions(SocketOptions.builder().connectTimeout(TIMEOUT).build())
				.timeoutOptions(TimeoutOptions.enabled(TIMEOUT));
			if (this.tls != null) {
				options.sslOptions(this.tls.sslOptions());
			}
			created.setOptions(options.build());
			this.client = created;
		}
		return this.client;
	}

	// one set of event loops for every fixture in the JVM: starting them per server is slow
	private static synchronized ClientResources resources() {
		if (sharedResources == null) {
			sharedResources = DefaultClientResources.builder().ioThreadPoolSize(2).computationThreadPoolSize(2).build();
		}
		return sharedResources;
	}

	synchronized void disconnect() {
		if (this.connection != null) {
			StatefulRedisConnection<String, String> open = this.connection;
			this.connection = null;
			if (open.isOpen()) {
				open.close();
			}
		}
	}

	@Override
	public synchronized void close() {
		disconnect();
		if (this.client != null) {
			this.client.shutdown(Duration.ZERO, TIMEOUT);
			this.client = null;
		}
	}

}
