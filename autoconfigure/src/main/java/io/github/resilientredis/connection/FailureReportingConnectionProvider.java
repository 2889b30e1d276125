package io.github.resilientredis.connection;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulConnection;
import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionProvider;

import io.github.resilientredis.diagnostics.Causes;
import io.github.resilientredis.diagnostics.ConnectionFailureReporter;
import io.github.resilientredis.diagnostics.Endpoint;

/**
 * Opens new connections only when the {@link CommandGuard} admits them (not while the
 * breaker is open), passes every failed connect attempt to a
 * {@link ConnectionFailureReporter}, so the cause (TLS mismatch, wrong password, max
 * clients) is explained once in the log, and tells it when a connect succeeds again.
 * <p>
 * A connect whose failure cause Lettuce lost (see {@link #lostCause(Throwable)}) is tried
 * again at once, up to {@value #ATTEMPTS_WHEN_CAUSE_LOST} attempts in all: the handshake
 * race behind it depends on thread timing (a few percent of connects under heavy load), a
 * further attempt almost always reports the server's own answer ({@code NOAUTH},
 * {@code WRONGPASS}...), and an unexplained "RedisHandshakeHandler not registered" would
 * otherwise be what the application and its log see.
 */
final class FailureReportingConnectionProvider implements LettuceConnectionProvider,
		LettuceConnectionProvider.TargetAware {

	static final int ATTEMPTS_WHEN_CAUSE_LOST = 3;

	private final LettuceConnectionProvider delegate;

	private final ConnectionFailureReporter reporter;

	private final Supplier<Endpoint> endpoint;

	private final Runnable admission;

	FailureReportingConnectionProvider(LettuceConnectionProvider delegate, ConnectionFailureReporter reporter,
			Supplier<Endpoint> endpoint, Runnable admission) {
		this.delegate = delegate;
		this.reporter = reporter;
		this.endpoint = endpoint;
		this.admission = admission;
	}

	@Override
	public <T extends StatefulConnection<?, ?>> T getConnection(Class<T> connectionType) {
		return reported(() -> this.delegate.getConnection(connectionType));
	}

	@Override
	public <T extends StatefulConnection<?, ?>> CompletionStage<T> getConnectionAsync(Class<T> connectionType) {
		return reportedAsync(() -> this.delegate.getConnectionAsync(connectionType));
	}

	@Override
	public <T extends StatefulConnection<?, ?>> T getConnection(Class<T> connectionType, RedisURI redisURI) {
		return reported(() -> targetAware(this.delegate).getConnection(connectionType, redisURI));
	}

	@Override
	public <T extends StatefulConnection<?, ?>> CompletionStage<T> getConnectionAsync(Class<T> connectionType,
			RedisURI redisURI) {
		return reportedAsync(() -> targetAware(this.delegate).getConnectionAsync(connectionType, redisURI));
	}

	@Override
	public void release(StatefulConnection<?, ?> connection) {
		this.delegate.release(connection);
	}

	@Override
	public CompletableFuture<Void> releaseAsync(StatefulConnection<?, ?> connection) {
		return this.delegate.releaseAsync(connection);
	}

	private <T> T reported(Supplier<T> connect) {
		this.admission.run();
		RuntimeException lost = null;
		for (int attempt = 1;; attempt++) {
			try {
				T connection = connect.get();
				this.reporter.connected();
				return connection;
			}
			catch (RuntimeException ex) {
				if (attempt < ATTEMPTS_WHEN_CAUSE_LOST && lostCause(ex)) {
					lost = (lost != null) ? lost : ex; // connect again at once
					continue;
				}
				if (lost != null) {
					ex.addSuppressed(lost);
				}
				this.reporter.report(ex, this.endpoint.get());
				throw ex;
			}
		}
	}

	/**
	 * Whether Lettuce failed the connect without the server's answer: its channel was
	 * closed and its pipeline torn down before the connecting thread listened for the
	 * handshake (Lettuce 7.5, under load; see {@code ConnectionFailureHints}).
	 */
	static boolean lostCause(Throwable ex) {
		return Causes.any(ex, (current) -> current instanceof IllegalStateException
				&& "RedisHandshakeHandler not registered".equals(current.getMessage()));
	}

	private <T> CompletionStage<T> reportedAsync(Supplier<CompletionStage<T>> connect) {
		try {
			this.admission.run();
		}
		catch (RuntimeException ex) {
			return CompletableFuture.failedFuture(ex);
		}
		return learningCauseAsync(connect, 1, null).whenComplete((connection, ex) -> {
			if (ex != null) {
				this.reporter.report(ex, this.endpoint.get());
			}
			else {
				this.reporter.connected();
			}
		});
	}

	private static <T> CompletionStage<T> learningCauseAsync(Supplier<CompletionStage<T>> connect, int attempt,
			@Nullable Throwable lost) {
		return connect.get().handle((connection, ex) -> {
			if (ex == null) {
				return CompletableFuture.completedFuture(connection);
			}
			if (attempt < ATTEMPTS_WHEN_CAUSE_LOST && lostCause(ex)) {
				return learningCauseAsync(connect, attempt + 1, (lost != null) ? lost : ex);
			}
			if (lost != null && lost != ex) {
				ex.addSuppressed(lost);
			}
			return CompletableFuture.<T>failedFuture(ex);
		}).thenCompose((stage) -> stage);
	}

	static TargetAware targetAware(LettuceConnectionProvider provider) {
		if (provider instanceof TargetAware targetAware) {
			return targetAware;
		}
		throw new UnsupportedOperationException(
				"Connection provider %s cannot connect to a given node".formatted(provider.getClass().getName()));
	}

}
