package io.github.resilientredis.resilience;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.github.resilientredis.resilience.ResilienceTestApplication.BookService;
import io.github.resilientredis.test.RedisServer;

import static io.github.resilientredis.resilience.ResilienceTestSupport.millisSince;
import static io.github.resilientredis.resilience.ResilienceTestSupport.report;
import static io.github.resilientredis.resilience.ResilienceTestSupport.runner;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Starting the application while Redis is down: the context starts, calls are served from the fallback, and Redis is used once it starts.
 */
class RedisStartupIntegrationTests {

	private static RedisServer stoppedServer() {
		RedisServer redis = RedisServer.builder().start();
		redis.stop();
		return redis;
	}

	@Test
	void startWhenNothingListensShouldServeFromFallbackThenUseRedisWhenItStarts() throws Exception {
		try (RedisServer redis = stoppedServer()) {
			long start = System.nanoTime();
			runner(redis.port()).run((context) -> {
				long startup = millisSince(start);
				assertThat(context).hasNotFailed();
				BookService books = context.getBean(BookService.class);
				ResilienceStatus status = context.getBean(ResilienceStatus.class);
				long firstCall = System.nanoTime();
				assertThat(books.find("1")).isEqualTo("book-1");
				long firstCallMillis = millisSince(firstCall);
				assertThat(status.isFallbackActive()).isTrue();
				long secondCall = System.nanoTime();
				assertThat(books.find("1")).isEqualTo("book-1");
				long secondCallMicros = (System.nanoTime() - secondCall) / 1000;
				assertThat(books.loadCount()).isOne();
				long startedAt = System.nanoTime();
				redis.restart();
				await().atMost(Duration.ofSeconds(10)).until(() -> {
					books.find("2");
					return !status.isFallbackActive();
				});
				long pickedUp = millisSince(startedAt);
				books.find("3");
				assertThat(redis.commandCalls("get")).isPositive();
				report("start with Redis down: context up in " + startup + " ms, first call " + firstCallMillis
						+ " ms (includes lazy Lettuce client start), next call " + secondCallMicros + " us; Redis picked up " + pickedUp + " ms after it started");
				assertThat(startup).isLessThan(10_000);
			});
		}
	}

}
