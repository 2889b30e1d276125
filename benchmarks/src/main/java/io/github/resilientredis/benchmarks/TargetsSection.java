package io.github.resilientredis.benchmarks;

import java.util.List;
import java.util.Optional;

/**
 * The summary table: each product target, stock and starter figures, met or missed.
 */
final class TargetsSection {

	private final StringBuilder out;

	private final List<HealthyResult> healthy;

	private final List<ScenarioResult> faults;

	TargetsSection(StringBuilder out, List<HealthyResult> healthy, List<ScenarioResult> faults) {
		this.out = out;
		this.healthy = healthy;
		this.faults = faults;
	}

	void write() {
		line("## Targets");
		line("");
		line("Goals for the product, reported here, never asserted in tests.");
		line("");
		line("| Target | Stock | Starter | Starter meets it? |");
		line("|---|---|---|---|");
		if (!this.healthy.isEmpty()) {
			healthyRow();
		}
		for (Fault fault : Fault.values()) {
			scenario(fault, Variant.STOCK).ifPresent((stock) -> scenario(fault, Variant.STARTER).ifPresent((starter) -> {
				double p99Stock = stock.phase("outage").p99();
				double p99Starter = starter.phase("outage").p99();
				line("| p99 during the outage <= 5 ms (" + fault.label() + ") | " + Report.ms(p99Stock) + " ms | "
						+ Report.ms(p99Starter) + " ms | " + ((p99Starter <= 5) ? "met" : "**missed**") + " |");
				line("| traffic back on Redis <= 1 s (" + fault.label() + ") | " + trafficBack(stock) + " | "
						+ trafficBack(starter) + " | "
						+ ((starter.trafficBackMillis() >= 0 && starter.trafficBackMillis() <= 1000) ? "met" : "**missed**")
						+ " |");
				line("| 0 errors reach callers (" + fault.label() + ") | " + stock.errors() + " | " + starter.errors()
						+ " | " + ((starter.errors() == 0) ? "met" : "**missed**") + " |");
				line("| 0 stale reads after recovery (" + fault.label() + ") | " + stale(stock) + " | " + stale(starter)
						+ " | " + ((starter.staleReads() == 0 && starter.staleKeysAtEnd() == 0) ? "met" : "**missed**")
						+ " |");
			}));
		}
		line("");
	}

	private void healthyRow() {
		int runs = 0;
		int met = 0;
		int clearlyBelow = 0;
		double logSum = 0;
		double min = Double.MAX_VALUE;
		for (HealthyResult starter : this.healthy) {
			if (starter.variant() != Variant.STARTER) {
				continue;
			}
			Optional<HealthyResult> stock = this.healthy.stream()
				.filter((r) -> r.variant() == Variant.STOCK && r.benchmark().equals(starter.benchmark())
						&& r.threads() == starter.threads())
				.findFirst();
			if (stock.isPresent()) {
				double ratio = starter.opsPerSecond() / stock.get().opsPerSecond();
				runs++;
				met += (ratio >= 1) ? 1 : 0;
				clearlyBelow += verdict(stock.get(), starter).equals("**missed**") ? 1 : 0;
				logSum += Math.log(ratio);
				min = Math.min(min, ratio);
			}
		}
		if (runs > 0) {
			line("| healthy ops/s >= stock | 1.00 | starter/stock geometric mean " + Report.fmt("%.2f", Math.exp(logSum / runs))
					+ ", lowest " + Report.fmt("%.2f", min) + " | " + met + " of " + runs + " runs at or above stock; "
					+ ((met == runs) ? "met"
							: (clearlyBelow == 0) ? "the others below within noise (iteration ranges overlap)"
									: "**" + clearlyBelow + " clearly below** (see the healthy-path table)")
					+ " |");
		}
	}

	private Optional<ScenarioResult> scenario(Fault fault, Variant variant) {
		return this.faults.stream().filter((r) -> r.fault() == fault && r.variant() == variant).findFirst();
	}

	static String verdict(HealthyResult stock, HealthyResult starter) {
		if (starter.opsPerSecond() >= stock.opsPerSecond()) {
			return "met";
		}
		if (starter.max() >= stock.min()) {
			return "missed, within noise";
		}
		return "**missed**";
	}

	static String trafficBack(ScenarioResult result) {
		return (result.trafficBackMillis() < 0) ? "not within the after phase" : result.trafficBackMillis() + " ms";
	}

	private static String stale(ScenarioResult result) {
		return result.staleReads() + " reads, " + result.staleKeysAtEnd() + " of " + result.updates() + " items at the end";
	}

	private void line(String text) {
		this.out.append(text).append('\n');
	}

}
