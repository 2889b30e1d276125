package io.github.resilientredis.benchmarks;

/**
 * One JMH run: a benchmark at a thread count for one variant.
 *
 * @param benchmark the benchmark method name
 * @param threads the number of JMH threads
 * @param variant the configuration
 * @param opsPerSecond the JMH score
 * @param min the slowest measurement iteration
 * @param max the fastest measurement iteration
 * @param maxConnections the most client connections the server saw during the run
 * @param connectionNames the client names at that maximum
 * @param errors operations that threw, warm-up included
 */
record HealthyResult(String benchmark, int threads, Variant variant, double opsPerSecond, double min, double max,
		int maxConnections, String connectionNames, long errors) {
}
