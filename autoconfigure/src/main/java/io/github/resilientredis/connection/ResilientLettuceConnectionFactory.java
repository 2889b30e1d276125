package io.github.resilientredis.connection;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.connection.RedisClusterConfiguration;
import org.springframework.data.redis.connection.RedisClusterConnection;
import org.springframework.data.redis.connection.RedisConfiguration;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisNode;
import org.springframework.data.redis.connection.RedisPassword;
import org.springframework.data.redis.connection.RedisSentinelConfiguration;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionProvider;
import org.springframework.data.redis.connection.lettuce.LettuceConverters;
import org.springframework.data.redis.connection.lettuce.LettucePoolingClientConfiguration;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

/**
 * A {@link LettuceConnectionFactory} whose dedicated connections come from an inspectable
 * commons-pool2 pool and whose connections pass through a {@link ConnectionInterceptor}
 * (the circuit breaker).
 * <p>
 * Spring Data Redis' own pooling hides its pool, so this factory is given a
 * <em>non-pooling</em> client configuration and wraps the connection providers in a
 * {@link PooledConnectionProvider} itself.
 */
public class ResilientLettuceConnectionFactory extends LettuceConnectionFactory {

	private static final String OUT_OF_BAND_SUFFIX = ":oob";

	private final @Nullable GenericObjectPoolConfig<StatefulConnection<?, ?>> poolConfig;

	private final boolean recordBorrowTraces;

	private final ConnectionPoolStatistics poolStatistics = new PoolStatisticsView(() -> this.pooledProvider,
			this::poolConfig);

	private final ConnectionFailureReporter failureReporter = new ConnectionFailureReporter();

	private volatile ConnectionInterceptor connectionInterceptor = ConnectionInterceptor.NONE;

	private volatile @Nullable PooledConnectionProvider pooledProvider;

	private volatile @Nullable RedisClient clusterOutOfBandClient;

	/**
	 * Create a factory for a standalone server.
	 * @param configuration the standalone configuration
	 * @param clientConfiguration a non-pooling client configuration
	 * @param poolConfig the pool of dedicated connections, or {@code null} not to pool
	 * @param recordBorrowTraces whether to record the borrower's stack trace on every
	 * borrow (for leak reports)
	 */
	public ResilientLettuceConnectionFactory(RedisStandaloneConfiguration configuration,
			LettuceClientConfiguration clientConfiguration,
			@Nullable GenericObjectPoolConfig<StatefulConnection<?, ?>> poolConfig, boolean recordBorrowTraces) {
		super(configuration, requireNonPooling(clientConfiguration));
		this.poolConfig = poolConfig;
		this.recordBorrowTraces = recordBorrowTraces;
	}

	/**
	 * Create a factory for a master managed by Redis Sentinel.
	 * @param configuration the sentinel configuration
	 * @param clientConfiguration a non-pooling client configuration
	 * @param poolConfig the pool of dedicated connections, or {@code null} not to pool
	 * @param recordBorrowTraces whether to record the borrower's stack trace on every
	 * borrow
	 */
	public ResilientLettuceConnectionFactory(RedisSentinelConfiguration configuration,
			LettuceClientConfiguration clientConfiguration,
			@Nullable GenericObjectPoolConfig<StatefulConnection<?, ?>> poolConfig, boolean recordBorrowTraces) {
		super(configuration, requireNonPooling(clientConfiguration));
		this.poolConfig = poolConfig;
		this.recordBorrowTraces = recordBorrowTraces;
	}

	/**
	 * Create a factory for Redis Cluster.
	 * @param configuration the cluster configuration
	 * @param clientConfiguration a non-pooling client configuration
	 * @param poolConfig the pool of dedicated connections, or {@code null} not to pool
	 * @param recordBorrowTraces whether to record the borrower's stack trace on every
	 * borrow
	 */
	public ResilientLettuceConnectionFactory(RedisClusterConfiguration configuration,
			LettuceClientConfiguration clientConfiguration,
			@Nullable GenericObjectPoolConfig<StatefulConnection<?, ?>> poolConfig, boolean recordBorrowTraces) {
		super(configuration, requireNonPooling(clientConfiguration));
		this.poolConfig = poolConfig;
		this.recordBorrowTraces = recordBorrowTraces;
	}

	/**
	 * Create a factory for a standalone, sentinel or cluster configuration (Spring Data
	 * Redis only takes a standalone configuration's endpoint from its typed constructor).
	 * @param configuration the configuration
	 * @param clientConfiguration a non-pooling client configuration
	 * @param poolConfig the pool of dedicated connections, or {@code null} not to pool
	 * @param recordBorrowTraces whether to record the borrower's stack trace on every
	 * borrow
	 * @return the factory
	 */
	public static ResilientLettuceConnectionFactory create(RedisConfiguration configuration,
			LettuceClientConfiguration clientConfiguration,
			@Nullable GenericObjectPoolConfig<StatefulConnection<?, ?>> poolConfig, boolean recordBorrowTraces) {
		if (configuration instanceof RedisClusterConfiguration cluster) {
			return new ResilientLettuceConnectionFactory(cluster, clientConfiguration, poolConfig, recordBorrowTraces);
		}
		if (configuration instanceof RedisSentinelConfiguration sentinel) {
			return new ResilientLettuceConnectionFactory(sentinel, clientConfiguration, poolConfig, recordBorrowTraces);
		}
		if (configuration instanceof RedisStandaloneConfiguration standalone) {
			return new ResilientLettuceConnectionFactory(standalone, clientConfiguration, poolConfig,
					recordBorrowTraces);
		}
		throw new IllegalArgumentException("Unsupported Redis configuration " + configuration.getClass().getName());
	}

	private static LettuceClientConfiguration requireNonPooling(LettuceClientConfiguration clientConfiguration) {
		Assert.isTrue(!(clientConfiguration instanceof LettucePoolingClientConfiguration),
				"Pass a non-pooling LettuceClientConfiguration and the pool settings separately");
		return clientConfiguration;
	}

	/**
	 * Set the interceptor every connection handed out passes through.
	 * @param connectionInterceptor the interceptor
	 */
	public void setConnectionInterceptor(ConnectionInterceptor connectionInterceptor) {
		Assert.notNull(connectionInterceptor, "'connectionInterceptor' must not be null");
		this.connectionInterceptor = connectionInterceptor;
	}

	/**
	 * Return the interceptor every connection handed out passes through.
	 * @return the interceptor
	 */
	public ConnectionInterceptor getConnectionInterceptor() {
		return this.connectionInterceptor;
	}

	@Override
	public RedisConnection getConnection() {
		if (isClusterAware()) {
			return getClusterConnection();
		}
		return this.connectionInterceptor.intercept(super::getConnection);
	}

	@Override
	public RedisClusterConnection getClusterConnection() {
		return this.connectionInterceptor.interceptCluster(super::getClusterConnection);
	}

	/**
	 * Return a connection that does not pass through the {@link ConnectionInterceptor}
	 * (used by the resilience layer itself, e.g. to replay its journal on recovery).
	 * @return a new connection; the caller closes it
	 */
	public RedisConnection getUninterceptedConnection() {
		return isClusterAware() ? super.getClusterConnection() : super.getConnection();
	}

	private @Nullable GenericObjectPoolConfig<StatefulConnection<?, ?>> poolConfig() {
		return this.poolConfig;
	}

	/**
	 * Return a view of the dedicated-connection pool; valid across restarts of the
	 * factory.
	 * @return the pool statistics (not pooled when pooling is disabled)
	 */
	public ConnectionPoolStatistics getPoolStatistics() {
		return this.poolStatistics;
	}

	/**
	 * Close the shared connection and every idle pooled connection, so the next command
	 * connects afresh. Borrowed connections are left to their borrowers; the pool
	 * discards them on return if they are closed.
	 */
	public void resetConnections() {
		resetConnection();
		PooledConnectionProvider provider = this.pooledProvider;
		if (provider != null) {
			provider.clear();
		}
	}

	/**
	 * Open a new connection outside the pool and the {@link ConnectionInterceptor}, with the
	 * same endpoint, credentials, database, TLS, timeouts and client options, named
	 * {@code <clientName>:oob}. For Sentinel it connects to the master the sentinels name
	 * now; for Redis Cluster to the first configured node that accepts the connection.
	 * Used by health and monitoring.
	 * @return a new connection; the caller closes it
	 */
	public StatefulRedisConnection<String, String> connectOutOfBand() {
		AbstractRedisClient client = getRequiredNativeClient();
		if (client instanceof RedisClient redisClient) {
			return redisClient.connect(StringCodec.UTF8, outOfBandUri());
		}
		return connectOutOfBandToCluster(clusterOutOfBandClient((RedisClusterClient) client));
	}

	// one node down must not make the cluster look down to health and monitoring
	private StatefulRedisConnection<String, String> connectOutOfBandToCluster(RedisClient client) {
		RedisClusterConfiguration cluster = getClusterConfiguration();
		Assert.state(cluster != null, "No cluster configuration");
		RuntimeException failure = null;
		for (RedisNode node : cluster.getClusterNodes()) {
			try {
				return client.connect(StringCodec.UTF8, withClientSettings(nodeUri(node.getRequiredHost(),
						node.getRequiredPort(), cluster.getUsername(), cluster.getPassword())));
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
		throw (failure != null) ? failure : new IllegalStateException("No cluster node configured");
	}

	private RedisClient clusterOutOfBandClient(RedisClusterClient clusterClient) {
		RedisClient client = this.clusterOutOfBandClient;
		if (client == null) {
			synchronized (this) {
				client = this.clusterOutOfBandClient;
				if (client == null) {
					client = RedisClient.create(clusterClient.getResources());
					client.setOptions(clusterClient.getOptions());
					this.clusterOutOfBandClient = client;
				}
			}
		}
		return client;
	}

	private RedisURI outOfBandUri() {
		if (isRedisSentinelAware()) {
			RedisSentinelConfiguration sentinel = getSentinelConfiguration();
			Assert.state(sentinel != null, "No sentinel configuration");
			return withClientSettings(LettuceConverters.sentinelConfigurationToRedisURI(sentinel));
		}
		RedisStandaloneConfiguration standalone = getStandaloneConfiguration();
		return withClientSettings(nodeUri(standalone.getHostName(), standalone.getPort(), standalone.getUsername(),
				standalone.getPassword()));
	}

	private RedisURI withClientSettings(RedisURI uri) {
		LettuceClientConfiguration clientConfiguration = getClientConfiguration();
		List<RedisURI> targets = new ArrayList<>(uri.getSentinels());
		targets.add(uri);
		for (RedisURI target : targets) {
			target.setSsl(clientConfiguration.isUseSsl());
			target.setVerifyPeer(clientConfiguration.getVerifyMode());
			target.setStartTls(clientConfiguration.isStartTls());
			target.setTimeout(clientConfiguration.getCommandTimeout());
		}
		uri.setDatabase(getDatabase());
		uri.setClientName(clientConfiguration.getClientName().orElse("resilient-redis") + OUT_OF_BAND_SUFFIX);
		return uri;
	}

	private static RedisURI nodeUri(String host, int port, @Nullable String username, RedisPassword password) {
		RedisURI.Builder builder = RedisURI.Builder.redis(host, port);
		if (StringUtils.hasText(username) && password.isPresent()) {
			builder.withAuthentication(username, password.get());
		}
		else {
			password.toOptional().ifPresent(builder::withPassword);
		}
		return builder.build();
	}

	@Override
	protected LettuceConnectionProvider doCreateConnectionProvider(AbstractRedisClient client, RedisCodec<?, ?> codec) {
		LettuceConnectionProvider provider = new FailureReportingConnectionProvider(
				super.doCreateConnectionProvider(client, codec), this.failureReporter, this::redactedEndpoint);
		if (this.poolConfig == null) {
			return provider;
		}
		PooledConnectionProvider pooled = new PooledConnectionProvider(provider, this.poolConfig,
				this.recordBorrowTraces);
		if (codec == ByteArrayCodec.INSTANCE) {
			this.pooledProvider = pooled;
		}
		return pooled;
	}

	/**
	 * Return the reporter that explains connect failures in the log, once per kind; the
	 * resilience layer may pass command failures to it too.
	 * @return the failure reporter
	 */
	public ConnectionFailureReporter getConnectionFailureReporter() {
		return this.failureReporter;
	}

	/**
	 * The endpoint as shown in logs: scheme, host and port, never credentials.
	 * @return for example {@code rediss://cache.example.com:6380}
	 */
	public String redactedEndpoint() {
		String scheme = getClientConfiguration().isUseSsl() ? "rediss://" : "redis://";
		if (isRedisSentinelAware()) {
			RedisSentinelConfiguration sentinel = getSentinelConfiguration();
			return scheme + ((sentinel != null) ? sentinel.getSentinels() : "") + " "
					+ ConnectionFailureHints.SENTINEL_ENDPOINT_MARKER
					+ ((sentinel != null && sentinel.getMaster() != null) ? sentinel.getMaster().getName() : "") + ")";
		}
		if (isClusterAware()) {
			RedisClusterConfiguration cluster = getClusterConfiguration();
			return scheme + ((cluster != null) ? cluster.getClusterNodes() : "")
					+ ConnectionFailureHints.CLUSTER_ENDPOINT_MARKER;
		}
		return scheme + getHostName() + ":" + getPort();
	}

	// The shared native connection is long-lived and not a dedicated connection: it
	// bypasses the pool, so the pool bounds dedicated connections only and resetting
	// the shared connection closes it instead of parking it in the pool.

	@Override
	protected @Nullable StatefulRedisConnection<byte[], byte[]> getSharedConnection() {
		return PooledConnectionProvider.unpooled(super::getSharedConnection);
	}

	@Override
	protected @Nullable StatefulRedisClusterConnection<byte[], byte[]> getSharedClusterConnection() {
		return PooledConnectionProvider.unpooled(super::getSharedClusterConnection);
	}

	@Override
	protected @Nullable StatefulConnection<ByteBuffer, ByteBuffer> getSharedReactiveConnection() {
		return PooledConnectionProvider.unpooled(super::getSharedReactiveConnection);
	}

	@Override
	public void validateConnection() {
		PooledConnectionProvider.unpooled(() -> {
			super.validateConnection();
			return null;
		});
	}

	@Override
	public void stop() {
		super.stop();
		this.pooledProvider = null;
		RedisClient client = this.clusterOutOfBandClient;
		this.clusterOutOfBandClient = null;
		if (client != null) {
			client.shutdown(getClientConfiguration().getShutdownQuietPeriod(),
					getClientConfiguration().getShutdownTimeout());
		}
	}

}
