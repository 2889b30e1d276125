package io.github.resilientredis.connection;

import java.net.ConnectException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionProvider;

import io.github.resilientredis.diagnostics.Endpoint;
import io.github.resilientredis.diagnostics.ConnectionFailureReporter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link FailureReportingConnectionProvider}: a connect whose cause Lettuce lost
 * is tried again (three attempts in all), so the server's answer is what the application sees. The connect
 * outcomes are the exceptions Lettuce 7.5 raised against a real {@code redis-server} with
 * {@code requirepass} (see {@code RedisAuthenticationIntegrationTests}); the race that
 * loses the cause cannot be forced on a real server.
 */
class FailureReportingConnectionProviderTests {

	private static final RedisConnectionException LOST = new RedisConnectionException("Unable to connect to 127.0.0.1:1",
			new IllegalStateException("RedisHandshakeHandler not registered"));

	// per test: the provider adds the lost failure to it as suppressed
	private final RedisConnectionException noauth = new RedisConnectionException(
			"Unable to connect to 127.0.0.1:1",
			new RedisCommandExecutionException("NOAUTH HELLO must be called with the client already authenticated"));

	private final Outcomes outcomes = new Outcomes();

	private final FailureReportingConnectionProvider provider = new FailureReportingConnectionProvider(this.outcomes,
			new ConnectionFailureReporter(), () -> Endpoint.standalone("127.0.0.1:1", false), () -> {
			});

	@Test
	void getConnectionWhenLettuceLostTheCauseShouldConnectOnceMoreAndThrowTheServersAnswer() {
		this.outcomes.failures.add(LOST);
		this.outcomes.failures.add(this.noauth);
		assertThatExceptionOfType(RedisConnectionException.class)
			.isThrownBy(() -> this.provider.getConnection(StatefulRedisConnection.class))
			.isSameAs(this.noauth);
		assertThat(this.outcomes.attempts).isEqualTo(2);
		assertThat(this.noauth.getSuppressed()).containsExactly(LOST);
	}

	@Test
	void getConnectionWhenTheCauseIsKnownShouldNotConnectAgain() {
		RedisConnectionException refused = new RedisConnectionException("Unable to connect to 127.0.0.1:1",
				new ConnectException("Connection refused"));
		this.outcomes.failures.add(refused);
		this.outcomes.failures.add(this.noauth);
		assertThatExceptionOfType(RedisConnectionException.class)
			.isThrownBy(() -> this.provider.getConnection(StatefulRedisConnection.class))
			.isSameAs(refused);
		assertThat(this.outcomes.attempts).isEqualTo(1);
	}

	@Test
	void getConnectionAsyncWhenLettuceLostTheCauseShouldConnectOnceMore() {
		RedisConnectionException authRequired = new RedisConnectionException("Unable to connect to 127.0.0.1:1",
				new RedisCommandExecutionException("NOAUTH Authentication required."));
		this.outcomes.failures.add(LOST);
		this.outcomes.failures.add(authRequired);
		CompletionStage<StatefulRedisConnection> connect = this.provider
			.getConnectionAsync(StatefulRedisConnection.class);
		assertThatExceptionOfType(ExecutionException.class)
			.isThrownBy(() -> connect.toCompletableFuture().get())
			.withCause(authRequired);
		assertThat(this.outcomes.attempts).isEqualTo(2);
	}

	@Test
	void getConnectionWhenLettuceLostTheCauseTwiceShouldConnectAThirdTime() {
		this.outcomes.failures.add(LOST);
		this.outcomes.failures.add(LOST);
		this.outcomes.failures.add(this.noauth);
		assertThatExceptionOfType(RedisConnectionException.class)
			.isThrownBy(() -> this.provider.getConnection(StatefulRedisConnection.class))
			.isSameAs(this.noauth);
		assertThat(this.outcomes.attempts).isEqualTo(3);
	}

	@Test
	void getConnectionWhenLettuceLosesTheCauseEveryTimeShouldGiveUpAfterThreeAttempts() {
		for (int i = 0; i < 4; i++) {
			this.outcomes.failures.add(new RedisConnectionException("Unable to connect to 127.0.0.1:1",
					new IllegalStateException("RedisHandshakeHandler not registered")));
		}
		assertThatExceptionOfType(RedisConnectionException.class)
			.isThrownBy(() -> this.provider.getConnection(StatefulRedisConnection.class))
			.satisfies((ex) -> assertThat(ex.getSuppressed()).hasSize(1));
		assertThat(this.outcomes.attempts).isEqualTo(3);
	}

	@Test
	void getConnectionAsyncWhenLettuceLostTheCauseTwiceShouldConnectAThirdTime() {
		this.outcomes.failures.add(LOST);
		this.outcomes.failures.add(LOST);
		this.outcomes.failures.add(this.noauth);
		CompletionStage<StatefulRedisConnection> connect = this.provider
			.getConnectionAsync(StatefulRedisConnection.class);
		assertThatExceptionOfType(ExecutionException.class)
			.isThrownBy(() -> connect.toCompletableFuture().get())
			.withCause(this.noauth);
		assertThat(this.outcomes.attempts).isEqualTo(3);
		assertThat(this.noauth.getSuppressed()).containsExactly(LOST);
	}

	/** Fails each connect with the next recorded exception. */
	private static final class Outcomes implements LettuceConnectionProvider {

		final Deque<RuntimeException> failures = new ArrayDeque<>();

		int attempts;

		@Override
		public <T extends StatefulConnection<?, ?>> T getConnection(Class<T> connectionType) {
			this.attempts++;
			throw this.failures.remove();
		}

		@Override
		public <T extends StatefulConnection<?, ?>> CompletionStage<T> getConnectionAsync(Class<T> connectionType) {
			this.attempts++;
			return CompletableFuture.failedFuture(this.failures.remove());
		}

	}

}
