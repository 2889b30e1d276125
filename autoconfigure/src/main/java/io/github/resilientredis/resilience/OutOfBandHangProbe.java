package io.github.resilientredis.resilience;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import io.lettuce.core.api.StatefulRedisConnection;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.jspecify.annotations.Nullable;

/**
 * A {@link HangProbe} that sends PING over one out-of-band connection (outside the pool
 * and the breaker), opened on the first probe and reopened after a probe that got no
 * answer. Connecting may block for the connect timeout, so it happens on the probe's own
 * daemon thread, never on the detector's.
 */
public final class OutOfBandHangProbe implements HangProbe, AutoCloseable {

	private final BooleanSupplier available;

	private final Supplier<StatefulRedisConnection<String, String>> connector;

	private final ExecutorService executor = Executors
		.newSingleThreadExecutor(new DefaultThreadFactory("redis-hang-probe", true));

	private @Nullable StatefulRedisConnection<String, String> connection;

	/**
	 * Create a probe.
	 * @param available whether the connector reaches the server the breaker guards
	 * (not for Redis Cluster, where it reaches one node of many)
	 * @param connector opens a new connection to that server
	 */
	public OutOfBandHangProbe(BooleanSupplier available,
			Supplier<StatefulRedisConnection<String, String>> connector) {
		this.available = available;
		this.connector = connector;
	}

	@Override
	public @Nullable CompletionStage<?> ping(HangTarget target) {
		if (!this.available.getAsBoolean()) {
			return null;
		}
		CompletableFuture<String> answer = new CompletableFuture<>();
		this.executor.execute(() -> {
			if (answer.isDone()) {
				return;
			}
			try {
				connection().async().ping().whenComplete((pong, failure) -> {
					if (failure != null) {
						answer.completeExceptionally(failure);
					}
					else {
						answer.complete(pong);
					}
				});
			}
			catch (RuntimeException ex) {
				answer.completeExceptionally(ex);
			}
		});
		answer.whenComplete((pong, failure) -> {
			if (failure != null) {
				// no answer in time: the next probe starts on a fresh connection
				this.executor.execute(this::discard);
			}
		});
		return answer;
	}

	private StatefulRedisConnection<String, String> connection() {
		StatefulRedisConnection<String, String> current = this.connection;
		if (current == null || !current.isOpen()) {
			current = this.connector.get();
			this.connection = current;
		}
		return current;
	}

	private void discard() {
		StatefulRedisConnection<String, String> stale = this.connection;
		this.connection = null;
		if (stale != null) {
			stale.closeAsync();
		}
	}

	@Override
	public void close() {
		this.executor.execute(this::discard);
		this.executor.shutdown();
	}

}
