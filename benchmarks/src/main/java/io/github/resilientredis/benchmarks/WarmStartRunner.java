package io.github.resilientredis.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;

import org.springframework.context.ConfigurableApplicationContext;
import io.github.resilientredis.connection.ResilientLettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The first call of an application started while Redis is down (nothing listens on its port):
 * each run is a fresh JVM (a cold client: event loops, class loading), the starter with defaults;
 * reports how long the first {@code opsForValue().get} took to fail and the breaker state then.
 */
final class WarmStartRunner {

	static final String RESULT = "WARM-START-RESULT ";

	/** Milliseconds between the context start and the first call. */
	static final String DELAY_PROPERTY = "warm-start.delay";

	private WarmStartRunner() {
	}

	/**
	 * Start {@code runs} fresh JVMs in turn.
	 * @return the first-call times in milliseconds, sorted, and the breaker states seen
	 */
	static Result run(int runs) throws IOException, InterruptedException {
		return run(runs, System.getProperty("java.class.path"));
	}

	/**
	 * Start {@code runs} fresh JVMs in turn on the given class path.
	 * @return the first-call times in milliseconds, sorted, and how each run went
	 */
	static Result run(int runs, String classPath) throws IOException, InterruptedException {
		List<Double> millis = new ArrayList<>();
		List<String> states = new ArrayList<>();
		for (int i = 0; i < runs; i++) {
			int port;
			try (ServerSocket socket = new ServerSocket(0)) {
				port = socket.getLocalPort();
			}
			List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
					"-Xmx256m", "-D" + DELAY_PROPERTY + "=" + Long.getLong(DELAY_PROPERTY, 0), "-cp", classPath,
					WarmStartRunner.class.getName(),
					"redis://127.0.0.1:" + port);
			Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
			try (BufferedReader out = new BufferedReader(
					new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
				String line;
				while ((line = out.readLine()) != null) {
					if (line.startsWith(RESULT)) {
						String[] parts = line.substring(RESULT.length()).split(" ");
						millis.add(Double.valueOf(parts[0]));
						states.add(parts[1] + "/" + parts[2]);
					}
				}
			}
			if (!process.waitFor(60, TimeUnit.SECONDS)) {
				process.destroyForcibly();
			}
		}
		Collections.sort(millis);
		return new Result(millis, states);
	}

	/**
	 * The child: start the application against a closed port and time the first call.
	 */
	public static void main(String[] args) {
		ConfigurableApplicationContext context = Variant.STARTER.start(args[0]);
		StringRedisTemplate template = context.getBean(StringRedisTemplate.class);
		CircuitBreaker breaker = context.getBean(CircuitBreaker.class);
		ResilientLettuceConnectionFactory factory = context.getBean(ResilientLettuceConnectionFactory.class);
		// an application whose startup goes on after the connection factory (0: call at once)
		sleep(Long.getLong(DELAY_PROPERTY, 0));
		String warm;
		try {
			warm = factory.getWarmUp().isDone() ? "warm" : "warming";
		}
		catch (NoSuchMethodError ex) {
			// a build before the warm-up existed (the "before" column)
			warm = "no-warm-up";
		}
		long start = System.nanoTime();
		try {
			template.opsForValue().get("first-call");
		}
		catch (RuntimeException ex) {
			// Redis is down: the first call fails, how fast is the point
		}
		double millis = (System.nanoTime() - start) / 1e6;
		System.out.println(RESULT + String.format(java.util.Locale.ROOT, "%.1f", millis) + " " + breaker.getState() + " " + warm);
		context.close();
		System.exit(0);
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	record Result(List<Double> millis, List<String> states) {

		double median() {
			return this.millis.get(this.millis.size() / 2);
		}

		double max() {
			return this.millis.get(this.millis.size() - 1);
		}

		double min() {
			return this.millis.get(0);
		}

	}

}
