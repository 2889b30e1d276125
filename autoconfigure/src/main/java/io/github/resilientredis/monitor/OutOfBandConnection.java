package io.github.resilientredis.monitor;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;

import io.github.resilientredis.diagnostics.Redaction;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.jspecify.annotations.Nullable;

/**
 * A single monitoring connection, apart from the application's pool and circuit
 * breaker, on which every command runs under a hard deadline. The connection is opened
 * lazily in the background and re-opened after a failure, so a hung server never blocks
 * a caller for longer than its deadline and never accumulates connections.
 */
public class OutOfBandConnection implements AutoCloseable {

	private final Supplier<StatefulRedisConnection<String, String>> connector;

	private final ExecutorService opener;

	private @Nullable StatefulRedisConnection<String, String> connection;

	private @Nullable CompletableFuture<StatefulRedisConnection<String, String>> opening;

	private volatile boolean closed;

	/**
	 * Create the connection holder; nothing is opened yet.
	 * @param connector opens a new connection that is not pooled and not behind the
	 * breaker
	 */
	public OutOfBandConnection(Supplier<StatefulRedisConnection<String, String>> connector) {
		this.connector = connector;
		this.opener = Executors.newSingleThreadExecutor(new DefaultThreadFactory("redis-monitor-connect", true));
	}

	/**
	 * Run a command within the deadline.
	 * @param <T> the result type
	 * @param command issues the command on the asynchronous API
	 * @param timeout the hard deadline, including (re)opening the connection
	 * @return the result
	 * @throws RedisCommandExecutionException when the server rejects the command (for
	 * example NOPERM); the connection stays open
	 * @throws OutOfBandException when the server cannot be reached within the deadline
	 */
	public <T> T execute(Function<RedisAsyncCommands<String, String>, RedisFuture<T>> command, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		StatefulRedisConnection<String, String> current = acquire(deadline);
		RedisFuture<T> future = command.apply(current.async());
		try {
			return future.get(remaining(deadline), TimeUnit.NANOSECONDS);
		}
		catch (TimeoutException ex) {
			future.cancel(true);
			invalidate(current);
			throw new OutOfBandException("Redis did not answer within " + timeout.toMillis() + " ms", ex);
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof RedisCommandExecutionException commandFailure) {
				throw commandFailure;
			}
			invalidate(current);
			throw new OutOfBandException(Redaction.describe(ex), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new OutOfBandException("Interrupted", ex);
		}
	}

	/**
	 * Start opening the connection in the background (if it is not open), so the first
	 * health check does not pay for connecting.
	 */
	public void connectInBackground() {
		try {
			open();
		}
		catch (OutOfBandException ex) {
			// closed: nothing to warm up
		}
	}

	private synchronized CompletableFuture<StatefulRedisConnection<String, String>> open() {
		if (this.closed) {
			throw new OutOfBandException("Monitoring connection is closed", null);
		}
		if (this.connection != null && this.connection.isOpen()) {
			return CompletableFuture.completedFuture(this.connection);
		}
		if (this.opening == null) {
			this.opening = CompletableFuture.supplyAsync(this.connector, this.opener);
		}
		return this.opening;
	}

	private StatefulRedisConnection<String, String> acquire(long deadline) {
		CompletableFuture<StatefulRedisConnection<String, String>> pending = open();
		try {
			StatefulRedisConnection<String, String> opened = pending.get(remaining(deadline), TimeUnit.NANOSECONDS);
			synchronized (this) {
				if (this.opening == pending) {
					this.opening = null;
					this.connection = opened;
				}
				if (this.closed) {
					opened.closeAsync();
				}
				return opened;
			}
		}
		catch (TimeoutException ex) {
			// the open keeps running in the background; the next caller waits for it
			throw new OutOfBandException("Could not connect to Redis within the deadline", ex);
		}
		catch (ExecutionException ex) {
			synchronized (this) {
				if (this.opening == pending) {
					this.opening = null;
				}
			}
			throw new OutOfBandException("Could not connect to Redis: " + Redaction.describe(ex), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new OutOfBandException("Interrupted", ex);
		}
	}

	private static long remaining(long deadline) {
		return Math.max(0, deadline - System.nanoTime());
	}

	private synchronized void invalidate(StatefulRedisConnection<String, String> failed) {
		if (this.connection == failed) {
			this.connection = null;
		}
		failed.closeAsync();
	}

	@Override
	public void close() {
		StatefulRedisConnection<String, String> current;
		synchronized (this) {
			this.closed = true;
			current = this.connection;
			this.connection = null;
			if (this.opening != null) {
				this.opening.thenAccept(StatefulRedisConnection::closeAsync);
			}
		}
		if (current != null) {
			// synchronously: the factory shuts the client down right after, and a connection
			// still closing then is closed twice ("Connection is already closed")
			current.close();
		}
		this.opener.shutdownNow();
	}

	/**
	 * Redis could not be reached through the monitoring connection within the deadline.
	 */
	public static class OutOfBandException extends RuntimeException {

		OutOfBandException(String message, @Nullable Throwable cause) {
			super(message, cause);
		}

	}

}
