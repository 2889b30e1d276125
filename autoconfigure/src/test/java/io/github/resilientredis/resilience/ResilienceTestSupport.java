package io.github.resilientredis.resilience;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.github.resilientredis.autoconfigure.RedisCacheAutoConfiguration;
import io.github.resilientredis.autoconfigure.RedisResilienceAutoConfiguration;

/**
 * Shared set-up of the resilience integration tests.
 */
final class ResilienceTestSupport {

	private ResilienceTestSupport() {
	}

	static ApplicationContextRunner runner(int port) {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(RedisResilienceAutoConfiguration.class,
					RedisCacheAutoConfiguration.class, CacheAutoConfiguration.class))
			.withUserConfiguration(ResilienceTestApplication.class)
			.withPropertyValues("test.redis.port=" + port);
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
