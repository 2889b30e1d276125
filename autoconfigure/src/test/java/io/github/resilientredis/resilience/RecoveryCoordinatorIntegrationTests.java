package io.github.resilientredis.resilience;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreaker.State;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilientredis.test.RedisServer;
import io.github.resilientredis.test.RedisServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import io.github.resilientredis.fallback.FallbackStore;
import io.github.resilientredis.fallback.LocalFallback;
import io.github.resilientredis.fallback.OutageJournal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link RecoveryCoordinator} against a real redis-server: recovery is started by the
 * fallback switching on and by the breaker's own move to half-open, replays the journal,
 * and closes the breaker; a breaker without automatic half-open is asked again.
 */
class RecoveryCoordinatorIntegrationTests {

	@RegisterExtension
	static final RedisServerExtension redis = new RedisServerExtension(RedisServer.builder());

	private static final byte[] KEY = "products::1".getBytes();

	private LettuceConnectionFactory connectionFactory;

	private final LocalFallback fallback = new LocalFallback(new FallbackStore(100, Duration.ofMinutes(1)),
			new OutageJournal(100), List.of(), Clock.systemUTC());

	private RecoveryCoordinator coordinator;

	@BeforeEach
	void connect() {
		this.connectionFactory = new LettuceConnectionFactory(
				new RedisStandaloneConfiguration(redis.server().host(), redis.server().port()),
				LettuceClientConfiguration.builder().commandTimeout(Duration.ofMillis(500)).build());
		this.connectionFactory.start();
		withConnection((connection) -> connection.stringCommands().set(KEY, "stale".getBytes()));
	}

	@AfterEach
	void close() {
		if (this.coordinator != null) {
			this.coordinator.close();
		}
		this.connectionFactory.destroy();
	}

	@Test
	void fallbackSwitchedOnWithBreakerClosedShouldRecoverWithoutBreakerEvent() {
		CircuitBreaker breaker = CircuitBreaker.of("redis", breakerConfig(true));
		start(breaker);
		this.fallback.getJournal().recordKey("products", KEY, () -> null);
		this.fallback.activate("a cache write was refused");
		await().atMost(Duration.ofSeconds(5)).until(() -> !this.fallback.isActive());
		assertThat(exists(KEY)).isFalse();
		assertThat(breaker.getState()).isEqualTo(State.CLOSED);
		assertThat(this.coordinator.getReplays()).isEqualTo(1);
	}

	@Test
	void openBreakerShouldRecoverOnItsOwnMoveToHalfOpen() {
		CircuitBreaker breaker = CircuitBreaker.of("redis", breakerConfig(true));
		start(breaker);
		breaker.transitionToOpenState();
		assertThat(this.fallback.isActive()).isTrue();
		this.fallback.getJournal().recordKey("products", KEY, () -> null);
		await().atMost(Duration.ofSeconds(5)).until(() -> !this.fallback.isActive());
		assertThat(exists(KEY)).isFalse();
		assertThat(breaker.getState()).isEqualTo(State.CLOSED);
	}

	@Test
	void openBreakerWithoutAutomaticHalfOpenShouldBeAskedAgain() {
		CircuitBreaker breaker = CircuitBreaker.of("redis", breakerConfig(false));
		start(breaker);
		breaker.transitionToOpenState();
		assertThat(this.fallback.isActive()).isTrue();
		await().atMost(Duration.ofSeconds(5)).until(() -> !this.fallback.isActive());
		assertThat(breaker.getState()).isEqualTo(State.CLOSED);
	}

	@Test
	void unreachableRedisShouldKeepTheFallbackUntilItIsBack() throws Exception {
		CircuitBreaker breaker = CircuitBreaker.of("redis", breakerConfig(true));
		start(breaker);
		redis.server().pause();
		try {
			this.fallback.activate("Redis paused");
			// the attempt's PING times out and opens the breaker; the fallback keeps serving
			await().atMost(Duration.ofSeconds(10)).until(() -> breaker.getState() != State.CLOSED);
			assertThat(this.fallback.isActive()).isTrue();
		}
		finally {
			redis.server().resume();
		}
		await().atMost(Duration.ofSeconds(10)).until(() -> !this.fallback.isActive());
		assertThat(breaker.getState()).isEqualTo(State.CLOSED);
	}

	private void start(CircuitBreaker breaker) {
		RecoveryAccess access = new RecoveryAccess() {

			@Override
			public void withConnection(Consumer<RedisConnection> action) {
				RecoveryCoordinatorIntegrationTests.this.withConnection(action);
			}

			@Override
			public void resetConnections() {
				RecoveryCoordinatorIntegrationTests.this.connectionFactory.resetConnection();
			}

		};
		this.coordinator = new RecoveryCoordinator(this.fallback, breaker, access, new UnavailabilityTracker(),
				List.of(), Duration.ofMillis(50), null);
		this.coordinator.start();
	}

	private static CircuitBreakerConfig breakerConfig(boolean automaticHalfOpen) {
		return CircuitBreakerConfig.custom()
			.waitDurationInOpenState(Duration.ofMillis(200))
			.automaticTransitionFromOpenToHalfOpenEnabled(automaticHalfOpen)
			.build();
	}

	private void withConnection(Consumer<RedisConnection> action) {
		try (RedisConnection connection = this.connectionFactory.getConnection()) {
			action.accept(connection);
		}
	}

	private boolean exists(byte[] key) {
		boolean[] exists = new boolean[1];
		withConnection((connection) -> exists[0] = Boolean.TRUE.equals(connection.keyCommands().exists(key)));
		return exists[0];
	}

}
