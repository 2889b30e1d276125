package io.github.resilientredis.benchmarks;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;

import org.HdrHistogram.Histogram;

/**
 * One fault-scenario thread: calls the {@code @Cacheable} method in a loop bounded by count and time,
 * recording each call in the phase in which it started. A short pause between calls keeps 8 workers
 * from saturating 2 cores, so the latency measured is the call's, not the CPU run queue's.
 */
final class Worker implements Runnable {

	static final String[] PHASES = { "before", "outage", "after" };

	static final int AFTER = 2;

	private static final long MAX_CALLS = 20_000_000;

	private final CatalogService service;

	private final Catalog catalog;

	private final PhaseClock clock;

	private final Histogram[] latencies = new Histogram[PHASES.length];

	private final long[] calls = new long[PHASES.length];

	private final long[] errors = new long[PHASES.length];

	private final long[] stale = new long[PHASES.length];

	private String firstError;

	private final long pauseNanos;

	Worker(CatalogService service, Catalog catalog, PhaseClock clock, long pauseNanos) {
		this.pauseNanos = pauseNanos;
		this.service = service;
		this.catalog = catalog;
		this.clock = clock;
		for (int i = 0; i < PHASES.length; i++) {
			this.latencies[i] = new Histogram(3);
		}
	}

	@Override
	public void run() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		for (long n = 0; n < MAX_CALLS && this.clock.running(); n++) {
			int phase = this.clock.phase();
			String id = HealthyPathBenchmark.Keys.ITEMS[random.nextInt(HealthyPathBenchmark.KEYS)];
			long start = System.nanoTime();
			try {
				String value = this.service.find(id);
				if (phase == AFTER && !value.equals(this.catalog.current(id))) {
					this.stale[phase]++;
				}
			}
			catch (RuntimeException ex) {
				this.errors[phase]++;
				if (this.firstError == null) {
					this.firstError = PHASES[phase] + ": " + describe(ex);
				}
			}
			this.latencies[phase].recordValue(System.nanoTime() - start);
			this.calls[phase]++;
			LockSupport.parkNanos(this.pauseNanos);
		}
	}

	/**
	 * The first exception this worker saw, for the report.
	 * @return phase, exception and message, or {@code null}
	 */
	String firstError() {
		return this.firstError;
	}

	static String describe(Throwable ex) {
		String message = String.valueOf(ex.getMessage()).replace('\n', ' ').replace('|', '/');
		return ex.getClass().getSimpleName() + " \"" + ((message.length() > 160) ? message.substring(0, 160) + "..." : message)
				+ "\"";
	}

	/**
	 * Add this worker's figures to the totals; call after the thread ended.
	 * @param totals one histogram per phase
	 * @param counts per phase: calls, errors, stale reads
	 */
	void addTo(Histogram[] totals, long[][] counts) {
		for (int i = 0; i < PHASES.length; i++) {
			totals[i].add(this.latencies[i]);
			counts[i][0] += this.calls[i];
			counts[i][1] += this.errors[i];
			counts[i][2] += this.stale[i];
		}
	}

	/**
	 * The phase the scenario is in, and whether workers should go on.
	 */
	static final class PhaseClock {

		private volatile int phase;

		private volatile boolean running = true;

		int phase() {
			return this.phase;
		}

		void enter(int phase) {
			this.phase = phase;
		}

		boolean running() {
			return this.running;
		}

		void stop() {
			this.running = false;
		}

	}

}
