package io.github.resilientredis.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

import com.sun.management.GarbageCollectionNotificationInfo;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.core.StringRedisTemplate;

import io.github.resilientredis.resilience.HangDetector;
import io.github.resilientredis.test.RedisServer;

/**
 * A healthy Redis and an application whose JVM spends its time in garbage collection (a small
 * heap, the serial collector, a large live set and allocation churn): long stop-the-world pauses
 * must never look like a hung Redis. Runs the application in a child JVM and reports its GC pauses
 * (from the GC MXBeans' notifications), the calls and errors of its workers, the breaker's
 * transitions to OPEN and the hang detector's late checks.
 */
final class GcPauseRunner {

	static final String RESULT = "GC-PAUSE-RESULT ";

	private static final int WORKERS = 4;

	private GcPauseRunner() {
	}

	/**
	 * Run the child JVM against a fresh fixture server.
	 * @param seconds how long the workers run
	 * @return the child's result line (without its prefix)
	 */
	static String run(int seconds) throws IOException, InterruptedException {
		try (RedisServer server = RedisServer.builder().start()) {
			List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
					"-Xmx256m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
					GcPauseRunner.class.getName(), server.url(), Integer.toString(seconds));
			Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
			String result = null;
			try (BufferedReader out = new BufferedReader(
					new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
				String line;
				while ((line = out.readLine()) != null) {
					if (line.startsWith(RESULT)) {
						result = line.substring(RESULT.length());
					}
				}
			}
			if (!process.waitFor(seconds + 120L, TimeUnit.SECONDS)) {
				process.destroyForcibly();
			}
			return (result != null) ? result : "the child JVM gave no result (its stderr is above)";
		}
	}

	/**
	 * The child: the starter with defaults on a healthy Redis, under GC pressure.
	 */
	public static void main(String[] args) throws Exception {
		GcPauses pauses = GcPauses.watch();
		ConfigurableApplicationContext context = Variant.STARTER.start(args[0]);
		long seconds = Long.parseLong(args[1]);
		CatalogService service = context.getBean(CatalogService.class);
		StringRedisTemplate template = context.getBean(StringRedisTemplate.class);
		HangDetector detector = context.getBean(HangDetector.class);
		BreakerWatch breaker = BreakerWatch.of(context);
		Churn churn = new Churn();
		Thread churner = new Thread(churn, "gc-churn");
		churner.setDaemon(true);
		churner.start();
		AtomicLong calls = new AtomicLong();
		AtomicLong errors = new AtomicLong();
		AtomicLong maxNanos = new AtomicLong();
		long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
		List<Thread> workers = new ArrayList<>();
		for (int w = 0; w < WORKERS; w++) {
			Thread worker = new Thread(() -> {
				int i = 0;
				while (System.nanoTime() < end) {
					String id = HealthyPathBenchmark.Keys.ITEMS[i++ % HealthyPathBenchmark.Keys.ITEMS.length];
					long start = System.nanoTime();
					try {
						service.find(id);
						template.opsForValue().set("gc:" + id, id);
						template.opsForValue().get("gc:" + id);
					}
					catch (RuntimeException ex) {
						errors.incrementAndGet();
					}
					maxNanos.accumulateAndGet(System.nanoTime() - start, Math::max);
					calls.incrementAndGet();
				}
			});
			worker.start();
			workers.add(worker);
		}
		for (Thread worker : workers) {
			worker.join();
		}
		churn.stop();
		System.out.println(RESULT + String.format(Locale.ROOT,
				"%d s, %d worker calls (GET @Cacheable + SET + GET), %d errors, slowest call %.0f ms; "
						+ "%d GC pauses, longest %d ms, %d ms in total; breaker opened %d times; "
						+ "hang detector: %d late checks not counted",
				seconds, calls.get(), errors.get(), maxNanos.get() / 1e6, pauses.count.get(), pauses.max.get(),
				pauses.total.get(), breaker.opens(), detector.getLateTicks()));
		context.close();
		System.exit(0);
	}

	/** Stop-the-world pause durations, from the collectors' notifications. */
	private static final class GcPauses {

		final AtomicLong count = new AtomicLong();

		final AtomicLong max = new AtomicLong();

		final AtomicLong total = new AtomicLong();

		static GcPauses watch() {
			GcPauses pauses = new GcPauses();
			for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
				((NotificationEmitter) collector).addNotificationListener((notification, handback) -> {
					if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION
						.equals(notification.getType())) {
						long millis = GarbageCollectionNotificationInfo
							.from((CompositeData) notification.getUserData())
							.getGcInfo()
							.getDuration();
						pauses.count.incrementAndGet();
						pauses.total.addAndGet(millis);
						pauses.max.accumulateAndGet(millis, Math::max);
					}
				}, null, null);
			}
			return pauses;
		}

	}

	/** A large live set of small objects, constantly replaced, plus garbage: frequent full collections. */
	private static final class Churn implements Runnable {

		private static final int LIVE = 1_500_000;

		private final Object[] live = new Object[LIVE];

		private volatile boolean running = true;

		@Override
		public void run() {
			ThreadLocalRandom random = ThreadLocalRandom.current();
			for (int i = 0; i < LIVE; i++) {
				this.live[i] = new long[6];
			}
			long sink = 0;
			while (this.running) {
				for (int i = 0; i < 1000; i++) {
					this.live[random.nextInt(LIVE)] = new long[6];
					sink += new byte[2048].length;
				}
			}
			if (sink == 42) {
				System.out.println();
			}
		}

		void stop() {
			this.running = false;
		}

	}

}
