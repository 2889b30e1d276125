package io.github.resilientredis.monitor;

import java.util.function.Supplier;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.resource.ClientResources;
import org.jspecify.annotations.Nullable;

import io.github.resilientredis.connection.ConnectionPoolStatistics;
import io.github.resilientredis.connection.ClientNames;
import io.github.resilientredis.connection.ResilientLettuceConnectionFactory;
import io.github.resilientredis.diagnostics.Endpoint;

import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * What monitoring needs from the application's connection factory: an out-of-band
 * connection, a reset, pool statistics, the client resources and the client name.
 * Uses the {@link ResilientLettuceConnectionFactory} seams; falls back to what any
 * {@link LettuceConnectionFactory} offers (no pool statistics, reset of the shared
 * connection only).
 */
public final class RedisConnectionAccess {

	private final RedisConnectionFactory factory;

	private final @Nullable String fallbackClientName;

	public RedisConnectionAccess(RedisConnectionFactory factory, @Nullable String fallbackClientName) {
		this.factory = factory;
		this.fallbackClientName = fallbackClientName;
	}

	public @Nullable String clientName() {
		if (this.factory instanceof LettuceConnectionFactory lettuce && lettuce.getClientName() != null) {
			return lettuce.getClientName();
		}
		return this.fallbackClientName;
	}

	public Supplier<StatefulRedisConnection<String, String>> outOfBandConnector() {
		if (this.factory instanceof ResilientLettuceConnectionFactory resilient) {
			return resilient::connectOutOfBand;
		}
		return () -> {
			if (!(this.factory instanceof LettuceConnectionFactory lettuce)) {
				throw new IllegalStateException("Redis monitoring needs a LettuceConnectionFactory, found "
						+ this.factory.getClass().getName());
			}
			AbstractRedisClient client = lettuce.getNativeClient();
			if (!(client instanceof RedisClient redisClient)) {
				throw new IllegalStateException("Redis monitoring supports standalone and sentinel set-ups, found "
						+ ((client != null) ? client.getClass().getSimpleName() : "a connection factory not started"));
			}
			StatefulRedisConnection<String, String> connection = redisClient.connect(StringCodec.UTF8);
			String name = clientName();
			if (name != null && !name.isEmpty()) {
				connection.sync().clientSetname(ClientNames.outOfBand(name));
			}
			return connection;
		};
	}

	/** Where the application connects, never with credentials. */
	public Endpoint endpoint() {
		if (this.factory instanceof ResilientLettuceConnectionFactory resilient) {
			return resilient.endpoint();
		}
		if (this.factory instanceof LettuceConnectionFactory lettuce) {
			return lettuce.isClusterAware() ? Endpoint.cluster(
					String.valueOf(lettuce.getClusterConfiguration().getClusterNodes()), lettuce.isUseSsl())
					: Endpoint.standalone(lettuce.getHostName() + ":" + lettuce.getPort(), lettuce.isUseSsl());
		}
		return Endpoint.standalone("redis", false);
	}

	public RedisConnectionFactory factory() {
		return this.factory;
	}

	public TopologyType topologyType() {
		if (this.factory instanceof LettuceConnectionFactory lettuce) {
			if (lettuce.isClusterAware()) {
				return TopologyType.CLUSTER;
			}
			if (lettuce.isRedisSentinelAware()) {
				return TopologyType.SENTINEL;
			}
		}
		return TopologyType.STANDALONE;
	}

	/** The standalone server's address, as the monitor names it. */
	public NodeAddress standaloneAddress() {
		if (this.factory instanceof LettuceConnectionFactory lettuce) {
			return new NodeAddress(lettuce.getHostName(), lettuce.getPort());
		}
		return new NodeAddress("redis", 0);
	}

	public Runnable resetAction() {
		if (this.factory instanceof ResilientLettuceConnectionFactory resilient) {
			return resilient::resetConnections;
		}
		// only the shared connection; with Spring Data's pooling it goes back to the pool
		if (this.factory instanceof LettuceConnectionFactory lettuce) {
			return lettuce::resetConnection;
		}
		return () -> {
			throw new UnsupportedOperationException(
					"The Redis connection factory " + this.factory.getClass().getName() + " cannot be reset");
		};
	}

	public Supplier<@Nullable ConnectionPoolStatistics> poolStatistics() {
		if (this.factory instanceof ResilientLettuceConnectionFactory resilient) {
			return resilient::getPoolStatistics;
		}
		return () -> null;
	}

	public @Nullable ClientResources clientResources() {
		return (this.factory instanceof LettuceConnectionFactory lettuce) ? lettuce.getClientResources() : null;
	}

}
