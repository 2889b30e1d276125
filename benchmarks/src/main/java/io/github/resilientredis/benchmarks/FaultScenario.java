package io.github.resilientredis.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;

import org.springframework.context.ConfigurableApplicationContext;

import io.github.resilientredis.test.RedisServer;

/**
 * Runs N workers against a {@code @Cacheable} method through before / outage / after phases on a
 * fresh fixture server, updating some items during the outage, and measures latency, errors, stale
 * reads, the time until traffic is back on Redis and the connections the server saw.
 */
final class FaultScenario {

	/** Items updated (database write + {@code @CacheEvict}) during the outage. */
	static final int UPDATED_KEYS = 10;

	private static final long POLL_MILLIS = 20;

	private final Settings settings;

	FaultScenario(Settings settings) {
		this.settings = settings;
	}

	/**
	 * Both faults for both variants, in ABBA order.
	 * @return the results
	 */
	List<ScenarioResult> runAll() throws InterruptedException {
		List<ScenarioResult> results = new ArrayList<>();
		results.add(run(Variant.STOCK, Fault.KILL));
		results.add(run(Variant.STARTER, Fault.KILL));
		results.add(run(Variant.STARTER, Fault.PAUSE));
		results.add(run(Variant.STOCK, Fault.PAUSE));
		return results;
	}

	ScenarioResult run(Variant variant, Fault fault) throws InterruptedException {
		System.out.printf("fault scenario: %s, %s%n", fault.label(), variant.label());
		// AOF so that a killed server comes back with its data, as a persistent production Redis does
		try (RedisServer server = RedisServer.builder().arg("--appendonly", "yes").arg("--appendfsync", "everysec").start();
				ConnectionSampler sampler = new ConnectionSampler(server, 100)) {
			ConfigurableApplicationContext context = variant.start(server.url());
			try {
				ScenarioResult result = run(variant, fault, server, sampler, context);
				System.out.printf("  outage p99 %.1f ms, errors %d, traffic back %d ms, stale reads %d, "
						+ "breaker open after %d ms%n", result.phase("outage").p99(), result.errors(),
						result.trafficBackMillis(), result.staleReads(), result.breakerOpenMillis());
				return result;
			}
			finally {
				context.close();
			}
		}
	}

	private ScenarioResult run(Variant variant, Fault fault, RedisServer server, ConnectionSampler sampler,
			ConfigurableApplicationContext context) throws InterruptedException {
		CatalogService service = context.getBean(CatalogService.class);
		Catalog catalog = context.getBean(Catalog.class);
		for (String id : HealthyPathBenchmark.Keys.ITEMS) {
			service.find(id);
		}
		long phaseMillis = TimeUnit.SECONDS.toMillis(this.settings.phaseSeconds());
		Worker.PhaseClock clock = new Worker.PhaseClock();
		List<Worker> workers = new ArrayList<>();
		ExecutorService executor = Executors.newFixedThreadPool(this.settings.workers());
		for (int i = 0; i < this.settings.workers(); i++) {
			Worker worker = new Worker(service, catalog, clock,
					TimeUnit.MICROSECONDS.toNanos(this.settings.pauseMicros()));
			workers.add(worker);
			executor.execute(worker);
		}
		Thread.sleep(phaseMillis);

		sampler.suspend();
		clock.enter(1);
		BreakerWatch breaker = BreakerWatch.of(context);
		long outageStart = System.nanoTime();
		fault.inject(server);
		Thread.sleep(Math.min(1000, phaseMillis / 4));
		Updates updates = update(service);
		sleepUntil(outageStart + TimeUnit.MILLISECONDS.toNanos(phaseMillis));

		fault.recover(server);
		long recovered = System.nanoTime();
		clock.enter(Worker.AFTER);
		long trafficBack = awaitTraffic(server, recovered, phaseMillis);
		sampler.resume();
		sleepUntil(recovered + TimeUnit.MILLISECONDS.toNanos(phaseMillis));
		clock.stop();
		executor.shutdown();
		if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
			executor.shutdownNow();
		}
		int staleKeys = 0;
		for (int i = 0; i < UPDATED_KEYS; i++) {
			String id = HealthyPathBenchmark.Keys.ITEMS[i];
			if (!service.find(id).equals(catalog.current(id))) {
				staleKeys++;
			}
		}
		return new ScenarioResult(variant, fault, phases(workers), trafficBack, UPDATED_KEYS, updates.errors,
				updates.maxMillis, staleKeys,
				sampler.max() + " (" + sampler.maxNames() + ")", catalog.loads(), Variant.describe(context),
				firstError(workers, updates), breaker.openedMillisAfter(outageStart));
	}

	private static Updates update(CatalogService service) {
		Updates updates = new Updates();
		for (int i = 0; i < UPDATED_KEYS; i++) {
			long start = System.nanoTime();
			try {
				service.update(HealthyPathBenchmark.Keys.ITEMS[i]);
			}
			catch (RuntimeException ex) {
				updates.errors++;
				if (updates.firstError == null) {
					updates.firstError = "update during outage: " + Worker.describe(ex);
				}
			}
			updates.maxMillis = Math.max(updates.maxMillis, (System.nanoTime() - start) / 1e6);
		}
		return updates;
	}

	/**
	 * Poll INFO commandstats until a GET arrives after recovery.
	 * @return milliseconds from recovery to the first GET seen, or {@code -1}
	 */
	private static long awaitTraffic(RedisServer server, long recovered, long limitMillis) throws InterruptedException {
		long baseline = server.commandCalls("get");
		long deadline = recovered + TimeUnit.MILLISECONDS.toNanos(limitMillis);
		while (System.nanoTime() < deadline) {
			if (server.commandCalls("get") > baseline) {
				return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - recovered);
			}
			Thread.sleep(POLL_MILLIS);
		}
		return -1;
	}

	private static String firstError(List<Worker> workers, Updates updates) {
		return workers.stream()
			.map(Worker::firstError)
			.filter((error) -> error != null)
			.findFirst()
			.orElse(updates.firstError);
	}

	private static List<PhaseResult> phases(List<Worker> workers) {
		Histogram[] histograms = new Histogram[Worker.PHASES.length];
		long[][] counts = new long[Worker.PHASES.length][3];
		for (int i = 0; i < histograms.length; i++) {
			histograms[i] = new Histogram(3);
		}
		for (Worker worker : workers) {
			worker.addTo(histograms, counts);
		}
		List<PhaseResult> phases = new ArrayList<>();
		for (int i = 0; i < histograms.length; i++) {
			Histogram h = histograms[i];
			phases.add(new PhaseResult(Worker.PHASES[i], counts[i][0], counts[i][1], counts[i][2],
					h.getValueAtPercentile(50) / 1e6, h.getValueAtPercentile(99) / 1e6, h.getMaxValue() / 1e6,
					h.getTotalCount() - h.getCountBetweenValues(0, TimeUnit.MILLISECONDS.toNanos(5))));
		}
		return phases;
	}

	private static void sleepUntil(long nanoTime) throws InterruptedException {
		long remaining = nanoTime - System.nanoTime();
		if (remaining > 0) {
			TimeUnit.NANOSECONDS.sleep(remaining);
		}
	}

	private static final class Updates {

		int errors;

		double maxMillis;

		String firstError;

	}

}
