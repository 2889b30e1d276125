package io.github.resilientredis.connection;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.commons.pool2.BasePooledObjectFactory;
import org.apache.commons.pool2.PooledObject;
import org.apache.commons.pool2.PooledObjectState;
import org.apache.commons.pool2.impl.DefaultPooledObject;

/**
 * Creates, validates and closes the pooled connections of a
 * {@link PooledConnectionProvider}, as Lettuce's {@code ConnectionPoolSupport} does, with a
 * PING for the {@link PoolValidation} modes that ask for one: on borrow, or on the
 * evictor's test of an idle connection. Lettuce's own factory takes a validation
 * {@code Predicate} of the connection only, which cannot tell the evictor's test from the
 * borrow's.
 */
final class ValidatingConnectionFactory extends BasePooledObjectFactory<StatefulConnection<?, ?>> {

	private static final Log logger = LogFactory.getLog(ValidatingConnectionFactory.class);

	private final Supplier<StatefulConnection<?, ?>> connections;

	private final PoolValidation validation;

	private final Supplier<CommandGuard> guard;

	/**
	 * Create a factory.
	 * @param connections opens a new connection
	 * @param validation when and how fast connections are PINGed
	 * @param guard the guard (as installed when a PING is sent) the PING bypasses
	 */
	ValidatingConnectionFactory(Supplier<StatefulConnection<?, ?>> connections, PoolValidation validation,
			Supplier<CommandGuard> guard) {
		this.connections = connections;
		this.validation = validation;
		this.guard = guard;
	}

	@Override
	public StatefulConnection<?, ?> create() {
		return this.connections.get();
	}

	@Override
	public PooledObject<StatefulConnection<?, ?>> wrap(StatefulConnection<?, ?> connection) {
		return new DefaultPooledObject<>(connection);
	}

	@Override
	public boolean validateObject(PooledObject<StatefulConnection<?, ?>> pooled) {
		StatefulConnection<?, ?> connection = pooled.getObject();
		if (!connection.isOpen()) {
			return false;
		}
		// commons-pool2 marks an idle connection under the evictor's test EVICTION
		boolean idleTest = pooled.getState() == PooledObjectState.EVICTION;
		return switch (this.validation.mode()) {
			case NONE -> true;
			case ON_BORROW -> ping(connection);
			case WHILE_IDLE -> !idleTest || ping(connection);
		};
	}

	@Override
	public void destroyObject(PooledObject<StatefulConnection<?, ?>> pooled) {
		pooled.getObject().close();
	}

	/**
	 * Whether the connection answers a PING within the validation deadline. The PING
	 * bypasses the guard: a dead pooled connection is replaced, it is not a failed command
	 * of the application and must not count towards opening the circuit breaker.
	 */
	private boolean ping(StatefulConnection<?, ?> connection) {
		RedisFuture<String> reply = this.guard.get().bypass(() -> {
			if (connection instanceof StatefulRedisConnection<?, ?> redis) {
				return redis.async().ping();
			}
			if (connection instanceof StatefulRedisClusterConnection<?, ?> cluster) {
				return cluster.async().ping();
			}
			return null;
		});
		if (reply == null) {
			return true;
		}
		try {
			return "PONG".equals(reply.get(this.validation.timeout().toMillis(), TimeUnit.MILLISECONDS));
		}
		catch (TimeoutException | ExecutionException ex) {
			logger.debug("Closing pooled Redis connection " + connection + ": no answer to the validation PING within "
					+ "redis.pool.validation-timeout (" + this.validation.timeout().toMillis() + " ms)", ex);
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

}
