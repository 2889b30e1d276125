package io.github.resilientredis.connection;

import java.net.SocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.ConnectionBuilder;
import io.lettuce.core.ConnectionEvents;
import io.lettuce.core.RedisChannelWriter;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.StatefulRedisConnectionImpl;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.models.partitions.Partitions;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.json.JsonParser;
import io.lettuce.core.protocol.PushHandler;
import io.lettuce.core.resource.ClientResources;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.data.redis.connection.RedisClusterConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Lettuce clients whose command connections write through a {@link CommandGuard}: the
 * standalone (and Sentinel-managed) client wraps each connection's writer, the cluster
 * client wraps the writer of each node connection (the cluster's routing writer above
 * them stays Lettuce's own) and tells it the node's address whenever the connection
 * (re)connects, so that the guard can keep one breaker per node.
 */
final class GuardedClients {

	private GuardedClients() {
	}

	/**
	 * Create the standalone (also Sentinel-managed) or cluster client a factory would, with
	 * its resources, options, endpoint or cluster nodes (see {@link ClientUris}) and client
	 * name, whose command connections write through the guard (read at each connect).
	 */
	static AbstractRedisClient of(LettuceConnectionFactory factory, Supplier<CommandGuard> guard) {
		LettuceClientConfiguration clientConfiguration = factory.getClientConfiguration();
		ClientResources resources = clientConfiguration.getClientResources().orElse(null);
		ClientOptions options = clientConfiguration.getClientOptions().orElseGet(ClientOptions::create);
		ClientUris uris = new ClientUris(factory);
		String clientName = clientConfiguration.getClientName().orElse(null);
		RedisClusterConfiguration cluster = factory.getClusterConfiguration();
		if (factory.isClusterAware() && cluster != null) {
			RedisClusterClient client = new GuardedRedisClusterClient(resources, uris.clusterNodes(clientName), guard);
			client.setOptions(clusterOptions(options, cluster));
			return client;
		}
		RedisClient client = new GuardedRedisClient(resources, uris.endpoint(clientName), guard);
		client.setOptions(options);
		return client;
	}

	private static ClusterClientOptions clusterOptions(ClientOptions options, RedisClusterConfiguration cluster) {
		ClusterClientOptions clusterOptions = (options instanceof ClusterClientOptions given) ? given
				: ClusterClientOptions.builder(options).build();
		return (cluster.getMaxRedirects() != null)
				? clusterOptions.mutate().maxRedirects(cluster.getMaxRedirects()).build() : clusterOptions;
	}

	private static final class GuardedRedisClient extends RedisClient {

		private final Supplier<CommandGuard> guard;

		GuardedRedisClient(ClientResources resources, RedisURI uri, Supplier<CommandGuard> guard) {
			super(resources, uri);
			this.guard = guard;
		}

		@Override
		protected <K, V> StatefulRedisConnectionImpl<K, V> newStatefulRedisConnection(RedisChannelWriter channelWriter,
				PushHandler pushHandler, RedisCodec<K, V> codec, Duration timeout) {
			return super.newStatefulRedisConnection(this.guard.get().guard(channelWriter), pushHandler, codec,
					timeout);
		}

	}

	private static final class GuardedRedisClusterClient extends RedisClusterClient {

		private final Supplier<CommandGuard> guard;

		private volatile @Nullable CommandGuard topologyTold;

		private volatile boolean partitionsLoaded;

		GuardedRedisClusterClient(ClientResources resources, List<RedisURI> uris, Supplier<CommandGuard> guard) {
			super(resources, uris);
			this.guard = guard;
		}

		private CommandGuard guard() {
			CommandGuard current = this.guard.get();
			if (this.topologyTold != current) {
				// getPartitions() would load the topology, through connections that ask for it again
				current.clusterTopology(new ClusterTopology(() -> this.partitionsLoaded ? getPartitions() : null,
						() -> refreshPartitionsAsync()));
				this.topologyTold = current;
			}
			return current;
		}

		@Override
		protected CompletableFuture<Partitions> initializePartitions() {
			return super.initializePartitions().thenApply((partitions) -> {
				this.partitionsLoaded = true;
				return partitions;
			});
		}

		// the node connections' writers learn the address each connect resolves (Lettuce gives
		// no other hook that knows the node: connectToNodeAsync is package-private)
		@Override
		protected void connectionBuilder(Mono<SocketAddress> socketAddressSupplier, ConnectionBuilder connectionBuilder,
				ConnectionEvents connectionEvents, RedisURI redisURI) {
			super.connectionBuilder(socketAddressSupplier, connectionBuilder, connectionEvents, redisURI);
			if (connectionBuilder.connection().getChannelWriter() instanceof ClusterNodeWriter node) {
				connectionBuilder.socketAddressSupplier(socketAddressSupplier.doOnNext(node::connectingTo));
			}
		}

		@Override
		protected <K, V> StatefulRedisConnectionImpl<K, V> newStatefulRedisConnection(RedisChannelWriter channelWriter,
				PushHandler pushHandler, RedisCodec<K, V> codec, Duration timeout, Supplier<JsonParser> parser) {
			return super.newStatefulRedisConnection(guard().guard(channelWriter), pushHandler, codec,
					timeout, parser);
		}

		@Override
		protected <K, V> StatefulRedisConnectionImpl<K, V> newStatefulRedisConnection(RedisChannelWriter channelWriter,
				PushHandler pushHandler, RedisCodec<K, V> codec, Duration timeout) {
			return super.newStatefulRedisConnection(guard().guard(channelWriter), pushHandler, codec,
					timeout);
		}

	}

}
