package io.github.resilientredis.benchmarks;

import java.util.List;

/**
 * When, where and how a run happened, for the report header.
 *
 * @param settings the run settings
 * @param start start time (UTC, minutes)
 * @param end end time
 * @param machine machine description
 * @param loadStart load average at the start
 * @param loadEnd load average at the end
 * @param commit the checked-out commit
 * @param starterContext what the starter variant's context ran on
 * @param notes extra notes (e.g. what had not landed yet)
 */
record RunInfo(Settings settings, String start, String end, String machine, String loadStart, String loadEnd,
		String commit, String starterContext, List<String> notes) {
}
