package io.github.resilientredis.connection;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.support.AsyncObjectFactory;
import io.lettuce.core.support.BoundedAsyncPool;
import io.lettuce.core.support.BoundedPoolConfig;
import io.lettuce.core.support.CommonsPool2ConfigConverter;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.commons.pool2.impl.GenericObjectPool;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.data.redis.connection.PoolException;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionProvider;

/**
 * Pools the dedicated connections of a {@code LettuceConnectionFactory} in commons-pool2
 * pools (one per connection type, like Spring Data Redis' own pooling provider) and keeps
 * the pools reachable for statistics, leak reports and clearing.
 * <p>
 * Hand-written because Spring Data Redis' {@code LettucePoolingConnectionProvider} (4.1)
 * is package-private and keeps its pools private (no statistics, borrow times or
 * {@link #clear()}), builds them with Lettuce's {@code ConnectionPoolSupport} (no PING
 * outside the {@link CommandGuard}, see {@link ValidatingConnectionFactory}), reports
 * exhaustion without naming {@code redis.pool.*}, pools the shared native connection too
 * (see {@link #unpooled(Supplier)}), is not {@link LettuceConnectionProvider.TargetAware}
 * (sentinel replicas) and throws on releasing a connection it did not pool.
 */
public final class PooledConnectionProvider implements LettuceConnectionProvider,
		LettuceConnectionProvider.TargetAware, DisposableBean, ConnectionPoolStatistics {

	private static final Log logger = LogFactory.getLog(PooledConnectionProvider.class);

	private static final ThreadLocal<Boolean> UNPOOLED = ThreadLocal.withInitial(() -> Boolean.FALSE);

	private final LettuceConnectionProvider delegate;

	private final GenericObjectPoolConfig<StatefulConnection<?, ?>> poolConfig;

	private final BoundedPoolConfig asyncPoolConfig;

	private final boolean recordBorrowTraces;

	private final PoolValidation validation;

	private final Supplier<CommandGuard> guard;

	private final Map<Class<?>, GenericObjectPool<StatefulConnection<?, ?>>> pools = new ConcurrentHashMap<>();

	private final Map<StatefulConnection<?, ?>, Borrowed<GenericObjectPool<StatefulConnection<?, ?>>>> borrowed = new ConcurrentHashMap<>();

	private final Map<Class<?>, BoundedAsyncPool<StatefulConnection<?, ?>>> asyncPools = new ConcurrentHashMap<>();

	private final Map<StatefulConnection<?, ?>, Borrowed<BoundedAsyncPool<StatefulConnection<?, ?>>>> asyncBorrowed = new ConcurrentHashMap<>();

	/** Connections Lettuce's async pools created and destroyed (they keep no such counts). */
	private final AtomicLong asyncCreated = new AtomicLong();

	private final AtomicLong asyncDestroyed = new AtomicLong();

	private final AtomicBoolean destroyed = new AtomicBoolean();

	/** Unique over every provider (a factory has one per API), so a borrow is never mistaken for another. */
	private static final AtomicLong borrowIds = new AtomicLong();

	/**
	 * Create a provider pooling the connections of {@code delegate}.
	 * @param delegate creates the actual connections
	 * @param poolConfig pool settings (copied; validation on borrow is switched on, and
	 * while idle for {@link PoolValidation.Mode#WHILE_IDLE})
	 * @param recordBorrowTraces whether to record the borrower's stack trace on every
	 * borrow (costly; for leak detection)
	 * @param validation when and how fast pooled connections are PINGed
	 * @param guard the guard (as installed when a PING is sent) the validation PING
	 * bypasses: a connection that fails it is replaced, it is not a failed command of the
	 * application
	 */
	public PooledConnectionProvider(LettuceConnectionProvider delegate,
			GenericObjectPoolConfig<StatefulConnection<?, ?>> poolConfig, boolean recordBorrowTraces,
			PoolValidation validation, Supplier<CommandGuard> guard) {
		this.delegate = delegate;
		this.poolConfig = poolConfig.clone();
		this.poolConfig.setTestOnBorrow(true);
		this.poolConfig.setTestWhileIdle(validation.mode() == PoolValidation.Mode.WHILE_IDLE);
		this.validation = validation;
		this.guard = guard;
		this.asyncPoolConfig = CommonsPool2ConfigConverter.bounded(this.poolConfig);
		this.recordBorrowTraces = recordBorrowTraces;
	}

	/**
	 * Run {@code action} so that connections it obtains from any
	 * {@code PooledConnectionProvider} on this thread bypass the pool. Used for the
	 * long-lived shared native connection, which is not a dedicated connection.
	 * @param <T> the result type
	 * @param action the action obtaining a connection
	 * @return the result of the action
	 */
	public static <T> T unpooled(Supplier<T> action) {
		Boolean previous = UNPOOLED.get();
		UNPOOLED.set(Boolean.TRUE);
		try {
			return action.get();
		}
		finally {
			UNPOOLED.set(previous);
		}
	}

	@Override
	public <T extends StatefulConnection<?, ?>> T getConnection(Class<T> connectionType) {
		if (UNPOOLED.get()) {
			return this.delegate.getConnection(connectionType);
		}
		GenericObjectPool<StatefulConnection<?, ?>> pool = this.pools.computeIfAbsent(connectionType,
				(type) -> createPool(connectionType));
		try {
			StatefulConnection<?, ?> connection = pool.borrowObject();
			this.borrowed.put(connection,
					new Borrowed<>(borrowIds.incrementAndGet(), connectionType, System.nanoTime(), borrowTrace(), pool));
			return connectionType.cast(connection);
		}
		catch (NoSuchElementException ex) {
			if (ex.getMessage() != null && ex.getMessage().startsWith("Unable to validate")) {
				// a connection created for this borrow failed validation (on-borrow PING)
				throw new PoolException("A new Redis connection did not answer the validation PING within "
						+ "redis.pool.validation-timeout (" + this.validation.timeout().toMillis() + " ms): Redis "
						+ "is overloaded or unreachable; raise redis.pool.validation-timeout if it is just slow", ex);
			}
			throw new PoolExhaustedException("No Redis connection available in the pool within redis.pool.max-wait ("
					+ this.poolConfig.getMaxWaitDuration().toMillis() + " ms): all " + this.poolConfig.getMaxTotal()
					+ " dedicated connections are in use (blocking commands, transactions or connections not closed). "
					+ "Raise redis.pool.max-active or redis.pool.max-wait, or release connections sooner", ex);
		}
		catch (Exception ex) {
			throw (ex instanceof RuntimeException runtime) ? runtime
					: new PoolException("Could not get a Redis connection from the pool", ex);
		}
	}

	private GenericObjectPool<StatefulConnection<?, ?>> createPool(Class<? extends StatefulConnection<?, ?>> type) {
		GenericObjectPool<StatefulConnection<?, ?>> pool = new GenericObjectPool<>(
				new ValidatingConnectionFactory(() -> this.delegate.getConnection(type), this.validation, this.guard),
				this.poolConfig);
		try {
			pool.preparePool();
		}
		catch (Exception ex) {
			throw new PoolException("Could not prepare the pool (redis.pool.min-idle)", ex);
		}
		return pool;
	}

	@Override
	public <T extends StatefulConnection<?, ?>> CompletionStage<T> getConnectionAsync(Class<T> connectionType) {
		if (UNPOOLED.get()) {
			return this.delegate.getConnectionAsync(connectionType);
		}
		BoundedAsyncPool<StatefulConnection<?, ?>> pool = this.asyncPools.computeIfAbsent(connectionType,
				(type) -> new BoundedAsyncPool<>(new CountingAsyncFactory(connectionType), this.asyncPoolConfig));
		// the borrower's stack is this one, not the thread that completes the acquisition
		Throwable trace = borrowTrace();
		return pool.acquire().thenApply((connection) -> {
			this.asyncBorrowed.put(connection, new Borrowed<>(borrowIds.incrementAndGet(), connectionType,
					System.nanoTime(), trace, pool));
			return connectionType.cast(connection);
		});
	}

	private @Nullable Throwable borrowTrace() {
		return this.recordBorrowTraces ? new Throwable("Borrowed here") : null;
	}

	@Override
	public <T extends StatefulConnection<?, ?>> T getConnection(Class<T> connectionType, RedisURI redisURI) {
		return FailureReportingConnectionProvider.targetAware(this.delegate).getConnection(connectionType, redisURI);
	}

	@Override
	public <T extends StatefulConnection<?, ?>> CompletionStage<T> getConnectionAsync(Class<T> connectionType,
			RedisURI redisURI) {
		return FailureReportingConnectionProvider.targetAware(this.delegate)
			.getConnectionAsync(connectionType, redisURI);
	}

	@Override
	public void release(StatefulConnection<?, ?> connection) {
		Borrowed<GenericObjectPool<StatefulConnection<?, ?>>> borrowed = this.borrowed.remove(connection);
		if (borrowed != null) {
			discardTransaction(connection);
			borrowed.pool().returnObject(connection);
			return;
		}
		Borrowed<BoundedAsyncPool<StatefulConnection<?, ?>>> asyncBorrowed = this.asyncBorrowed.remove(connection);
		if (asyncBorrowed != null) {
			discardTransaction(connection);
			asyncBorrowed.pool().release(connection).join();
			return;
		}
		// not pooled (the shared connection, or a node connection): close it
		this.delegate.release(connection);
	}

	@Override
	public CompletableFuture<Void> releaseAsync(StatefulConnection<?, ?> connection) {
		Borrowed<GenericObjectPool<StatefulConnection<?, ?>>> borrowed = this.borrowed.remove(connection);
		if (borrowed != null) {
			logger.warn("Releasing asynchronously a connection that was obtained from a blocking pool");
			borrowed.pool().returnObject(connection);
			return CompletableFuture.completedFuture(null);
		}
		Borrowed<BoundedAsyncPool<StatefulConnection<?, ?>>> asyncBorrowed = this.asyncBorrowed.remove(connection);
		if (asyncBorrowed != null) {
			return asyncBorrowed.pool().release(connection);
		}
		return this.delegate.releaseAsync(connection);
	}

	private static void discardTransaction(StatefulConnection<?, ?> connection) {
		if (connection instanceof StatefulRedisConnection<?, ?> redisConnection && redisConnection.isMulti()) {
			redisConnection.async().discard();
		}
	}

	/**
	 * Close every idle pooled connection; borrowed ones are closed when returned only if
	 * they are no longer open.
	 */
	public void clear() {
		this.pools.values().forEach(GenericObjectPool::clear);
		this.asyncPools.values().forEach(BoundedAsyncPool::clear);
	}

	@Override
	public void destroy() {
		if (!this.destroyed.compareAndSet(false, true)) {
			return;
		}
		if (!this.borrowed.isEmpty() || !this.asyncBorrowed.isEmpty()) {
			logger.warn("Closing the Redis connection pool with " + (this.borrowed.size() + this.asyncBorrowed.size())
					+ " connection(s) still borrowed");
		}
		this.borrowed.forEach((connection, borrowed) -> borrowed.pool().returnObject(connection));
		this.borrowed.clear();
		List<CompletableFuture<Void>> releases = new ArrayList<>();
		this.asyncBorrowed.forEach((connection, borrowed) -> releases.add(borrowed.pool().release(connection)));
		this.asyncBorrowed.clear();
		this.pools.values().forEach(GenericObjectPool::close);
		this.pools.clear();
		CompletableFuture.allOf(releases.stream()
			.map((release) -> release.exceptionally((ex) -> null))
			.toArray(CompletableFuture[]::new)).join();
		CompletableFuture.allOf(this.asyncPools.values()
			.stream()
			.map((pool) -> pool.closeAsync().exceptionally((ex) -> null))
			.toArray(CompletableFuture[]::new)).join();
		this.asyncPools.clear();
	}

	@Override
	public boolean isPooled() {
		return true;
	}

	@Override
	public int getActive() {
		return (int) sum(GenericObjectPool::getNumActive)
				+ this.asyncPools.values().stream().mapToInt((pool) -> pool.getObjectCount() - pool.getIdle()).sum();
	}

	@Override
	public int getIdle() {
		return (int) sum(GenericObjectPool::getNumIdle)
				+ this.asyncPools.values().stream().mapToInt(BoundedAsyncPool::getIdle).sum();
	}

	@Override
	public int getWaiting() {
		return (int) sum(GenericObjectPool::getNumWaiters);
	}

	@Override
	public int getMaxActive() {
		return this.poolConfig.getMaxTotal() * Math.max(1, poolsInUse());
	}

	/** The pools created so far: one per connection type and API, each bounded by max-active. */
	int poolsInUse() {
		return this.pools.size() + this.asyncPools.size();
	}

	@Override
	public long getCreated() {
		return sum(GenericObjectPool::getCreatedCount) + this.asyncCreated.get();
	}

	@Override
	public long getDestroyed() {
		return sum(GenericObjectPool::getDestroyedCount) + this.asyncDestroyed.get();
	}

	// commons-pool2 counts per pool (one per connection type); the statistics are the sums,
	// with the async pools' (Lettuce's async pool counts no waiters)
	private long sum(ToLongFunction<GenericObjectPool<?>> count) {
		return this.pools.values().stream().mapToLong(count).sum();
	}

	@Override
	public List<Borrow> borrowedLongerThan(Duration threshold) {
		long now = System.nanoTime();
		List<Borrow> result = new ArrayList<>();
		BiConsumer<StatefulConnection<?, ?>, Borrowed<?>> held = (connection, borrowed) -> {
			Duration heldFor = Duration.ofNanos(now - borrowed.since());
			if (heldFor.compareTo(threshold) >= 0) {
				result.add(new Borrow(borrowed.id(), borrowed.type().getSimpleName() + " " + connection, heldFor,
						trace(borrowed.trace())));
			}
		};
		this.borrowed.forEach(held);
		this.asyncBorrowed.forEach(held);
		result.sort(Comparator.comparing(Borrow::heldFor).reversed());
		return result;
	}

	private static @Nullable String trace(@Nullable Throwable trace) {
		if (trace == null) {
			return null;
		}
		StringWriter text = new StringWriter();
		trace.printStackTrace(new PrintWriter(text));
		return text.toString();
	}

	/**
	 * One borrow, keyed by the connection object itself (identity: Lettuce connections do
	 * not override {@code equals}); the trace is taken at the borrow when traces are on.
	 */
	private record Borrowed<P>(long id, Class<?> type, long since, @Nullable Throwable trace, P pool) {
	}

	/**
	 * What Lettuce's {@code AsyncConnectionPoolSupport} builds (connect, close, valid when
	 * open), counting creations and destructions for the statistics.
	 */
	private final class CountingAsyncFactory implements AsyncObjectFactory<StatefulConnection<?, ?>> {

		private final Class<? extends StatefulConnection<?, ?>> type;

		CountingAsyncFactory(Class<? extends StatefulConnection<?, ?>> type) {
			this.type = type;
		}

		@Override
		public CompletableFuture<StatefulConnection<?, ?>> create() {
			return PooledConnectionProvider.this.delegate.getConnectionAsync(this.type)
				.toCompletableFuture()
				.thenApply((connection) -> {
					PooledConnectionProvider.this.asyncCreated.incrementAndGet();
					return connection;
				});
		}

		@Override
		public CompletableFuture<Void> destroy(StatefulConnection<?, ?> connection) {
			PooledConnectionProvider.this.asyncDestroyed.incrementAndGet();
			return connection.closeAsync();
		}

		@Override
		public CompletableFuture<Boolean> validate(StatefulConnection<?, ?> connection) {
			return CompletableFuture.completedFuture(connection.isOpen());
		}

	}

}
