package io.github.resilientredis.resilience;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;

/**
 * Calls an operation from several threads until stopped, recording failures and the
 * latency of every call.
 */
final class Load implements AutoCloseable {

	private final ExecutorService executor;

	private final ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();

	private final ConcurrentLinkedQueue<long[]> latencies = new ConcurrentLinkedQueue<>();

	private final AtomicLong calls = new AtomicLong();

	private volatile boolean running = true;

	Load(int threads, IntConsumer operation) {
		this.executor = Executors.newFixedThreadPool(threads);
		for (int t = 0; t < threads; t++) {
			int thread = t;
			this.executor.execute(() -> {
				int i = 0;
				while (this.running) {
					long start = System.nanoTime();
					try {
						operation.accept(thread * 1000 + (i++ % 50));
					}
					catch (Throwable ex) {
						if (this.failures.isEmpty()) {
							// the assertion shows only the top frames; the cause chain says why
							ex.printStackTrace();
						}
						this.failures.add(ex);
					}
					long end = System.nanoTime();
					this.latencies.add(new long[] { end, end - start });
					this.calls.incrementAndGet();
					if (i % 10 == 0) {
						Thread.onSpinWait();
					}
				}
			});
		}
	}

	List<Throwable> failures() {
		return new ArrayList<>(this.failures);
	}

	long calls() {
		return this.calls.get();
	}

	/**
	 * Latency percentile of the calls that ended after the given instant.
	 * @param sinceNanos System.nanoTime() lower bound of the call end
	 * @param percentile 0-100
	 * @return the latency in microseconds
	 */
	long percentileMicros(long sinceNanos, double percentile) {
		List<Long> selected = new ArrayList<>();
		for (long[] latency : this.latencies) {
			if (latency[0] >= sinceNanos) {
				selected.add(latency[1]);
			}
		}
		if (selected.isEmpty()) {
			return -1;
		}
		Collections.sort(selected);
		int index = (int) Math.min(selected.size() - 1, Math.ceil(percentile / 100 * selected.size()) - 1);
		return TimeUnit.NANOSECONDS.toMicros(selected.get(Math.max(index, 0)));
	}

	long maxMicros(long fromNanos, long toNanos) {
		long max = 0;
		for (long[] latency : this.latencies) {
			if (latency[0] >= fromNanos && latency[0] <= toNanos) {
				max = Math.max(max, latency[1]);
			}
		}
		return TimeUnit.NANOSECONDS.toMicros(max);
	}

	@Override
	public void close() throws InterruptedException {
		this.running = false;
		this.executor.shutdown();
		this.executor.awaitTermination(10, TimeUnit.SECONDS);
	}

}
