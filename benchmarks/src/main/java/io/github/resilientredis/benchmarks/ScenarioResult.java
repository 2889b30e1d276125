package io.github.resilientredis.benchmarks;

import java.util.List;

/**
 * One fault scenario for one variant.
 *
 * @param variant the configuration
 * @param fault the fault injected
 * @param phases before, outage, after
 * @param trafficBackMillis time from the server answering again to the first GET reaching it, or
 * {@code -1} when none arrived within the after phase
 * @param updates updates (write + {@code @CacheEvict}) made during the outage
 * @param updateErrors updates that threw
 * @param updateMaxMillis the slowest update
 * @param staleKeysAtEnd updated keys still read with their pre-outage value at the end
 * @param maxConnections the most client connections the server saw (sampled outside the outage), with their names
 * @param databaseLoads how often the cached method fell through to the database
 * @param context what the application context ran on
 * @param firstError the first exception a caller saw (phase, type, message), or {@code null}
 * @param breakerOpenMillis time from the fault to the starter's breaker opening, or {@code -1} (stock, or
 * it never opened)
 */
record ScenarioResult(Variant variant, Fault fault, List<PhaseResult> phases, long trafficBackMillis, int updates,
		int updateErrors, double updateMaxMillis, int staleKeysAtEnd, String maxConnections, long databaseLoads,
		String context, String firstError, long breakerOpenMillis) {

	PhaseResult phase(String name) {
		return this.phases.stream().filter((phase) -> phase.phase().equals(name)).findFirst().orElseThrow();
	}

	long errors() {
		return this.phases.stream().mapToLong(PhaseResult::errors).sum() + this.updateErrors;
	}

	long staleReads() {
		return this.phase("after").staleReads();
	}

}
