package io.github.resilientredis.benchmarks;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints the warm-start figures: the first call of an application started while Redis is
 * down, each in a fresh JVM. {@code java [-Dwarm-start.delay=3000] -cp benchmarks/target/benchmarks.jar
 * io.github.resilientredis.benchmarks.WarmStartMain [runs] [autoconfigure jar of the build to
 * compare with]}: with a second jar, the runs alternate between the two builds; the delay is the
 * time between the context start and the first call (an application whose startup goes on).
 */
public final class WarmStartMain {

	private WarmStartMain() {
	}

	public static void main(String[] args) throws Exception {
		int runs = (args.length > 0) ? Integer.parseInt(args[0]) : 7;
		String classPath = System.getProperty("java.class.path");
		System.out.println("load average before: " + Machine.loadAverage() + "; first call "
				+ Long.getLong(WarmStartRunner.DELAY_PROPERTY, 0) + " ms after the context started");
		if (args.length > 1) {
			String before = swapAutoconfigureJar(classPath, Path.of(args[1]));
			List<Double> after = new ArrayList<>();
			List<Double> previous = new ArrayList<>();
			List<String> states = new ArrayList<>();
			for (int i = 0; i < runs; i++) {
				// ABBA, so drifting machine load does not favour one build
				boolean afterFirst = i % 2 == 0;
				WarmStartRunner.Result first = WarmStartRunner.run(1, afterFirst ? classPath : before);
				WarmStartRunner.Result second = WarmStartRunner.run(1, afterFirst ? before : classPath);
				(afterFirst ? after : previous).addAll(first.millis());
				(afterFirst ? previous : after).addAll(second.millis());
				states.addAll(first.states());
				states.addAll(second.states());
			}
			print("compared build", new WarmStartRunner.Result(sorted(previous), List.of()));
			print("this build", new WarmStartRunner.Result(sorted(after), List.of()));
			System.out.println("runs: " + states);
		}
		else {
			WarmStartRunner.Result result = WarmStartRunner.run(runs, classPath);
			print("this build", result);
			System.out.println("runs: " + result.states());
		}
		System.out.println("load average after: " + Machine.loadAverage());
	}

	private static void print(String label, WarmStartRunner.Result result) {
		System.out.printf("%s: first call with Redis down, %d fresh JVMs: median %.1f ms, min %.1f, max %.1f; all %s%n",
				label, result.millis().size(), result.median(), result.min(), result.max(), result.millis());
	}

	private static List<Double> sorted(List<Double> values) {
		List<Double> copy = new ArrayList<>(values);
		copy.sort(null);
		return copy;
	}

	/** The jar first on the class path: its classes win over the build's own. */
	private static String swapAutoconfigureJar(String classPath, Path jar) {
		return jar.toAbsolutePath() + File.pathSeparator + classPath;
	}

}
