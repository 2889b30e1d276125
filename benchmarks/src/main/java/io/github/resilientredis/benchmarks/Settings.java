package io.github.resilientredis.benchmarks;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Run lengths and sizes, read from system properties so a quick smoke run is one flag away
 * ({@code -Dbench.quick=true}); the defaults are the documented full run.
 *
 * @param warmupIterations JMH warm-up iterations
 * @param warmupSeconds seconds per JMH warm-up iteration
 * @param measurementIterations JMH measurement iterations
 * @param measurementSeconds seconds per JMH measurement iteration
 * @param threads the thread counts of the healthy path
 * @param rounds how often the whole healthy path is repeated (variants alternate ABBA across rounds)
 * @param phaseSeconds seconds of each fault-scenario phase (before, outage, after)
 * @param workers worker threads of the fault scenarios
 * @param pauseMicros pause of a fault-scenario worker between two calls
 * @param parts which parts to run: {@code all}, {@code healthy}, {@code faults}
 * @param output directory receiving {@code benchmarks.md} and {@code benchmarks.png}
 */
record Settings(int warmupIterations, int warmupSeconds, int measurementIterations, int measurementSeconds,
		List<Integer> threads, int rounds, int phaseSeconds, int workers, int pauseMicros, String parts, Path output) {

	static Settings fromSystemProperties() {
		boolean quick = Boolean.getBoolean("bench.quick");
		return new Settings(Integer.getInteger("bench.warmup.iterations", quick ? 1 : 2),
				Integer.getInteger("bench.warmup.seconds", 1),
				Integer.getInteger("bench.measurement.iterations", quick ? 1 : 3),
				Integer.getInteger("bench.measurement.seconds", 1), threadCounts(),
				Integer.getInteger("bench.rounds", quick ? 1 : 2),
				Integer.getInteger("bench.phase.seconds", quick ? 3 : 10), Integer.getInteger("bench.workers", 8),
				Integer.getInteger("bench.pause.micros", 1000),
				System.getProperty("bench.parts", "all"), Path.of(System.getProperty("bench.output", "docs")));
	}

	private static List<Integer> threadCounts() {
		String threads = System.getProperty("bench.threads", "1,8,64");
		return Arrays.stream(threads.split(",")).map(String::trim).map(Integer::valueOf).toList();
	}

	boolean runHealthy() {
		return "all".equals(this.parts) || "healthy".equals(this.parts);
	}

	boolean runFaults() {
		return "all".equals(this.parts) || "faults".equals(this.parts);
	}

	String jmhDescription() {
		return "one long-lived JVM per configuration (each on its own fixture server), every benchmark and thread count "
				+ "run stock and starter back to back, " + this.rounds + " rounds (ABBA), per run " + this.warmupIterations + " x " + this.warmupSeconds + " s warm-up, "
				+ this.measurementIterations + " x " + this.measurementSeconds + " s measurement";
	}

}
