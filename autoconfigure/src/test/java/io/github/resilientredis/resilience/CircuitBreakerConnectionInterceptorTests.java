package io.github.resilientredis.resilience;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilientredis.fallback.FallbackStore;
import io.github.resilientredis.fallback.LocalFallback;
import io.github.resilientredis.fallback.OutageJournal;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Proves that a command which failed for unavailability is served locally even when the
 * recovery thread switches the fallback off between its activation and the local answer.
 */
class CircuitBreakerConnectionInterceptorTests {

	@Test
	void commandWhenFallbackSwitchedOffRightAfterActivationShouldStillBeServedLocally() throws Exception {
		List<LocalFallback> fallbackHolder = new ArrayList<>();
		List<String> activations = new ArrayList<>();
		ResilienceListener recoveryInBetween = new ResilienceListener() {

			@Override
			public void fallbackActivated(String cause) {
				activations.add(cause);
				if (activations.size() == 1) {
					// what the recovery thread does when its probe reaches Redis at this moment
					fallbackHolder.get(0).deactivate(() -> {
					});
				}
			}

		};
		LocalFallback fallback = new LocalFallback(new FallbackStore(100, Duration.ofMinutes(1)), new OutageJournal(100),
				List.of(recoveryInBetween), Clock.systemUTC());
		fallbackHolder.add(fallback);
		CircuitBreakerConnectionInterceptor interceptor = new CircuitBreakerConnectionInterceptor(
				CircuitBreaker.ofDefaults("redis"), fallback, new UnavailabilityTracker(), Clock.systemUTC());
		LettuceConnectionFactory unreachable = new LettuceConnectionFactory(
				new RedisStandaloneConfiguration("127.0.0.1", closedPort()),
				LettuceClientConfiguration.builder().commandTimeout(Duration.ofSeconds(1)).build());
		unreachable.afterPropertiesSet();
		unreachable.start();
		try {
			RedisConnection connection = interceptor.intercept(unreachable::getConnection);
			byte[] key = "k".getBytes(StandardCharsets.UTF_8);
			connection.stringCommands().set(key, "v".getBytes(StandardCharsets.UTF_8));
			assertThat(activations).hasSize(2);
			assertThat(fallback.isActive()).isTrue();
			assertThat(fallback.getJournal().size()).isEqualTo(1);
			assertThat(connection.stringCommands().get(key)).isEqualTo("v".getBytes(StandardCharsets.UTF_8));
		}
		finally {
			unreachable.destroy();
		}
	}

	private static int closedPort() throws Exception {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
