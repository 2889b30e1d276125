package io.github.resilientredis.benchmarks;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs the hang, GC-pause and warm-start measurements and writes them into their section of
 * {@code docs/benchmarks.md} (between {@link #START} and {@link #END}; {@link BenchmarkMain} keeps
 * that section when it rewrites the file). Run from the repository root:
 * {@code java -cp benchmarks/target/benchmarks.jar io.github.resilientredis.benchmarks.ResilienceMain}
 * ({@code -Dbench.parts=hang,gc,warm} to choose).
 */
public final class ResilienceMain {

	static final String START = "<!-- resilience-measurements:start -->";

	static final String END = "<!-- resilience-measurements:end -->";

	/** Ends the hand-written notes that follow the measurements (Sentinel failover, before/after). */
	static final String NOTES_END = "<!-- resilience-notes:end -->";

	private ResilienceMain() {
	}

	public static void main(String[] args) throws Exception {
		Settings settings = Settings.fromSystemProperties();
		String parts = System.getProperty("bench.parts", "hang,gc,warm");
		List<String> lines = new ArrayList<>();
		String load = Machine.loadAverage();
		String started = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"));
		if (parts.contains("hang")) {
			ScenarioResult hang = new FaultScenario(settings).run(Variant.STARTER, Fault.PAUSE);
			PhaseResult outage = hang.phase("outage");
			lines.add(String.format(Locale.ROOT,
					"- **SIGSTOP** (`FaultScenario`, starter with defaults: command timeout 2 s, hang threshold 1 s, "
							+ "%d workers, %d s outage): breaker OPEN **%d ms** after the SIGSTOP; %,d of %,d outage "
							+ "calls over 5 ms, slowest %.0f ms, p99 %.2f ms; %d errors reached callers; traffic back "
							+ "%d ms after SIGCONT.",
					settings.workers(), settings.phaseSeconds(), hang.breakerOpenMillis(), outage.slowCalls(),
					outage.calls(), outage.max(), outage.p99(), hang.errors(), hang.trafficBackMillis()));
		}
		if (parts.contains("gc")) {
			lines.add("- **GC pauses, healthy Redis** (`GcPauseRunner`: child JVM `-Xmx256m -XX:+UseSerialGC`, "
					+ "1.5 M live objects replaced at random plus 2 KB garbage per step, 4 workers): "
					+ GcPauseRunner.run(Integer.getInteger("bench.gc.seconds", 60)) + ".");
		}
		if (parts.contains("warm")) {
			int runs = Integer.getInteger("bench.warm.runs", 5);
			WarmStartRunner.Result result = WarmStartRunner.run(runs);
			lines.add(String.format(Locale.ROOT,
					"- **First call with Redis down** (`WarmStartRunner`: %d fresh JVMs, nothing listens on the port, "
							+ "`opsForValue().get` right after the context started): median %.0f ms, min %.0f, max "
							+ "%.0f; breaker / warm-up state at the call: %s.",
					runs, result.median(), result.min(), result.max(), result.states()));
		}
		String section = START + "\n\n### Hang detection, GC pauses, warm start (" + started + " UTC, load average "
				+ load + " at the start)\n\nRe-run: `java -cp benchmarks/target/benchmarks.jar "
				+ "io.github.resilientredis.benchmarks.ResilienceMain` (`-Dbench.parts=hang,gc,warm`).\n\n"
				+ String.join("\n", lines) + "\n\n" + END + "\n";
		Path markdown = settings.output().resolve("benchmarks.md");
		String existing = Files.exists(markdown) ? Files.readString(markdown, StandardCharsets.UTF_8) : "";
		Files.writeString(markdown, withSection(existing, section), StandardCharsets.UTF_8);
		System.out.println(section);
		System.exit(0);
	}

	/**
	 * The document with its resilience section replaced (or appended).
	 */
	static String withSection(String document, String section) {
		int start = document.indexOf(START);
		int end = document.indexOf(END);
		if (start >= 0 && end > start) {
			return document.substring(0, start) + section.stripTrailing() + document.substring(end + END.length());
		}
		return document.stripTrailing() + "\n\n" + section;
	}

	/**
	 * The resilience section of a document and the notes after it, to carry over when the
	 * document is regenerated.
	 */
	static String section(String document) {
		int start = document.indexOf(START);
		int end = document.indexOf(END);
		if (start < 0 || end < start) {
			return "";
		}
		int notesEnd = document.indexOf(NOTES_END, end);
		int stop = (notesEnd > 0) ? notesEnd + NOTES_END.length() : end + END.length();
		return document.substring(start, stop) + "\n";
	}

}
