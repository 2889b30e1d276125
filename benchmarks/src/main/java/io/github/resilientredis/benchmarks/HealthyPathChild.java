package io.github.resilientredis.benchmarks;

import java.util.Collection;

import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * The JVM {@link HealthyPathRunner} starts for one variant and thread count: runs the three
 * {@link HealthyPathBenchmark} benchmarks in-process and prints one {@code RESULT} line each.
 * Arguments: variant, threads, warm-up iterations, warm-up seconds, measurement iterations,
 * measurement seconds.
 */
public final class HealthyPathChild {

	static final String RESULT = "RESULT ";

	private HealthyPathChild() {
	}

	public static void main(String[] args) throws Exception {
		Variant variant = Variant.valueOf(args[0]);
		int threads = Integer.parseInt(args[1]);
		try {
			for (String benchmark : HealthyPathRunner.BENCHMARKS) {
				Options options = new OptionsBuilder()
					.include(HealthyPathBenchmark.class.getSimpleName() + "\\." + benchmark + "$")
					.param("variant", variant.name())
					.threads(threads)
					.forks(0)
					.warmupIterations(Integer.parseInt(args[2]))
					.warmupTime(TimeValue.seconds(Integer.parseInt(args[3])))
					.measurementIterations(Integer.parseInt(args[4]))
					.measurementTime(TimeValue.seconds(Integer.parseInt(args[5])))
					.shouldFailOnError(true)
					.verbosity(VerboseMode.SILENT)
					.build();
				HealthyPathBenchmark.errors.reset();
				Collection<RunResult> results = new Runner(options).run();
				Result<?> primary = results.iterator().next().getPrimaryResult();
				System.out.println(RESULT + benchmark + " " + primary.getScore() + " " + primary.getStatistics().getMin()
						+ " " + primary.getStatistics().getMax() + " " + HealthyPathBenchmark.errors.sum());
			}
		}
		finally {
			HealthyPathBenchmark.closeContexts();
		}
		System.exit(0);
	}

}
