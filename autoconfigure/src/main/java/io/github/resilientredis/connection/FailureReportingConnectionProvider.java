package io.github.resilientredis.connection;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulConnection;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionProvider;

/**
 * Opens new connections only when the {@link CommandGuard} admits them (not while the
 * breaker is open), passes every failed connect attempt to a
 * {@link ConnectionFailureReporter}, so the cause (TLS mismatch, wrong password, max
 * clients) is explained once in the log, and tells it when a connect succeeds again.
 */
final class FailureReportingConnectionProvider implements LettuceConnectionProvider,
		LettuceConnectionProvider.TargetAware {

	private final LettuceConnectionProvider delegate;

	private final ConnectionFailureReporter reporter;

	private final Supplier<String> redactedEndpoint;

	private final Runnable admission;

	FailureReportingConnectionProvider(LettuceConnectionProvider delegate, ConnectionFailureReporter reporter,
			Supplier<String> redactedEndpoint, Runnable admission) {
		this.delegate = delegate;
		this.reporter = reporter;
		this.redactedEndpoint = redactedEndpoint;
		this.admission = admission;
	}

	@Override
	public <T extends StatefulConnection<?, ?>> T getConnection(Class<T> connectionType) {
		return reported(() -> this.delegate.getConnection(connectionType));
	}

	@Override
	public <T extends StatefulConnection<?, ?>> CompletionStage<T> getConnectionAsync(Class<T> connectionType) {
		return admitted(() -> reportedAsync(this.delegate.getConnectionAsync(connectionType)));
	}

	@Override
	public <T extends StatefulConnection<?, ?>> T getConnection(Class<T> connectionType, RedisURI redisURI) {
		return reported(() -> targetAware().getConnection(connectionType, redisURI));
	}

	@Override
	public <T extends StatefulConnection<?, ?>> CompletionStage<T> getConnectionAsync(Class<T> connectionType,
			RedisURI redisURI) {
		return admitted(() -> reportedAsync(targetAware().getConnectionAsync(connectionType, redisURI)));
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
		try {
			T connection = connect.get();
			this.reporter.connected();
			return connection;
		}
		catch (RuntimeException ex) {
			this.reporter.report(ex, this.redactedEndpoint.get());
			throw ex;
		}
	}

	private <T> CompletionStage<T> admitted(Supplier<CompletionStage<T>> connect) {
		try {
			this.admission.run();
		}
		catch (RuntimeException ex) {
			return CompletableFuture.failedFuture(ex);
		}
		return connect.get();
	}

	private <T> CompletionStage<T> reportedAsync(CompletionStage<T> connect) {
		return connect.whenComplete((connection, ex) -> {
			if (ex != null) {
				this.reporter.report(ex, this.redactedEndpoint.get());
			}
			else {
				this.reporter.connected();
			}
		});
	}

	private TargetAware targetAware() {
		if (this.delegate instanceof TargetAware targetAware) {
			return targetAware;
		}
		throw new UnsupportedOperationException(
				"Connection provider %s cannot connect to a given node".formatted(this.delegate.getClass().getName()));
	}

}
