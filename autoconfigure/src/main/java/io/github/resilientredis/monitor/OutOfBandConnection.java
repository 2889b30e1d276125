package io.github.resilientredis.monitor;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
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

	/** Nothing is opened yet; {@code connector} opens a connection neither pooled nor behind the breaker. */
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
			return await(future, deadline, "Redis did not answer within " + timeout.toMillis() + " ms", "");
		}
		catch (OutOfBandException ex) {
			if (ex.getCause() instanceof ExecutionException failed
					&& failed.getCause() instanceof RedisCommandExecutionException refused) {
				throw refused;
			}
			if (!(ex.getCause() instanceof InterruptedException)) {
				future.cancel(true);
				invalidate(current);
			}
			throw ex;
		}
	}

	/**
	 * {@link #execute Run} a command the server may refuse (ACL, a managed server, a
	 * renamed command): then {@code refused} is told why (redacted) and it returns
	 * {@code null}.
	 */
	public <T> @Nullable T executeUnlessRefused(Function<RedisAsyncCommands<String, String>, RedisFuture<T>> command,
			Duration timeout, Consumer<String> refused) {
		try {
			return execute(command, timeout);
		}
		catch (RedisCommandExecutionException ex) {
			refused.accept(Redaction.describe(ex));
			return null;
		}
	}

	/**
	 * Wait until the deadline: the one wait of the monitoring, so a hung server or node
	 * costs at most the deadline. Every failure (the interrupt is kept) is thrown as an
	 * {@link OutOfBandException} caused by it: {@code timedOut}, or the redacted failure
	 * after {@code failedPrefix}.
	 */
	static <T> T await(Future<T> future, long deadline, String timedOut, String failedPrefix) {
		try {
			return future.get(remaining(deadline).toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (TimeoutException ex) {
			throw new OutOfBandException(timedOut, ex);
		}
		catch (ExecutionException ex) {
			throw new OutOfBandException(failedPrefix + Redaction.describe(ex), ex);
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
		StatefulRedisConnection<String, String> opened;
		try {
			// after a timeout the open keeps running in the background; the next caller waits for it
			opened = await(pending, deadline, "Could not connect to Redis within the deadline",
					"Could not connect to Redis: ");
		}
		catch (OutOfBandException ex) {
			if (ex.getCause() instanceof ExecutionException) {
				synchronized (this) {
					if (this.opening == pending) {
						this.opening = null;
					}
				}
			}
			throw ex;
		}
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

	/** What is left of a {@link System#nanoTime()} deadline, zero when it passed. */
	static Duration remaining(long deadline) {
		return Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
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
