package io.github.resilientredis.connection;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.ToLongFunction;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.codec.RedisCodec;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import org.jspecify.annotations.Nullable;

import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.data.redis.connection.ClusterCommandExecutor;
import org.springframework.data.redis.connection.ClusterTopologyProvider;
import org.springframework.data.redis.connection.RedisClusterConfiguration;
import org.springframework.data.redis.connection.RedisConfiguration;
import org.springframework.data.redis.connection.RedisSentinelConfiguration;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClusterConnection;
import org.springframework.data.redis.connection.lettuce.LettuceConnection;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionProvider;
import org.springframework.data.redis.connection.lettuce.LettucePoolingClientConfiguration;
import org.springframework.util.Assert;

import io.github.resilientredis.diagnostics.ConnectionFailureReporter;
import io.github.resilientredis.diagnostics.Endpoint;

/**
 * A {@link LettuceConnectionFactory} whose dedicated connections come from an inspectable
 * commons-pool2 pool and whose commands write through a {@link CommandGuard} (the circuit
 * breaker). The connections it hands out are Spring Data Redis' own
 * {@code LettuceConnection} and {@code LettuceClusterConnection}.
 * <p>
 * Spring Data Redis' own pooling hides its pool, so this factory is given a
 * <em>non-pooling</em> client configuration and wraps the connection providers in a
 * {@link PooledConnectionProvider} itself.
 */
public class ResilientLettuceConnectionFactory extends LettuceConnectionFactory {

	private final @Nullable GenericObjectPoolConfig<StatefulConnection<?, ?>> poolConfig;

	private final boolean recordBorrowTraces;

	private final ConnectionFailureReporter failureReporter = new ConnectionFailureReporter();

	private volatile CommandGuard commandGuard = CommandGuard.NONE;

	private PoolValidation poolValidation = PoolValidation.DEFAULT;

	/** The pools of the blocking and the reactive API's dedicated connections. */
	private final List<PooledConnectionProvider> pooledProviders = new CopyOnWriteArrayList<>();

	private final AtomicReference<@Nullable OutOfBandConnector> outOfBand = new AtomicReference<>();

	private final AtomicReference<@Nullable ClientWarmUp> warmUp = new AtomicReference<>();

	private final AtomicReference<@Nullable SentinelMasterSwitchWatcher> masterSwitchWatcher = new AtomicReference<>();

	private final List<Runnable> masterSwitchListeners = new CopyOnWriteArrayList<>();

	/** Create a factory for a standalone server, see {@link #create}. */
	public ResilientLettuceConnectionFactory(RedisStandaloneConfiguration configuration,
			LettuceClientConfiguration clientConfiguration,
			@Nullable GenericObjectPoolConfig<StatefulConnection<?, ?>> poolConfig, boolean recordBorrowTraces) {
		super(configuration, requireNonPooling(clientConfiguration));
		this.poolConfig = poolConfig;
		this.recordBorrowTraces = recordBorrowTraces;
		propagateGuardToClusterExecutor();
	}

	// Spring Data Redis' RedisConfiguration constructor is its sentinel and cluster
	// constructors' code, but it keeps a standalone configuration's endpoint only in the
	// typed one above
	private ResilientLettuceConnectionFactory(RedisConfiguration configuration,
			LettuceClientConfiguration clientConfiguration,
			@Nullable GenericObjectPoolConfig<StatefulConnection<?, ?>> poolConfig, boolean recordBorrowTraces) {
		super(configuration, requireNonPooling(clientConfiguration));
		this.poolConfig = poolConfig;
		this.recordBorrowTraces = recordBorrowTraces;
		propagateGuardToClusterExecutor();
	}

	/**
	 * Create a factory for a standalone, sentinel or cluster configuration.
	 * @param configuration the configuration
	 * @param clientConfiguration a non-pooling client configuration
	 * @param poolConfig the pool of dedicated connections, or {@code null} not to pool
	 * @param recordBorrowTraces whether to record the borrower's stack trace on every
	 * borrow (for leak reports)
	 * @return the factory
	 */
	public static ResilientLettuceConnectionFactory create(RedisConfiguration configuration,
			LettuceClientConfiguration clientConfiguration,
			@Nullable GenericObjectPoolConfig<StatefulConnection<?, ?>> poolConfig, boolean recordBorrowTraces) {
		if (configuration instanceof RedisStandaloneConfiguration standalone) {
			return new ResilientLettuceConnectionFactory(standalone, clientConfiguration, poolConfig,
					recordBorrowTraces);
		}
		Assert.isTrue(configuration instanceof RedisClusterConfiguration
				|| configuration instanceof RedisSentinelConfiguration,
				() -> "Unsupported Redis configuration " + configuration.getClass().getName());
		return new ResilientLettuceConnectionFactory(configuration, clientConfiguration, poolConfig, recordBorrowTraces);
	}

	/**
	 * Cluster-wide commands (PING, KEYS, FLUSHALL... on every node) run on an executor:
	 * the guard's context goes with them.
	 */
	private void propagateGuardToClusterExecutor() {
		SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("redis-cluster-");
		executor.setTaskDecorator((task) -> getCommandGuard().propagate(task));
		setExecutor(executor);
	}

	private static LettuceClientConfiguration requireNonPooling(LettuceClientConfiguration clientConfiguration) {
		Assert.isTrue(!(clientConfiguration instanceof LettucePoolingClientConfiguration),
				"Pass a non-pooling LettuceClientConfiguration and the pool settings separately");
		return clientConfiguration;
	}

	/**
	 * Set the guard every command connection writes through. Takes effect for the
	 * connections opened from then on: set it before the factory starts.
	 */
	public void setCommandGuard(CommandGuard commandGuard) {
		Assert.notNull(commandGuard, "'commandGuard' must not be null");
		this.commandGuard = commandGuard;
	}

	/**
	 * Set when and how fast pooled dedicated connections are PINGed; applies to pools
	 * created from then on: set it before the factory starts.
	 */
	public void setPoolValidation(PoolValidation poolValidation) {
		Assert.notNull(poolValidation, "'poolValidation' must not be null");
		this.poolValidation = poolValidation;
	}

	/** The guard every command connection writes through. */
	public CommandGuard getCommandGuard() {
		return this.commandGuard;
	}

	/**
	 * Create the Lettuce client as Spring Data Redis would, but one whose command
	 * connections write through the {@link CommandGuard}: the connections handed out stay
	 * Spring Data Redis' own {@code LettuceConnection}s, and the reactive API, pipelines
	 * and every cluster node are guarded alike.
	 */
	@Override
	protected AbstractRedisClient createClient() {
		return GuardedClients.of(this, this::getCommandGuard);
	}

	/**
	 * Spring Data Redis waits for each command with its own timeout, the command
	 * timeout, which cuts a blocking command short. When Lettuce bounds every command
	 * ({@link BlockingCommands#timeoutSource}: the command timeout, plus the block time of
	 * a blocking command), the connection waits for Lettuce's verdict instead.
	 */
	@Override
	protected LettuceConnection doCreateLettuceConnection(
			@Nullable StatefulRedisConnection<byte[], byte[]> sharedConnection,
			LettuceConnectionProvider connectionProvider, long timeout, int database) {
		return super.doCreateLettuceConnection(sharedConnection, connectionProvider,
				lettuceBoundsCommands() ? 0 : timeout, database);
	}

	@Override
	protected LettuceClusterConnection doCreateLettuceClusterConnection(
			@Nullable StatefulRedisClusterConnection<byte[], byte[]> sharedConnection,
			LettuceConnectionProvider connectionProvider, ClusterTopologyProvider topologyProvider,
			ClusterCommandExecutor clusterCommandExecutor, Duration commandTimeout) {
		return super.doCreateLettuceClusterConnection(sharedConnection, connectionProvider, topologyProvider,
				clusterCommandExecutor, lettuceBoundsCommands() ? Duration.ZERO : commandTimeout);
	}

	private boolean lettuceBoundsCommands() {
		return getClientConfiguration().getClientOptions()
			.map((options) -> options.getTimeoutOptions().isTimeoutCommands())
			.orElse(false);
	}

	/**
	 * The statistics of the current dedicated-connection pool (not pooled when pooling is
	 * disabled, all zero before the factory starts); ask again after a restart.
	 */
	public ConnectionPoolStatistics getPoolStatistics() {
		return new Pools(this.poolConfig != null, (this.poolConfig != null) ? this.poolConfig.getMaxTotal() : -1,
				List.copyOf(this.pooledProviders));
	}

	/**
	 * Close the shared connection and every idle pooled connection, so the next command
	 * connects afresh. Borrowed connections are left to their borrowers; the pool
	 * discards them on return if they are closed.
	 */
	public void resetConnections() {
		resetConnection();
		this.pooledProviders.forEach(PooledConnectionProvider::clear);
	}

	/**
	 * Open a new connection, which the caller closes, outside the pool and the
	 * {@link CommandGuard}, see {@link OutOfBandConnector#connect()}. Used by health,
	 * monitoring and hang detection.
	 */
	public StatefulRedisConnection<String, String> connectOutOfBand() {
		OutOfBandConnector connector = this.outOfBand.get();
		Assert.state(connector != null, "The Redis connection factory is not started");
		return connector.connect();
	}

	@Override
	protected LettuceConnectionProvider doCreateConnectionProvider(AbstractRedisClient client, RedisCodec<?, ?> codec) {
		LettuceConnectionProvider provider = new FailureReportingConnectionProvider(
				super.doCreateConnectionProvider(client, codec), this.failureReporter, this::endpoint,
				() -> getCommandGuard().admitConnect());
		if (this.poolConfig == null) {
			return provider;
		}
		PooledConnectionProvider pooled = new PooledConnectionProvider(provider, this.poolConfig,
				this.recordBorrowTraces, this.poolValidation, this::getCommandGuard);
		this.pooledProviders.add(pooled);
		return pooled;
	}

	/**
	 * Where this factory connects: topology, TLS, address and sentinel master, never
	 * credentials; its {@code toString()} ({@code rediss://cache.example.com:6380}) is the
	 * text logs and health show.
	 */
	public Endpoint endpoint() {
		return new ClientUris(this).describe();
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

	/**
	 * Start the factory without connecting, and warm the Lettuce client up in the
	 * background (event loops started, connect path loaded, see {@link ClientWarmUp}), so
	 * that the first command is fast even when Redis is down.
	 */
	@Override
	public void start() {
		boolean wasRunning = isRunning();
		super.start();
		if (wasRunning || !isRunning()) {
			return;
		}
		getClientConfiguration().getClientResources()
			.filter((resources) -> this.warmUp.get() == null)
			.ifPresent((resources) -> this.warmUp.set(ClientWarmUp.start(resources,
					getClientConfiguration().getClientOptions().orElseGet(ClientOptions::create))));
		OutOfBandConnector connector = new OutOfBandConnector(this);
		this.outOfBand.set(connector);
		if (isRedisSentinelAware()) {
			this.masterSwitchWatcher
				.set(SentinelMasterSwitchWatcher.start(this, connector.client(), this::onMasterSwitch));
		}
	}

	/**
	 * Run an action, on a Lettuce computation thread, whenever a sentinel announces a new
	 * master, after the connections were reset (the resilience layer lets a probe through
	 * its breaker then).
	 */
	public void addMasterSwitchListener(Runnable listener) {
		this.masterSwitchListeners.add(listener);
	}

	/**
	 * A sentinel named a new master: connections to the old one would only find it at
	 * their next reconnect attempt, so the next command connects afresh (the sentinel
	 * lookup then names the new master).
	 */
	private void onMasterSwitch() {
		resetConnections();
		this.masterSwitchListeners.forEach(Runnable::run);
	}

	/**
	 * Completes when the background warm-up of the Lettuce client is over (at once when
	 * there is nothing to warm up).
	 */
	public CompletableFuture<Void> getWarmUp() {
		ClientWarmUp current = this.warmUp.get();
		return (current != null) ? current.done() : CompletableFuture.completedFuture(null);
	}

	@Override
	public void stop() {
		Optional.ofNullable(this.masterSwitchWatcher.getAndSet(null)).ifPresent(SentinelMasterSwitchWatcher::close);
		Optional.ofNullable(this.warmUp.getAndSet(null)).ifPresent(ClientWarmUp::close);
		super.stop();
		this.pooledProviders.clear();
		Optional.ofNullable(this.outOfBand.getAndSet(null)).ifPresent(OutOfBandConnector::close);
	}

	/**
	 * The blocking and the reactive pools together (none while pooling is disabled or the
	 * factory is stopped); max-active bounds each pool, so the maximum is max-active per pool
	 * in use.
	 */
	private record Pools(boolean isPooled, int maxPerPool,
			List<PooledConnectionProvider> pools) implements ConnectionPoolStatistics {

		@Override
		public int getMaxActive() {
			return (this.maxPerPool < 0) ? this.maxPerPool
					: this.maxPerPool * Math.max(1, this.pools.stream().mapToInt(PooledConnectionProvider::poolsInUse).sum());
		}

		@Override
		public int getActive() {
			return (int) sum(PooledConnectionProvider::getActive);
		}

		@Override
		public int getIdle() {
			return (int) sum(PooledConnectionProvider::getIdle);
		}

		@Override
		public int getWaiting() {
			return (int) sum(PooledConnectionProvider::getWaiting);
		}

		@Override
		public long getCreated() {
			return sum(PooledConnectionProvider::getCreated);
		}

		@Override
		public long getDestroyed() {
			return sum(PooledConnectionProvider::getDestroyed);
		}

		private long sum(ToLongFunction<PooledConnectionProvider> count) {
			return this.pools.stream().mapToLong(count).sum();
		}

		@Override
		public List<Borrow> borrowedLongerThan(Duration threshold) {
			return this.pools.stream()
				.flatMap((pool) -> pool.borrowedLongerThan(threshold).stream())
				.sorted(Comparator.comparing(Borrow::heldFor).reversed())
				.toList();
		}

	}

}
