package io.github.resilientredis.benchmarks;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

import io.github.resilientredis.testsupport.RedisServer;

/**
 * Runs {@link HealthyPathBenchmark} through the JMH API, one fork per benchmark, thread count and
 * variant, alternating the variants (and their order) so machine load drifts hit both alike, while
 * sampling the server's client connections.
 */
final class HealthyPathRunner {

	static final List<String> BENCHMARKS = List.of("cacheableHit", "templateGet", "templateSet");

	private final Settings settings;

	private final RedisServer server;

	HealthyPathRunner(Settings settings, RedisServer server) {
		this.settings = settings;
		this.server = server;
	}

	List<HealthyResult> run() throws RunnerException {
		List<HealthyResult> results = new ArrayList<>();
		int round = 0;
		for (String benchmark : BENCHMARKS) {
			for (int threads : this.settings.threads()) {
				List<Variant> order = (round++ % 2 == 0) ? List.of(Variant.STOCK, Variant.STARTER)
						: List.of(Variant.STARTER, Variant.STOCK);
				for (Variant variant : order) {
					results.add(runOne(benchmark, threads, variant));
				}
			}
		}
		return results;
	}

	private HealthyResult runOne(String benchmark, int threads, Variant variant) throws RunnerException {
		Options options = new OptionsBuilder().include(HealthyPathBenchmark.class.getSimpleName() + "\\." + benchmark + "$")
			.param("variant", variant.name())
			.threads(threads)
			.forks(1)
			.warmupIterations(this.settings.warmupIterations())
			.warmupTime(TimeValue.seconds(this.settings.warmupSeconds()))
			.measurementIterations(this.settings.measurementIterations())
			.measurementTime(TimeValue.seconds(this.settings.measurementSeconds()))
			.jvmArgsAppend("-D" + HealthyPathBenchmark.URL_PROPERTY + "=" + this.server.url(), "-Xms256m",
					"-Xmx512m", "-Djava.awt.headless=true")
			.shouldFailOnError(true)
			.verbosity(VerboseMode.SILENT)
			.build();
		System.out.printf("healthy path: %s, %d thread(s), %s%n", benchmark, threads, variant.label());
		try (ConnectionSampler sampler = new ConnectionSampler(this.server, 100)) {
			Collection<RunResult> runResults = new Runner(options).run();
			if (runResults.isEmpty()) {
				throw new IllegalStateException("JMH produced no result for " + benchmark + " (" + variant + ")");
			}
			Result<?> primary = runResults.iterator().next().getPrimaryResult();
			HealthyResult result = new HealthyResult(benchmark, threads, variant, primary.getScore(),
					primary.getScoreError(), sampler.max());
			System.out.printf("  %.0f ops/s (+- %.0f), max %d connections%n", result.opsPerSecond(), result.error(),
					result.maxConnections());
			return result;
		}
	}

}
