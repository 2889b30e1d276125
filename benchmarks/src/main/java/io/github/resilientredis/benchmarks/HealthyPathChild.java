package io.github.resilientredis.benchmarks;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Collection;

import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * The JVM {@link HealthyPathRunner} starts for one variant: reads {@code <benchmark> <threads>} lines
 * from stdin, runs that {@link HealthyPathBenchmark} in-process and answers with one {@code RESULT}
 * (or {@code FAILED}) line; {@code exit} ends it. Arguments: variant, warm-up iterations, warm-up
 * seconds, measurement iterations, measurement seconds.
 */
public final class HealthyPathChild {

	static final String RESULT = "RESULT ";

	static final String FAILED = "FAILED ";

	private HealthyPathChild() {
	}

	public static void main(String[] args) throws Exception {
		Variant variant = Variant.valueOf(args[0]);
		BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
		try {
			String command;
			while ((command = commands.readLine()) != null && !command.equals("exit")) {
				String[] fields = command.split(" ");
				try {
					System.out.println(RESULT + run(variant, fields[0], Integer.parseInt(fields[1]), args));
				}
				catch (RunnerException | RuntimeException ex) {
					System.out.println(FAILED + Worker.describe(ex));
				}
				System.out.flush();
			}
		}
		finally {
			HealthyPathBenchmark.closeContexts();
		}
		System.exit(0);
	}

	private static String run(Variant variant, String benchmark, int threads, String[] args) throws RunnerException {
		Options options = new OptionsBuilder()
			.include(HealthyPathBenchmark.class.getSimpleName() + "\\." + benchmark + "$")
			.param("variant", variant.name())
			.threads(threads)
			.forks(0)
			.warmupIterations(Integer.parseInt(args[1]))
			.warmupTime(TimeValue.seconds(Integer.parseInt(args[2])))
			.measurementIterations(Integer.parseInt(args[3]))
			.measurementTime(TimeValue.seconds(Integer.parseInt(args[4])))
			.shouldFailOnError(true)
			.verbosity(VerboseMode.SILENT)
			.build();
		HealthyPathBenchmark.errors.reset();
		Collection<RunResult> results = new Runner(options).run();
		Result<?> primary = results.iterator().next().getPrimaryResult();
		return primary.getScore() + " " + primary.getStatistics().getMin() + " " + primary.getStatistics().getMax()
				+ " " + HealthyPathBenchmark.errors.sum();
	}

}
