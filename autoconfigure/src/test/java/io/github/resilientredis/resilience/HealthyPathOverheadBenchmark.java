package io.github.resilientredis.resilience;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntConsumer;

import org.junit.jupiter.api.Test;

import org.springframework.context.ApplicationContext;
import org.springframework.data.redis.core.StringRedisTemplate;

import io.github.resilientredis.resilience.ResilienceTestApplication.BookService;
import io.github.resilientredis.testsupport.RedisServer;

import static io.github.resilientredis.resilience.ResilienceTestSupport.report;
import static io.github.resilientredis.resilience.ResilienceTestSupport.runner;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Healthy-path cost of the circuit breaker: throughput with the breaker on and off, same
 * JVM and same Redis, alternating rounds after a warm-up. Not part of the default test
 * run (the name does not end in Tests); run it with
 * {@code ./mvnw -q -B -o -pl autoconfigure test -Dtest=HealthyPathOverheadBenchmark -Dsurefire.failIfNoSpecifiedTests=false}
 * and read the {@code [resilience-measurement]} lines. It asserts no timing.
 */
class HealthyPathOverheadBenchmark {

	private static final int THREADS = 4;

	private static final int ROUNDS = 6;

	private static final Duration ROUND = Duration.ofSeconds(2);

	@Test
	void breakerOnVersusOff() throws Exception {
		try (RedisServer redis = RedisServer.builder().start()) {
			runner(redis.port()).run((on) -> runner(redis.port())
				.withPropertyValues("redis.circuit-breaker.enabled=false")
				.run((off) -> {
					assertThat(on).hasSingleBean(CircuitBreakerConnectionInterceptor.class);
					assertThat(off).doesNotHaveBean(CircuitBreakerConnectionInterceptor.class);
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
		for (int round = 0; round < ROUNDS; round++) {
			if (round % 2 == 0) {
				onRates.add(measure(withBreaker, ROUND));
				offRates.add(measure(withoutBreaker, ROUND));
			}
			else {
				offRates.add(measure(withoutBreaker, ROUND));
				onRates.add(measure(withBreaker, ROUND));
			}
		}
		double onMedian = median(onRates);
		double offMedian = median(offRates);
		report(String.format("healthy path %s, %d threads: breaker on %.0f ops/s, off %.0f ops/s (medians of %d "
				+ "rounds of %d s), overhead %.1f%%", name, THREADS, onMedian, offMedian, ROUNDS, ROUND.toSeconds(),
				(offMedian - onMedian) / offMedian * 100));
	}

	private double measure(IntConsumer operation, Duration duration) throws InterruptedException {
		LongAdder calls = new LongAdder();
		CountDownLatch done = new CountDownLatch(THREADS);
		long end = System.nanoTime() + duration.toNanos();
		for (int t = 0; t < THREADS; t++) {
			int offset = t * 7;
			Thread thread = new Thread(() -> {
				int i = offset;
				while (System.nanoTime() < end) {
					operation.accept(i++);
					calls.increment();
				}
				done.countDown();
			});
			thread.start();
		}
		done.await(duration.toSeconds() + 30, TimeUnit.SECONDS);
		return calls.sum() / (double) duration.toSeconds();
	}

	private static double median(List<Double> values) {
		List<Double> sorted = new ArrayList<>(values);
		Collections.sort(sorted);
		return sorted.get(sorted.size() / 2);
	}

}
