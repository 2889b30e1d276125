package io.github.resilientredis.resilience;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import io.github.resilientredis.autoconfigure.RedisCacheAutoConfiguration;
import io.github.resilientredis.autoconfigure.RedisConnectionAutoConfiguration;
import io.github.resilientredis.autoconfigure.RedisResilienceAutoConfiguration;
import io.github.resilientredis.resilience.ResilienceTestApplication.BookService;
import io.github.resilientredis.testsupport.RedisSentinelFixture;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The {@code @Cacheable} fallback through a Sentinel failover: while the master is dead and
 * the replica not yet promoted callers see no error, and afterwards the cache lives on the
 * promoted replica.
 */
class RedisSentinelResilienceIntegrationTests {

	private static final List<String> IDS = IntStream.range(0, 10).mapToObj((i) -> "b" + i).toList();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RedisConnectionAutoConfiguration.class,
				RedisResilienceAutoConfiguration.class, RedisCacheAutoConfiguration.class, CacheAutoConfiguration.class))
		.withUserConfiguration(ResilienceTestApplication.class)
		.withPropertyValues("redis.command-timeout=2s", "redis.connect-timeout=1s", "redis.reconnect.max-delay=1s",
				"redis.client-name=" + ResilienceTestSupport.CLIENT_NAME);

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
					List<Throwable> failures = new ArrayList<>();
					long end = System.nanoTime() + Duration.ofSeconds(2).toNanos();
					while (System.nanoTime() < end) {
						callAll(books, failures);
					}
					sentinel.awaitFailover();
					await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
						callAll(books, failures);
						assertThat(status.isFallbackActive()).isFalse();
						assertThat(books.find("fresh")).isEqualTo("book-fresh");
						assertThat(sentinel.replica().admin().keys("books::fresh")).isNotEmpty();
					});
					assertThat(failures).isEmpty();
				});
		}
	}

	private static void callAll(BookService books, List<Throwable> failures) {
		for (String id : IDS) {
			try {
				assertThat(books.find(id)).isEqualTo("book-" + id);
			}
			catch (RuntimeException ex) {
				if (failures.size() < 20) {
					failures.add(ex);
				}
			}
		}
	}

}
