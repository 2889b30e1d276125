package io.github.resilientredis.resilience;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

import io.github.resilientredis.resilience.ResilienceTestApplication.BookService;
import io.github.resilientredis.test.RedisSentinelFixture;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static io.github.resilientredis.resilience.ResilienceTestSupport.callAll;
import static io.github.resilientredis.resilience.ResilienceTestSupport.callRepeatedly;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The {@code @Cacheable} fallback through a Sentinel failover: while the master is dead and
 * the replica not yet promoted callers see no error, and afterwards the cache lives on the
 * promoted replica.
 */
class RedisSentinelResilienceIntegrationTests {

	private static final List<String> IDS = IntStream.range(0, 10).mapToObj((i) -> "b" + i).toList();

	private final ApplicationContextRunner contextRunner = ResilienceTestSupport.runner()
		.withPropertyValues("redis.command-timeout=2s", "redis.connect-timeout=1s", "redis.reconnect.max-delay=1s");

	@Test
	void cacheableWhenMasterKilledShouldRaiseNoErrorAndMoveToPromotedReplica() {
		try (RedisSentinelFixture sentinel = RedisSentinelFixture.start()) {
			this.contextRunner
				.withPropertyValues("redis.sentinel.master=" + sentinel.masterName(),
						"redis.sentinel.nodes=" + String.join(",", sentinel.sentinelNodes()))
				.run((context) -> {
					BookService books = context.getBean(BookService.class);
					ResilienceStatus status = context.getBean(ResilienceStatus.class);
					await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
						IDS.forEach(books::find);
						assertThat(status.isFallbackActive()).isFalse();
						assertThat(sentinel.master().admin().dbsize()).isEqualTo(IDS.size());
					});
					sentinel.master().kill();
					List<Throwable> failures = new CopyOnWriteArrayList<>(
							callRepeatedly(books, IDS, Duration.ofSeconds(2)));
					sentinel.awaitFailover();
					await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
						callAll(books, IDS, failures);
						assertThat(status.isFallbackActive()).isFalse();
						assertThat(books.find("fresh")).isEqualTo("book-fresh");
						assertThat(sentinel.replica().admin().keys("books::fresh")).isNotEmpty();
					});
					assertThat(failures).isEmpty();
				});
		}
	}

}
