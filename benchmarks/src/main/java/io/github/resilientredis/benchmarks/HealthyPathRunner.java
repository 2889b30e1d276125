package io.github.resilientredis.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.resilientredis.testsupport.RedisServer;

/**
 * Runs the healthy path: one {@link HealthyPathChild} JVM per thread count and variant, alternating
 * the variants (and which goes first) so machine load drifts hit both alike, while sampling the
 * server's client connections (the connection-economy figures).
 */
final class HealthyPathRunner {

	static final List<String> BENCHMARKS = List.of("cacheableHit", "templateGet", "templateSet");

	private static final long CHILD_TIMEOUT_SECONDS = 300;

	private final Settings settings;

	private final RedisServer server;

	private final List<String> failures = new ArrayList<>();

	HealthyPathRunner(Settings settings, RedisServer server) {
		this.settings = settings;
		this.server = server;
	}

	List<HealthyResult> run() throws IOException, InterruptedException {
		List<HealthyResult> results = new ArrayList<>();
		int round = 0;
		for (int threads : this.settings.threads()) {
			List<Variant> order = (round++ % 2 == 0) ? List.of(Variant.STOCK, Variant.STARTER)
					: List.of(Variant.STARTER, Variant.STOCK);
			for (Variant variant : order) {
				try {
					results.addAll(runChild(variant, threads));
				}
				catch (IllegalStateException ex) {
					// one failed JVM leaves a gap in the table rather than losing the whole run
					System.out.println("  FAILED: " + ex.getMessage());
					this.failures.add(ex.getMessage());
				}
			}
		}
		return results;
	}

	private List<HealthyResult> runChild(Variant variant, int threads) throws IOException, InterruptedException {
		System.out.printf("healthy path: %s, %d thread(s)%n", variant.label(), threads);
		awaitNoClients();
		List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xms256m",
				"-Xmx512m", "-Djava.awt.headless=true",
				"-D" + HealthyPathBenchmark.URL_PROPERTY + "=" + this.server.url(), "-cp",
				System.getProperty("java.class.path"), HealthyPathChild.class.getName(), variant.name(),
				Integer.toString(threads), Integer.toString(this.settings.warmupIterations()),
				Integer.toString(this.settings.warmupSeconds()), Integer.toString(this.settings.measurementIterations()),
				Integer.toString(this.settings.measurementSeconds()));
		List<String[]> lines = new ArrayList<>();
		int maxConnections;
		String connectionNames;
		Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
		try (ConnectionSampler sampler = new ConnectionSampler(this.server, 100);
				BufferedReader reader = new BufferedReader(
						new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = reader.readLine()) != null) {
				if (line.startsWith(HealthyPathChild.RESULT)) {
					lines.add(line.substring(HealthyPathChild.RESULT.length()).split(" "));
				}
				else {
					System.out.println(line);
				}
			}
			maxConnections = sampler.max();
			connectionNames = sampler.maxNames();
		}
		if (!process.waitFor(CHILD_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			throw new IllegalStateException("Healthy-path JVM did not finish within " + CHILD_TIMEOUT_SECONDS + " s");
		}
		if (process.exitValue() != 0 || lines.size() != BENCHMARKS.size()) {
			throw new IllegalStateException("Healthy-path JVM for " + variant + " at " + threads + " threads failed (exit "
					+ process.exitValue() + ")");
		}
		List<HealthyResult> results = new ArrayList<>();
		for (String[] fields : lines) {
			HealthyResult result = new HealthyResult(fields[0], threads, variant, Double.parseDouble(fields[1]),
					Double.parseDouble(fields[2]), Double.parseDouble(fields[3]), maxConnections, connectionNames, Long.parseLong(fields[4]));
			System.out.printf("  %s: %.0f ops/s (%.0f..%.0f), %d errors, max %d connections%n", result.benchmark(),
					result.opsPerSecond(), result.min(), result.max(), result.errors(), maxConnections);
			results.add(result);
		}
		return results;
	}

	/**
	 * The JVMs that failed, for the report.
	 * @return one message per failed JVM
	 */
	List<String> failures() {
		return this.failures;
	}

	/**
	 * Wait (bounded) until the previous JVM's connections are gone, so the sampler counts only the next one's.
	 */
	private void awaitNoClients() throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
		while (!this.server.clients().isEmpty() && System.nanoTime() < deadline) {
			Thread.sleep(50);
		}
	}

}
