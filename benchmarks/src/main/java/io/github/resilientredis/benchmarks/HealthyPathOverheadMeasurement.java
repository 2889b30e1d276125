package io.github.resilientredis.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.function.IntConsumer;

import com.sun.management.OperatingSystemMXBean;

import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.core.StringRedisTemplate;

import io.github.resilientredis.resilience.CircuitBreakerCommandGuard;
import io.github.resilientredis.test.RedisServer;

/**
 * Healthy-path cost of the circuit breaker within one JVM: throughput, caller CPU and
 * process CPU (callers plus Lettuce's event loop, where the guard records each answer) per
 * operation of the starter with {@code redis.circuit-breaker.enabled} true and false (same
 * Redis, alternating rounds after a warm-up). Each operation is one Redis command, so the
 * process-CPU difference is the guard's cost per command. Complements {@link HealthyPathBenchmark}
 * (starter against stock Spring Boot in separate JVMs). Run it with:
 *
 * <pre>
 * ./mvnw -B -q -pl benchmarks -am package -DskipTests
 * java -Dbench.threads=1 -cp benchmarks/target/benchmarks.jar io.github.resilientredis.benchmarks.HealthyPathOverheadMeasurement
 * </pre>
 *
 * and read the {@code healthy path} lines; it asserts no timing.
 */
public final class HealthyPathOverheadMeasurement {

	private static final int THREADS = Integer.getInteger("bench.threads", 4);

	private static final int ROUNDS = Integer.getInteger("bench.rounds", 10);

	private static final Duration ROUND = Duration.ofSeconds(Integer.getInteger("bench.round-seconds", 2));

	private HealthyPathOverheadMeasurement() {
	}

	public static void main(String[] args) throws Exception {
		try (RedisServer redis = RedisServer.builder().start();
				ConfigurableApplicationContext on = Measurements.start("redis.url=" + redis.url(),
						"redis.client-name=bench-on");
				ConfigurableApplicationContext off = Measurements.start("redis.url=" + redis.url(),
						"redis.client-name=bench-off", "redis.circuit-breaker.enabled=false")) {
			if (on.getBeanNamesForType(CircuitBreakerCommandGuard.class).length != 1
					|| off.getBeanNamesForType(CircuitBreakerCommandGuard.class).length != 0) {
				throw new IllegalStateException("Expected the breaker guard in the 'on' context only");
			}
			compare("@Cacheable hit", on, off, (context) -> {
				CatalogService catalog = context.getBean(CatalogService.class);
				return (i) -> catalog.find("b" + (i % 100));
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
		}
		System.exit(0);
	}

	private static void compare(String name, ApplicationContext on, ApplicationContext off,
			Function<ApplicationContext, IntConsumer> operation) throws InterruptedException {
		IntConsumer withBreaker = operation.apply(on);
		IntConsumer withoutBreaker = operation.apply(off);
		measure(withBreaker, ROUND);
		measure(withoutBreaker, ROUND);
		List<Double> onRates = new ArrayList<>();
		List<Double> offRates = new ArrayList<>();
		List<Double> onCpu = new ArrayList<>();
		List<Double> offCpu = new ArrayList<>();
		List<Double> onProcess = new ArrayList<>();
		List<Double> offProcess = new ArrayList<>();
		for (int round = 0; round < ROUNDS; round++) {
			boolean onFirst = round % 2 == 0;
			Sample first = measure(onFirst ? withBreaker : withoutBreaker, ROUND);
			Sample second = measure(onFirst ? withoutBreaker : withBreaker, ROUND);
			Sample onSample = onFirst ? first : second;
			Sample offSample = onFirst ? second : first;
			onRates.add(onSample.opsPerSecond());
			onCpu.add(onSample.cpuMicrosPerOp());
			offRates.add(offSample.opsPerSecond());
			offCpu.add(offSample.cpuMicrosPerOp());
			onProcess.add(onSample.processCpuMicrosPerOp());
			offProcess.add(offSample.processCpuMicrosPerOp());
		}
		double onMedian = median(onRates);
		double offMedian = median(offRates);
		double onCpuMedian = median(onCpu);
		double offCpuMedian = median(offCpu);
		double onProcessMedian = median(onProcess);
		double offProcessMedian = median(offProcess);
		System.out.printf("healthy path %s, %d threads: throughput breaker on %.0f ops/s, off %.0f ops/s "
				+ "(on/off %.2f); caller CPU per op on %.2f us, off %.2f us (%+.2f us); process CPU per op on "
				+ "%.2f us, off %.2f us (%+.2f us); medians of %d alternating rounds of %d s%n", name, THREADS,
				onMedian, offMedian, onMedian / offMedian, onCpuMedian, offCpuMedian, onCpuMedian - offCpuMedian,
				onProcessMedian, offProcessMedian, onProcessMedian - offProcessMedian, ROUNDS, ROUND.toSeconds());
	}

	private static Sample measure(IntConsumer operation, Duration duration) throws InterruptedException {
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
		long processStart = os.getProcessCpuTime();
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
			}, "overhead-worker-" + t);
			thread.start();
		}
		done.await(duration.toSeconds() + 30, TimeUnit.SECONDS);
		long processNanos = os.getProcessCpuTime() - processStart;
		return new Sample(calls.sum() / (double) duration.toSeconds(), cpuNanos.sum() / 1000.0 / calls.sum(),
				processNanos / 1000.0 / calls.sum());
	}

	private static double median(List<Double> values) {
		List<Double> sorted = new ArrayList<>(values);
		Collections.sort(sorted);
		return sorted.get(sorted.size() / 2);
	}

	private record Sample(double opsPerSecond, double cpuMicrosPerOp, double processCpuMicrosPerOp) {
	}

}
