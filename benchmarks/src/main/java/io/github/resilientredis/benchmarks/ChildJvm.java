package io.github.resilientredis.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A running {@link HealthyPathChild} for one variant, driven line by line over stdin/stdout.
 */
final class ChildJvm implements AutoCloseable {

	private final Process process;

	private final PrintWriter commands;

	private final BufferedReader answers;

	ChildJvm(Variant variant, String redisUrl, Settings settings) throws IOException {
		List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xms256m",
				"-Xmx512m", "-Djava.awt.headless=true", "-D" + HealthyPathBenchmark.URL_PROPERTY + "=" + redisUrl, "-cp",
				System.getProperty("java.class.path"), HealthyPathChild.class.getName(), variant.name(),
				Integer.toString(settings.warmupIterations()), Integer.toString(settings.warmupSeconds()),
				Integer.toString(settings.measurementIterations()), Integer.toString(settings.measurementSeconds()));
		this.process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
		this.commands = new PrintWriter(this.process.getOutputStream(), true, StandardCharsets.UTF_8);
		this.answers = new BufferedReader(new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8));
	}

	/**
	 * Run one benchmark and wait for its answer.
	 * @return score, min, max, errors
	 * @throws IllegalStateException when the benchmark failed or the JVM died
	 */
	String[] run(String benchmark, int threads) throws IOException {
		this.commands.println(benchmark + " " + threads);
		String line;
		while ((line = this.answers.readLine()) != null) {
			if (line.startsWith(HealthyPathChild.RESULT)) {
				return line.substring(HealthyPathChild.RESULT.length()).split(" ");
			}
			if (line.startsWith(HealthyPathChild.FAILED)) {
				throw new IllegalStateException(line.substring(HealthyPathChild.FAILED.length()));
			}
			System.out.println(line);
		}
		throw new IllegalStateException("the benchmark JVM for this variant exited; its stderr is above");
	}

	@Override
	public void close() throws InterruptedException {
		this.commands.println("exit");
		if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
			this.process.destroyForcibly();
		}
	}

}
