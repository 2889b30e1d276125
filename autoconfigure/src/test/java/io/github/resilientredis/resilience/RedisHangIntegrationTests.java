package io.github.resilientredis.resilience;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.github.resilientredis.resilience.ResilienceTestApplication.BookService;
import io.github.resilientredis.test.RedisServer;

import static io.github.resilientredis.resilience.ResilienceTestSupport.millisSince;
import static io.github.resilientredis.resilience.ResilienceTestSupport.report;
import static io.github.resilientredis.resilience.ResilienceTestSupport.runner;
import static io.github.resilientredis.resilience.ResilienceTestSupport.sleep;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * SIGSTOP of Redis under {@code @Cacheable} load: the first calls are bounded by the command timeout, later ones served fast from the fallback, and traffic returns after SIGCONT.
 */
class RedisHangIntegrationTests {

	@Test
	void pauseWhenEightThreadsCallCacheableShouldBoundFirstCallsByTheTimeoutThenBeFastAndReturnAfterResume()
			throws Exception {
		try (RedisServer redis = RedisServer.builder().start()) {
			runner(redis.port()).run((context) -> {
				BookService books = context.getBean(BookService.class);
				ResilienceStatus status = context.getBean(ResilienceStatus.class);
				try (Load load = new Load(8, (i) -> books.find("b" + i))) {
					await().atMost(Duration.ofSeconds(10)).until(() -> load.calls() > 2000);
					long before = redis.commandCalls("get");
					long pausedAt = System.nanoTime();
					redis.pause();
					await().atMost(Duration.ofSeconds(5)).until(status::isFallbackActive);
					long fallbackAfter = millisSince(pausedAt);
					long measureFrom = System.nanoTime();
					sleep(Duration.ofSeconds(1));
					long firstCallsMax = load.maxMicros(pausedAt, measureFrom) / 1000;
					long p99 = load.percentileMicros(measureFrom, 99);
					long resumedAt = System.nanoTime();
					redis.resume();
					await().atMost(Duration.ofSeconds(10)).until(() -> !status.isFallbackActive());
					await().atMost(Duration.ofSeconds(5)).until(() -> redis.commandCalls("get") > before + 10);
					long backAfter = millisSince(resumedAt);
					report("SIGSTOP, 8 threads @Cacheable (command timeout "
							+ ResilienceTestSupport.COMMAND_TIMEOUT.toMillis() + " ms): fallback after "
							+ fallbackAfter + " ms, slowest call while hung " + firstCallsMax + " ms, then p99=" + p99
							+ " us; traffic back on Redis " + backAfter + " ms after SIGCONT");
					assertThat(load.failures()).isEmpty();
					assertThat(firstCallsMax).isLessThan(ResilienceTestSupport.COMMAND_TIMEOUT.toMillis() + 2000);
					assertThat(p99).as("p99 in microseconds while the fallback serves").isLessThan(200_000);
				}
			});
		}
	}

}
