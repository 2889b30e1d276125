package io.github.resilientredis.resilience;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.lettuce.core.KillArgs;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;

import io.github.resilientredis.diagnostics.Redaction;
import io.github.resilientredis.resilience.ResilienceTestApplication.BookService;
import io.github.resilientredis.test.RedisServer;

import static io.github.resilientredis.resilience.ResilienceTestSupport.report;
import static io.github.resilientredis.resilience.ResilienceTestSupport.runner;
import static io.github.resilientredis.resilience.ResilienceTestSupport.sleep;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/**
 * Failure modes other than a dead server: user errors leave the breaker closed, fail-fast messages while open, CLIENT KILL and maxclients saturation under load.
 */
class RedisFailureModesIntegrationTests {

	@Test
	void wrongTypeShouldPropagateAndLeaveTheBreakerClosed() throws Exception {
		try (RedisServer redis = RedisServer.builder().start()) {
			runner(redis.port()).run((context) -> {
				StringRedisTemplate redisTemplate = context.getBean(StringRedisTemplate.class);
				CircuitBreaker breaker = context.getBean(CircuitBreaker.class);
				redisTemplate.opsForList().leftPush("list", "x");
				for (int i = 0; i < 50; i++) {
					Throwable failure = catchThrowable(() -> redisTemplate.opsForValue().get("list"));
					assertThat(failure).isNotNull().isNotInstanceOf(RedisUnavailableException.class);
					assertThat(Redaction.describe(failure)).contains("WRONGTYPE");
				}
				assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
				assertThat(breaker.getMetrics().getNumberOfFailedCalls()).isZero();
				assertThat(context.getBean(ResilienceStatus.class).isFallbackActive()).isFalse();
			});
		}
	}

	@Test
	void commandWithoutFallbackWhenBreakerOpenShouldFailFastNamingWhenAndWhy() throws Exception {
		try (RedisServer redis = RedisServer.builder().start()) {
			runner(redis.port()).run((context) -> {
				StringRedisTemplate redisTemplate = context.getBean(StringRedisTemplate.class);
				CircuitBreaker breaker = context.getBean(CircuitBreaker.class);
				redisTemplate.opsForValue().set("k", "v");
				redis.kill();
				await().atMost(Duration.ofSeconds(5)).until(() -> {
					catchThrowable(() -> redisTemplate.opsForList().leftPush("list", "x"));
					return breaker.getState() == CircuitBreaker.State.OPEN;
				});
				long[] durations = new long[200];
				int rejectedWhileOpen = 0;
				for (int i = 0; i < durations.length; i++) {
					long start = System.nanoTime();
					Throwable failure = catchThrowable(() -> redisTemplate.opsForList().leftPush("list", "x"));
					durations[i] = System.nanoTime() - start;
					// Redis is dead: every call fails, whatever the breaker state
					assertThat(failure).isNotNull();
					if (breaker.getState() == CircuitBreaker.State.OPEN) {
						assertThat(failure).isInstanceOf(RedisUnavailableException.class)
							.hasMessageContaining("circuit breaker 'redis' is OPEN since")
							.hasMessageContaining("last failure:")
							.hasMessageContaining("LPUSH");
						rejectedWhileOpen++;
					}
				}
				// the message checks above must have run, or this test proves nothing about them
				assertThat(rejectedWhileOpen).isPositive();
				java.util.Arrays.sort(durations);
				long median = durations[durations.length / 2] / 1000;
				report("fail-fast while OPEN (LPUSH, no fallback): median " + median + " us, p99 "
						+ durations[(int) (durations.length * 0.99)] / 1000 + " us");
				assertThat(median).as("median microseconds").isLessThan(50_000);
				// authoritative data is never answered locally, not even a read
				assertThat(catchThrowable(() -> redisTemplate.opsForValue().get("k")))
					.isInstanceOf(DataAccessException.class);
			});
		}
	}

	@Test
	void clientKillOfAllClientsUnderLoadShouldRaiseNoError() throws Exception {
		try (RedisServer redis = RedisServer.builder().start()) {
			runner(redis.port()).run((context) -> {
				BookService books = context.getBean(BookService.class);
				ResilienceStatus status = context.getBean(ResilienceStatus.class);
				try (Load load = new Load(8, (i) -> books.find("b" + i))) {
					await().atMost(Duration.ofSeconds(10)).until(() -> load.calls() > 1000);
					for (int i = 0; i < 5; i++) {
						redis.admin().clientKill(KillArgs.Builder.typeNormal());
						sleep(Duration.ofMillis(300));
					}
					await().atMost(Duration.ofSeconds(10)).until(() -> !status.isFallbackActive());
					long before = redis.commandCalls("get");
					await().atMost(Duration.ofSeconds(5)).until(() -> redis.commandCalls("get") > before + 10);
					assertThat(load.failures()).isEmpty();
				}
			});
		}
	}

	@Test
	void maxClientsReachedShouldRaiseNoErrorAndRecoverWhenSlotsFree() throws Exception {
		try (RedisServer redis = RedisServer.builder().maxClients(4).start()) {
			runner(redis.port()).run((context) -> {
				BookService books = context.getBean(BookService.class);
				ResilienceStatus status = context.getBean(ResilienceStatus.class);
				List<Socket> fillers = new ArrayList<>();
				try (Load load = new Load(4, (i) -> books.find("b" + i))) {
					await().atMost(Duration.ofSeconds(10)).until(() -> load.calls() > 500);
					// fixture admin + application + 2 fillers = maxclients
					fillers.add(new Socket(redis.host(), redis.port()));
					fillers.add(new Socket(redis.host(), redis.port()));
					await().atMost(Duration.ofSeconds(5)).until(() -> redis.clients().size() >= 3);
					for (Map<String, String> client : redis.clients()) {
						if (ResilienceTestSupport.CLIENT_NAME.equals(client.get("name"))) {
							redis.admin().clientKill(KillArgs.Builder.id(Long.parseLong(client.get("id"))));
						}
					}
					fillers.add(new Socket(redis.host(), redis.port()));
					await().atMost(Duration.ofSeconds(5)).until(status::isFallbackActive);
					// CLIENT KILL alone activates the fallback: make sure the application's reconnects
					// really hit maxclients, or the test would not cover saturation at all
					await().atMost(Duration.ofSeconds(10)).until(() -> rejectedConnections(redis) > 0);
					sleep(Duration.ofSeconds(1));
					String lastFailure = status.getLastFailure();
					closeAll(fillers);
					await().atMost(Duration.ofSeconds(10)).until(() -> !status.isFallbackActive());
					report("maxclients saturation: last failure seen while saturated: " + lastFailure);
					load.failures().forEach((failure) -> report("failure: " + Redaction.describe(failure)));
					assertThat(load.failures()).isEmpty();
				}
				finally {
					closeAll(fillers);
				}
			});
		}
	}

	// "rejected_connections" of INFO stats: connections refused because of maxclients
	private static long rejectedConnections(RedisServer redis) {
		return redis.admin()
			.info("stats")
			.lines()
			.filter((line) -> line.startsWith("rejected_connections:"))
			.mapToLong((line) -> Long.parseLong(line.substring(line.indexOf(':') + 1).trim()))
			.sum();
	}

	private static void closeAll(List<Socket> sockets) {
		for (Socket socket : sockets) {
			try {
				socket.close();
			}
			catch (IOException ex) {
				// ignore
			}
		}
		sockets.clear();
	}

}
