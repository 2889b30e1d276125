package io.github.resilientredis.connection;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import io.github.resilientredis.autoconfigure.RedisConnectionAutoConfiguration;
import io.github.resilientredis.test.RedisServer;
import io.github.resilientredis.test.RedisServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Throughput of GET/SET through {@code StringRedisTemplate} with the shared native
 * connection on and off (pool max-active 8), at 8 and 64 threads, with the peak number of
 * server-side connections. Not part of the default test run (the name does not end in
 * Tests); run it with:
 *
 * <pre>
 * ./mvnw -q -B -pl autoconfigure test -Dtest=SharedConnectionMeasurement -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 *
 * and read the table in
 * {@code autoconfigure/target/surefire-reports/io.github.resilientredis.connection.SharedConnectionMeasurement-output.txt}.
 */
class SharedConnectionMeasurement {

	private static final String CLIENT_NAME = "shared-measurement";

	private static final Duration WARM_UP = Duration.ofSeconds(2);

	private static final Duration MEASURE = Duration.ofSeconds(5);

	@RegisterExtension
	static final RedisServerExtension redis = new RedisServerExtension(RedisServer.builder());

	@Test
	void measure() throws Exception {
		List<String> rows = new ArrayList<>();
		rows.add(String.format("%-8s %-7s %12s %18s", "shared", "threads", "ops/s", "server connections"));
		for (boolean shared : new boolean[] { true, false }) {
			for (int threads : new int[] { 8, 64 }) {
				Result result = run(shared, threads);
				rows.add(String.format("%-8s %-7d %12.0f %18d", shared, threads, result.opsPerSecond(),
						result.peakConnections()));
				assertThat(result.opsPerSecond()).isPositive();
				assertThat(result.peakConnections()).isLessThanOrEqualTo(8 + 1);
			}
		}
		System.out.println("GET/SET via StringRedisTemplate, pool max-active 8, " + MEASURE.toSeconds()
				+ " s per row after " + WARM_UP.toSeconds() + " s warm-up, redis-server on loopback");
		rows.forEach(System.out::println);
	}

	private Result run(boolean shared, int threads) {
		Result[] result = new Result[1];
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(RedisConnectionAutoConfiguration.class, DataRedisAutoConfiguration.class))
			.withPropertyValues("redis.url=" + redis.server().url(), "redis.client-name=" + CLIENT_NAME,
					"redis.share-native-connection=" + shared, "redis.pool.max-active=8", "redis.pool.max-idle=8",
					"redis.pool.max-wait=10s")
			.run((context) -> result[0] = load(context.getBean(StringRedisTemplate.class), threads));
		return result[0];
	}

	private Result load(StringRedisTemplate template, int threads) throws Exception {
		ExecutorService executor = Executors.newFixedThreadPool(threads);
		AtomicBoolean measuring = new AtomicBoolean();
		AtomicBoolean running = new AtomicBoolean(true);
		LongAdder operations = new LongAdder();
		AtomicInteger peak = new AtomicInteger();
		List<Future<?>> workers = new ArrayList<>();
		for (int i = 0; i < threads; i++) {
			String key = "measure:" + i;
			workers.add(executor.submit(() -> {
				while (running.get()) {
					template.opsForValue().set(key, "value");
					template.opsForValue().get(key);
					if (measuring.get()) {
						operations.add(2);
					}
				}
				return null;
			}));
		}
		Thread.sleep(WARM_UP.toMillis());
		measuring.set(true);
		long start = System.nanoTime();
		long end = start + MEASURE.toNanos();
		while (System.nanoTime() < end) {
			peak.accumulateAndGet(redis.server().clientCount(CLIENT_NAME), Math::max);
			Thread.sleep(200);
		}
		long ops = operations.sum();
		double seconds = (System.nanoTime() - start) / 1e9;
		running.set(false);
		for (Future<?> worker : workers) {
			worker.get();
		}
		executor.shutdown();
		return new Result(ops / seconds, peak.get());
	}

	private record Result(double opsPerSecond, int peakConnections) {
	}

}
