package io.github.resilientredis.connection;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.connection.RedisSentinelConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import io.github.resilientredis.diagnostics.Redaction;

/**
 * Follows the sentinels' {@code +switch-master} announcements for one master, so that the
 * application moves to the promoted replica as soon as a sentinel names it: without it, a
 * connection to the dead master only looks the master up again at its next reconnect
 * attempt, up to {@code redis.reconnect.max-delay} (3 s) later. Subscribes to every
 * configured sentinel (Lettuce re-subscribes after a reconnect); a sentinel that cannot
 * be reached at startup is tried again every few seconds. Never blocks startup.
 */
final class SentinelMasterSwitchWatcher implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(SentinelMasterSwitchWatcher.class);

	static final String CHANNEL = "+switch-master";

	private static final long RETRY_SECONDS = 5;

	private final RedisClient client;

	private final String masterName;

	private final Runnable onSwitch;

	private final List<StatefulRedisPubSubConnection<String, String>> connections = new CopyOnWriteArrayList<>();

	private volatile boolean closed;

	private SentinelMasterSwitchWatcher(RedisClient client, String masterName, Runnable onSwitch) {
		this.client = client;
		this.masterName = masterName;
		this.onSwitch = onSwitch;
	}

	/**
	 * Start watching the master of a Sentinel-managed factory ({@code null} when it names
	 * none), on the sentinels as its command connections reach them (credentials, TLS,
	 * timeout), through {@code client}, whose computation threads run {@code onSwitch}
	 * when a sentinel names a new master.
	 */
	static @Nullable SentinelMasterSwitchWatcher start(LettuceConnectionFactory factory, RedisClient client,
			Runnable onSwitch) {
		RedisSentinelConfiguration sentinel = factory.getSentinelConfiguration();
		if (sentinel == null || sentinel.getMaster() == null) {
			return null;
		}
		SentinelMasterSwitchWatcher watcher = new SentinelMasterSwitchWatcher(client, sentinel.getMaster().getName(),
				onSwitch);
		new ClientUris(factory).endpoint(factory.getClientConfiguration().getClientName().orElse(null))
			.getSentinels()
			.forEach(watcher::subscribe);
		return watcher;
	}

	private void subscribe(RedisURI sentinel) {
		if (this.closed) {
			return;
		}
		this.client.connectPubSubAsync(StringCodec.UTF8, sentinel).whenComplete((connection, failure) -> {
			if (failure != null) {
				logger.debug("Cannot subscribe to " + CHANNEL + " at sentinel " + sentinel.getHost() + ":"
						+ sentinel.getPort() + " (retrying in " + RETRY_SECONDS + " s): " + Redaction.describe(failure));
				this.client.getResources()
					.eventExecutorGroup()
					.schedule(() -> subscribe(sentinel), RETRY_SECONDS, TimeUnit.SECONDS);
				return;
			}
			if (this.closed) {
				connection.closeAsync();
				return;
			}
			this.connections.add(connection);
			connection.addListener(new RedisPubSubAdapter<>() {

				@Override
				public void message(String channel, String message) {
					onMessage(message);
				}

			});
			connection.async().subscribe(CHANNEL);
		});
	}

	/** {@code <master name> <old ip> <old port> <new ip> <new port>} */
	private void onMessage(String message) {
		if (!message.startsWith(this.masterName + " ")) {
			return;
		}
		logger.info("Sentinel announced a new master for '" + this.masterName + "': "
				+ message.substring(this.masterName.length() + 1) + "; moving connections to it now");
		// never block the event loop that delivered the message
		this.client.getResources().eventExecutorGroup().execute(this.onSwitch);
	}

	@Override
	public void close() {
		this.closed = true;
		this.connections.forEach(StatefulRedisPubSubConnection::closeAsync);
		this.connections.clear();
	}

}
