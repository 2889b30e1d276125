package io.github.resilientredis.benchmarks;

/**
 * What the workers saw in one phase of a fault scenario. Latencies in milliseconds.
 *
 * @param phase {@code before}, {@code outage} or {@code after}
 * @param calls calls started in the phase
 * @param errors calls that threw
 * @param staleReads reads that returned an older version than the database holds (counted after recovery)
 * @param p50 median latency
 * @param p99 99th percentile latency
 * @param max maximum latency
 * @param slowCalls calls that took longer than 5 ms (the outage latency target)
 */
record PhaseResult(String phase, long calls, long errors, long staleReads, double p50, double p99, double max,
		long slowCalls) {
}
