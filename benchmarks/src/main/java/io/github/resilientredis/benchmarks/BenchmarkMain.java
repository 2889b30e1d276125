package io.github.resilientredis.benchmarks;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.resilientredis.test.RedisServer;

/**
 * Runs every benchmark (redis-benchmark reference, JMH healthy path, fault scenarios) and writes
 * {@code docs/benchmarks.md} and {@code docs/benchmarks.png}. Run from the repository root.
 */
public final class BenchmarkMain {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

	private BenchmarkMain() {
	}

	public static void main(String[] args) throws Exception {
		System.setProperty("java.awt.headless", "true");
		Settings settings = Settings.fromSystemProperties();
		String start = now();
		String loadStart = Machine.loadAverage();
		long started = System.nanoTime();
		List<String> notes = new ArrayList<>();
		if (!Variant.starterConnectionFactoryPresent()) {
			notes.add("The starter's connection factory was not on the class path yet: the starter column ran on stock Spring Boot "
					+ "without the tuned timeout and error handler (an A/A comparison of the healthy path, which shows the noise).");
		}
		List<ReferenceResult> reference = List.of();
		List<HealthyResult> healthy = List.of();
		try (RedisServer stockServer = RedisServer.builder().start();
				RedisServer starterServer = RedisServer.builder().start()) {
			if (settings.runHealthy()) {
				reference = new RedisBenchmarkReference(stockServer, settings.threads()).run();
				HealthyPathRunner runner = new HealthyPathRunner(settings,
						Map.of(Variant.STOCK, stockServer, Variant.STARTER, starterServer));
				healthy = runner.run();
				runner.failures().forEach((failure) -> notes.add("Healthy path: " + failure + "; its rows are missing."));
			}
		}
		List<ScenarioResult> faults = settings.runFaults() ? new FaultScenario(settings).runAll() : List.of();
		String starterContext = faults.stream()
			.filter((result) -> result.variant() == Variant.STARTER)
			.map(ScenarioResult::context)
			.findFirst()
			.orElse("(not recorded: fault scenarios not run)");
		notes.add(String.format("Whole run took %.1f min.", (System.nanoTime() - started) / 60e9));
		RunInfo run = new RunInfo(settings, start, now(), Machine.describe(), loadStart, Machine.loadAverage(),
				Machine.gitCommit(), starterContext, notes);
		Files.createDirectories(settings.output());
		Path markdown = settings.output().resolve("benchmarks.md");
		// the hang, GC-pause and warm-start section is written by ResilienceMain: keep it
		String kept = Files.exists(markdown)
				? ResilienceMain.section(Files.readString(markdown, StandardCharsets.UTF_8)) : "";
		String rendered = new Report(run, healthy, reference, faults).render();
		Files.writeString(markdown, kept.isEmpty() ? rendered : ResilienceMain.withSection(rendered, kept),
				StandardCharsets.UTF_8);
		Chart.write(settings.output().resolve("benchmarks.png"), healthy, faults);
		System.out.println("wrote " + markdown.toAbsolutePath() + " and benchmarks.png");
		System.exit(0);
	}

	private static String now() {
		return ZonedDateTime.now(ZoneOffset.UTC).format(TIME);
	}

}
