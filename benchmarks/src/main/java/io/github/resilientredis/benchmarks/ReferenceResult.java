package io.github.resilientredis.benchmarks;

/**
 * One {@code redis-benchmark} test at one concurrency.
 *
 * @param command {@code GET} or {@code SET}
 * @param clients the {@code -c} value
 * @param requestsPerSecond the measured rate
 * @param p99Millis the reported 99th percentile latency
 */
record ReferenceResult(String command, int clients, double requestsPerSecond, double p99Millis) {
}
