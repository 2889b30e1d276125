package io.github.resilientredis.resilience;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.github.resilientredis.autoconfigure.RedisCacheAutoConfiguration;
import io.github.resilientredis.autoconfigure.RedisConnectionAutoConfiguration;
import io.github.resilientredis.autoconfigure.RedisResilienceAutoConfiguration;

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

	static ApplicationContextRunner runner(int port) {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(RedisConnectionAutoConfiguration.class,
					RedisResilienceAutoConfiguration.class, RedisCacheAutoConfiguration.class,
					CacheAutoConfiguration.class))
			.withUserConfiguration(ResilienceTestApplication.class)
			.withPropertyValues("redis.url=redis://127.0.0.1:" + port,
					"redis.command-timeout=" + COMMAND_TIMEOUT.toMillis() + "ms", "redis.connect-timeout=500ms",
					"redis.client-name=" + CLIENT_NAME);
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
