package io.github.resilientredis.benchmarks;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.github.resilientredis.test.RedisServer;

/**
 * Runs the healthy path: one long-lived {@link HealthyPathChild} JVM per variant, each against its own
 * fixture server, driven in alternation (every benchmark and thread count runs stock and starter back
 * to back, ABBA over rounds) so machine load drifts hit both alike. Each variant's server is sampled
 * for client connections while that variant runs (the connection-economy figures).
 */
final class HealthyPathRunner {

	static final List<String> BENCHMARKS = List.of("cacheableHit", "templateGet", "templateSet");

	private final Settings settings;

	private final Map<Variant, RedisServer> servers;

	private final List<String> failures = new ArrayList<>();

	HealthyPathRunner(Settings settings, Map<Variant, RedisServer> servers) {
		this.settings = settings;
		this.servers = servers;
	}

	List<HealthyResult> run() throws IOException, InterruptedException {
		Map<Variant, ChildJvm> children = new EnumMap<>(Variant.class);
		try {
			for (Variant variant : Variant.values()) {
				children.put(variant, new ChildJvm(variant, this.servers.get(variant).url(), this.settings));
			}
			List<HealthyResult> rounds = new ArrayList<>();
			int slot = 0;
			for (int round = 0; round < this.settings.rounds(); round++) {
				for (int threads : this.settings.threads()) {
					for (String benchmark : BENCHMARKS) {
						List<Variant> order = (slot++ % 2 == 0) ? List.of(Variant.STOCK, Variant.STARTER)
								: List.of(Variant.STARTER, Variant.STOCK);
						for (Variant variant : order) {
							runOne(children.get(variant), variant, benchmark, threads, round).ifPresent(rounds::add);
						}
					}
				}
			}
			return combine(rounds);
		}
		finally {
			for (ChildJvm child : children.values()) {
				child.close();
			}
		}
	}

	/**
	 * The runs that failed, for the report.
	 * @return one message per failed run
	 */
	List<String> failures() {
		return this.failures;
	}

	private Optional<HealthyResult> runOne(ChildJvm child, Variant variant, String benchmark, int threads,
			int round) throws IOException {
		System.out.printf("healthy path, round %d: %s, %d thread(s), %s%n", round + 1, benchmark, threads,
				variant.label());
		try (ConnectionSampler sampler = new ConnectionSampler(this.servers.get(variant), 100)) {
			String[] fields = child.run(benchmark, threads);
			HealthyResult result = new HealthyResult(benchmark, threads, variant, Double.parseDouble(fields[0]),
					Double.parseDouble(fields[1]), Double.parseDouble(fields[2]), sampler.max(), sampler.maxNames(),
					Long.parseLong(fields[3]));
			System.out.printf("  %.0f ops/s (%.0f..%.0f), %d errors, max %d connections%n", result.opsPerSecond(),
					result.min(), result.max(), result.errors(), result.maxConnections());
			return Optional.of(result);
		}
		catch (IllegalStateException ex) {
			// a failed run leaves a gap in the table rather than losing the whole run
			System.out.println("  FAILED: " + ex.getMessage());
			this.failures.add(benchmark + " at " + threads + " threads, " + variant.label() + ": " + ex.getMessage());
			return Optional.empty();
		}
	}

	/**
	 * One result per benchmark, thread count and variant: mean score over the rounds, the slowest and
	 * fastest iteration of any round, the most connections, all errors.
	 */
	private List<HealthyResult> combine(List<HealthyResult> rounds) {
		List<HealthyResult> combined = new ArrayList<>();
		for (int threads : this.settings.threads()) {
			for (String benchmark : BENCHMARKS) {
				for (Variant variant : Variant.values()) {
					List<HealthyResult> runs = rounds.stream()
						.filter((r) -> r.benchmark().equals(benchmark) && r.threads() == threads && r.variant() == variant)
						.toList();
					if (runs.isEmpty()) {
						continue;
					}
					HealthyResult most = runs.stream()
						.max(Comparator.comparingInt(HealthyResult::maxConnections))
						.orElseThrow();
					combined.add(new HealthyResult(benchmark, threads, variant,
							runs.stream().mapToDouble(HealthyResult::opsPerSecond).average().orElseThrow(),
							runs.stream().mapToDouble(HealthyResult::min).min().orElseThrow(),
							runs.stream().mapToDouble(HealthyResult::max).max().orElseThrow(), most.maxConnections(),
							most.connectionNames(), runs.stream().mapToLong(HealthyResult::errors).sum()));
				}
			}
		}
		return combined;
	}

}
