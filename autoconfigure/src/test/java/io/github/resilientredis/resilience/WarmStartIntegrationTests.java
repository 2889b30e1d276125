package io.github.resilientredis.resilience;

import java.net.ServerSocket;
import java.util.concurrent.TimeUnit;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreaker.State;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.data.redis.core.StringRedisTemplate;

import io.github.resilientredis.connection.ResilientLettuceConnectionFactory;
import io.github.resilientredis.diagnostics.Redaction;
import io.github.resilientredis.test.RedisServer;

import static io.github.resilientredis.resilience.ResilienceTestSupport.CLIENT_NAME;
import static io.github.resilientredis.resilience.ResilienceTestSupport.report;
import static io.github.resilientredis.resilience.ResilienceTestSupport.runner;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The Lettuce client is warmed up at startup without connecting to Redis: the warm-up
 * never opens a connection to the configured server, and with Redis down the first command
 * fails at once with a connection failure, the breaker still closed. (The first call's
 * time, cold and warm, is measured by the benchmarks' {@code WarmStartMain}.)
 */
class WarmStartIntegrationTests {

	@Test
	void startShouldWarmTheClientUpWithoutConnectingToRedis() throws Exception {
		try (RedisServer redis = RedisServer.builder().start()) {
			long handshakes = redis.commandCalls("hello") + redis.commandCalls("ping");
			runner(redis.port()).run((context) -> {
				ResilientLettuceConnectionFactory factory = context.getBean(ResilientLettuceConnectionFactory.class);
				factory.getWarmUp().get(30, TimeUnit.SECONDS);
				assertThat(redis.clientCount(CLIENT_NAME)).as("connections to Redis before the first command")
					.isZero();
				assertThat(redis.commandCalls("hello") + redis.commandCalls("ping")).isEqualTo(handshakes);
				// the warmed-up client works
				context.getBean(StringRedisTemplate.class).opsForValue().set("warm", "yes");
				assertThat(redis.admin().get("warm")).isEqualTo("yes");
			});
		}
	}

	@Test
	void firstCommandWhenRedisDownShouldFailAtOnceWithTheBreakerClosed() throws Exception {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		runner(closedPort).run((context) -> {
			ResilientLettuceConnectionFactory factory = context.getBean(ResilientLettuceConnectionFactory.class);
			factory.getWarmUp().get(30, TimeUnit.SECONDS);
			CircuitBreaker breaker = context.getBean(CircuitBreaker.class);
			long start = System.nanoTime();
			Throwable failure = catchThrowable(
					() -> context.getBean(StringRedisTemplate.class).opsForValue().get("first"));
			long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
			long again = System.nanoTime();
			catchThrowable(() -> context.getBean(StringRedisTemplate.class).opsForValue().get("second"));
			report("first command with Redis down after warm-up (in a warm test JVM): " + millis + " ms, second "
					+ TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - again) + " ms");
			assertThat(failure).isInstanceOf(RedisConnectionFailureException.class)
				.isNotInstanceOf(RedisUnavailableException.class);
			assertThat(Redaction.describe(failure)).as("refused, not timed out").containsIgnoringCase("refused");
			assertThat(breaker.getState()).isEqualTo(State.CLOSED);
		});
	}

}
