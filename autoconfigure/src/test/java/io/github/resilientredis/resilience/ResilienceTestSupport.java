package io.github.resilientredis.resilience;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.github.resilientredis.autoconfigure.RedisCacheAutoConfiguration;
import io.github.resilientredis.autoconfigure.RedisConnectionAutoConfiguration;
import io.github.resilientredis.autoconfigure.RedisResilienceAutoConfiguration;
import io.github.resilientredis.resilience.ResilienceTestApplication.BookService;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Shared set-up of the resilience integration tests.
 */
final class ResilienceTestSupport {

	private ResilienceTestSupport() {
	}

	/** Command timeout of the test applications (short, so hangs are detected quickly). */
	static final Duration COMMAND_TIMEOUT = Duration.ofMillis(500);

	/** Client name of the test applications' connections. */
	static final String CLIENT_NAME = "resilience-test";

	/**
	 * The test application on a standalone Redis at {@code port}.
	 */
	static ApplicationContextRunner runner(int port) {
		return runner().withPropertyValues("redis.url=redis://127.0.0.1:" + port);
	}

	/**
	 * The test application without an endpoint; callers add {@code redis.url},
	 * {@code redis.cluster.*} or {@code redis.sentinel.*} (and may override the timeouts).
	 */
	static ApplicationContextRunner runner() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(RedisConnectionAutoConfiguration.class,
					RedisResilienceAutoConfiguration.class, RedisCacheAutoConfiguration.class,
					CacheAutoConfiguration.class))
			.withUserConfiguration(ResilienceTestApplication.class)
			.withPropertyValues("redis.command-timeout=" + COMMAND_TIMEOUT.toMillis() + "ms",
					"redis.connect-timeout=500ms", "redis.client-name=" + CLIENT_NAME);
	}

	/**
	 * Call the cached method for every id in turn for the given time and return what the
	 * callers would have seen thrown (the first 20).
	 */
	static List<Throwable> callRepeatedly(BookService books, Collection<String> ids, Duration duration) {
		List<Throwable> failures = new ArrayList<>();
		long end = System.nanoTime() + duration.toNanos();
		while (System.nanoTime() < end) {
			callAll(books, ids, failures);
		}
		return failures;
	}

	/**
	 * Call the cached method once for every id, adding what a caller would have seen
	 * thrown (a wrong value included) to {@code failures}, up to 20.
	 */
	static void callAll(BookService books, Collection<String> ids, List<Throwable> failures) {
		for (String id : ids) {
			try {
				assertThat(books.find(id)).isEqualTo("book-" + id);
			}
			catch (RuntimeException | AssertionError ex) {
				if (failures.size() < 20) {
					failures.add(ex);
				}
			}
		}
	}

	static long millisSince(long startNanos) {
		return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
	}

	static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	static void report(String line) {
		System.out.println("[resilience-measurement] " + line);
	}

}
