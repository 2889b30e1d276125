package io.github.resilientredis.resilience;

import java.time.Duration;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.junit.jupiter.api.Test;

import io.github.resilientredis.diagnostics.Redaction;
import io.github.resilientredis.resilience.ResilienceTestApplication.BookService;
import io.github.resilientredis.test.RedisServer;

import static io.github.resilientredis.resilience.ResilienceTestSupport.millisSince;
import static io.github.resilientredis.resilience.ResilienceTestSupport.report;
import static io.github.resilientredis.resilience.ResilienceTestSupport.runner;
import static io.github.resilientredis.resilience.ResilienceTestSupport.sleep;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * SIGKILL of Redis under {@code @Cacheable} load: no caller sees an error, the fallback stays fast, and traffic and the breaker return after a restart.
 */
class RedisKillIntegrationTests {

	@Test
	void killWhenEightThreadsCallCacheableShouldRaiseNoErrorAndReturnToRedisAfterRestart() throws Exception {
		try (RedisServer redis = RedisServer.builder().start()) {
			runner(redis.port()).run((context) -> {
				BookService books = context.getBean(BookService.class);
				CircuitBreaker breaker = context.getBean(CircuitBreaker.class);
				ResilienceStatus status = context.getBean(ResilienceStatus.class);
				try (Load load = new Load(8, (i) -> books.find("b" + i))) {
					await().atMost(Duration.ofSeconds(10)).until(() -> load.calls() > 2000);
					long killedAt = System.nanoTime();
					redis.kill();
					await().atMost(Duration.ofSeconds(5)).until(status::isFallbackActive);
					long fallbackAfter = millisSince(killedAt);
					await().atMost(Duration.ofSeconds(5))
						.until(() -> breaker.getState() != CircuitBreaker.State.CLOSED);
					long openAfter = millisSince(killedAt);
					long measureFrom = System.nanoTime();
					sleep(Duration.ofSeconds(1));
					long p99 = load.percentileMicros(measureFrom, 99);
					long p50 = load.percentileMicros(measureFrom, 50);
					long restartedAt = System.nanoTime();
					redis.restart();
					await().atMost(Duration.ofSeconds(5)).until(() -> redis.commandCalls("get") > 10);
					long backAfter = millisSince(restartedAt);
					report("kill, 8 threads @Cacheable: fallback active after " + fallbackAfter + " ms, breaker "
							+ "left CLOSED after " + openAfter + " ms; during the outage p50=" + p50 + " us p99=" + p99
							+ " us; traffic back on Redis " + backAfter + " ms after restart");
					load.failures().forEach((failure) -> report("failure: " + Redaction.describe(failure)));
					assertThat(load.failures()).isEmpty();
					assertThat(p99).as("p99 in microseconds while the fallback serves").isLessThan(200_000);
					await().atMost(Duration.ofSeconds(5)).until(() -> !status.isFallbackActive());
				}
				assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
				assertThat(status.getJournalReplays()).isPositive();
			});
		}
	}

}
