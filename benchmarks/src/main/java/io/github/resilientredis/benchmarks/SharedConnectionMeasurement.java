package io.github.resilientredis.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.core.StringRedisTemplate;

import io.github.resilientredis.test.RedisServer;

/**
 * Throughput of GET/SET through {@code StringRedisTemplate} with the shared native
 * connection on and off (pool max-active 8), at 8 and 64 threads, with the peak number of
 * server-side connections; prints a table. Run it with:
 *
 * <pre>
 * ./mvnw -B -q -pl benchmarks -am package -DskipTests
 * java -cp benchmarks/target/benchmarks.jar io.github.resilientredis.benchmarks.SharedConnectionMeasurement
 * </pre>
 */
public final class SharedConnectionMeasurement {

	private static final String CLIENT_NAME = "shared-measurement";

	private static final Duration WARM_UP = Duration.ofSeconds(2);

	private static final Duration MEASURE = Duration.ofSeconds(5);

	private SharedConnectionMeasurement() {
	}

	public static void main(String[] args) throws Exception {
		try (RedisServer redis = RedisServer.builder().start()) {
			List<String> rows = new ArrayList<>();
			rows.add(String.format("%-8s %-7s %12s %18s", "shared", "threads", "ops/s", "server connections"));
			for (boolean shared : new boolean[] { true, false }) {
				for (int threads : new int[] { 8, 64 }) {
					Result result = run(redis, shared, threads);
					rows.add(String.format("%-8s %-7d %12.0f %18d", shared, threads, result.opsPerSecond(),
							result.peakConnections()));
					if (result.peakConnections() > 8 + 1) {
						throw new IllegalStateException(
								"More server connections than max-active + 1: " + result.peakConnections());
					}
				}
			}
			System.out.println("GET/SET via StringRedisTemplate, pool max-active 8, " + MEASURE.toSeconds()
					+ " s per row after " + WARM_UP.toSeconds() + " s warm-up, redis-server on loopback");
			rows.forEach(System.out::println);
		}
		System.exit(0);
	}

	private static Result run(RedisServer redis, boolean shared, int threads) throws Exception {
		try (ConfigurableApplicationContext context = Measurements.start("redis.url=" + redis.url(),
				"redis.client-name=" + CLIENT_NAME, "redis.monitor.enabled=false",
				"redis.share-native-connection=" + shared, "redis.pool.max-active=8", "redis.pool.max-idle=8",
				"redis.pool.max-wait=10s")) {
			return load(redis, context.getBean(StringRedisTemplate.class), threads);
		}
	}

	private static Result load(RedisServer redis, StringRedisTemplate template, int threads) throws Exception {
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
			peak.accumulateAndGet(redis.clientCount(CLIENT_NAME), Math::max);
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
