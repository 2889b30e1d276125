package io.github.resilientredis.resilience;

import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntConsumer;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.junit.jupiter.api.Test;

import org.springframework.context.ApplicationContext;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisStringCommands;
import org.springframework.data.redis.core.StringRedisTemplate;

import io.github.resilientredis.fallback.FallbackStore;
import io.github.resilientredis.fallback.LocalFallback;
import io.github.resilientredis.fallback.OutageJournal;
import io.github.resilientredis.resilience.ResilienceTestApplication.BookService;
import io.github.resilientredis.test.RedisServer;

import static io.github.resilientredis.resilience.ResilienceTestSupport.report;
import static io.github.resilientredis.resilience.ResilienceTestSupport.runner;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Healthy-path cost of the circuit breaker: throughput and caller CPU per operation with
 * the breaker on and off (same JVM, same Redis, alternating rounds after a warm-up), and
 * the CPU the interceptor adds to one command without network. Not part of the default test
 * run (the name does not end in Tests); run it with
 * {@code ./mvnw -q -B -o -pl autoconfigure test -Dtest=HealthyPathOverheadBenchmark -Dsurefire.failIfNoSpecifiedTests=false}
 * and read the {@code [resilience-measurement]} lines. It asserts no timing.
 */
class HealthyPathOverheadBenchmark {

	private static final int THREADS = Integer.getInteger("bench.threads", 4);

	private static final int ROUNDS = 10;

	private static final Duration ROUND = Duration.ofSeconds(2);

	@Test
	void breakerOnVersusOff() throws Exception {
		try (RedisServer redis = RedisServer.builder().start()) {
			runner(redis.port()).run((on) -> runner(redis.port())
				.withPropertyValues("redis.circuit-breaker.enabled=false")
				.run((off) -> {
					assertThat(on).hasSingleBean(CircuitBreakerCommandGuard.class);
					assertThat(off).doesNotHaveBean(CircuitBreakerCommandGuard.class);
					compare("@Cacheable hit", on, off, (context) -> {
						BookService books = context.getBean(BookService.class);
						return (i) -> books.find("b" + (i % 100));
					});
					compare("GET/SET", on, off, (context) -> {
						StringRedisTemplate template = context.getBean(StringRedisTemplate.class);
						return (i) -> {
							if ((i & 1) == 0) {
								template.opsForValue().set("k" + (i % 100), "v");
							}
							else {
								template.opsForValue().get("k" + (i % 100));
							}
						};
					});
				}));
		}
	}

	private void compare(String name, ApplicationContext on, ApplicationContext off,
			java.util.function.Function<ApplicationContext, IntConsumer> operation) throws InterruptedException {
		IntConsumer withBreaker = operation.apply(on);
		IntConsumer withoutBreaker = operation.apply(off);
		measure(withBreaker, ROUND);
		measure(withoutBreaker, ROUND);
		List<Double> onRates = new ArrayList<>();
		List<Double> offRates = new ArrayList<>();
		List<Double> onCpu = new ArrayList<>();
		List<Double> offCpu = new ArrayList<>();
		for (int round = 0; round < ROUNDS; round++) {
			if (round % 2 == 0) {
				record(measure(withBreaker, ROUND), onRates, onCpu);
				record(measure(withoutBreaker, ROUND), offRates, offCpu);
			}
			else {
				record(measure(withoutBreaker, ROUND), offRates, offCpu);
				record(measure(withBreaker, ROUND), onRates, onCpu);
			}
		}
		double onMedian = median(onRates);
		double offMedian = median(offRates);
		double onCpuMedian = median(onCpu);
		double offCpuMedian = median(offCpu);
		report(String.format("healthy path %s, %d threads: throughput breaker on %.0f ops/s, off %.0f ops/s "
				+ "(%.1f%% fewer); caller CPU per op on %.2f us, off %.2f us (+%.2f us, %.1f%%); medians of %d "
				+ "alternating rounds of %d s", name, THREADS, onMedian, offMedian,
				(offMedian - onMedian) / offMedian * 100, onCpuMedian, offCpuMedian, onCpuMedian - offCpuMedian,
				(onCpuMedian - offCpuMedian) / offCpuMedian * 100, ROUNDS, ROUND.toSeconds()));
	}

	private static void record(double[] result, List<Double> rates, List<Double> cpu) {
		rates.add(result[0]);
		cpu.add(result[1]);
	}

	/**
	 * Run the operation from several threads.
	 * @return ops/s and the callers' CPU microseconds per op
	 */
	private double[] measure(IntConsumer operation, Duration duration) throws InterruptedException {
		java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
		LongAdder cpuNanos = new LongAdder();
		LongAdder calls = new LongAdder();
		CountDownLatch done = new CountDownLatch(THREADS);
		long end = System.nanoTime() + duration.toNanos();
		for (int t = 0; t < THREADS; t++) {
			int offset = t * 7;
			Thread thread = new Thread(() -> {
				int i = offset;
				long cpuStart = threads.getCurrentThreadCpuTime();
				while (System.nanoTime() < end) {
					operation.accept(i++);
					calls.increment();
				}
				cpuNanos.add(threads.getCurrentThreadCpuTime() - cpuStart);
				done.countDown();
			});
			thread.start();
		}
		done.await(duration.toSeconds() + 30, TimeUnit.SECONDS);
		return new double[] { calls.sum() / (double) duration.toSeconds(), cpuNanos.sum() / 1000.0 / calls.sum() };
	}

	private static double median(List<Double> values) {
		List<Double> sorted = new ArrayList<>(values);
		Collections.sort(sorted);
		return sorted.get(sorted.size() / 2);
	}

}
