package io.github.resilientredis.monitor;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.github.resilientredis.autoconfigure.RedisConnectionAutoConfiguration;
import io.github.resilientredis.autoconfigure.RedisObservabilityAutoConfiguration;
import io.github.resilientredis.test.RedisClusterFixture;
import io.github.resilientredis.test.RedisServer;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cost of sampling every node of a 3-master cluster: time of one topology sample with
 * every node up and with one node hung ({@code SIGSTOP}), monitoring connections per node,
 * and the time from killing a master until a sample reports it unreachable. Not part of
 * the default test run (the name does not end in Tests); run it with:
 *
 * <pre>
 * ./mvnw -q -B -o -pl autoconfigure -am test -Dtest=TopologySamplingMeasurement -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 *
 * and read the lines starting with {@code MEASURED} in
 * {@code autoconfigure/target/surefire-reports/io.github.resilientredis.monitor.TopologySamplingMeasurement-output.txt}.
 */
class TopologySamplingMeasurement {

	private static final int SAMPLES = 50;

	private static final Duration BUDGET = Duration.ofMillis(500);

	@Test
	void measure() {
		try (RedisClusterFixture cluster = RedisClusterFixture.start()) {
			new ApplicationContextRunner()
				.withConfiguration(AutoConfigurations.of(RedisConnectionAutoConfiguration.class,
						DataRedisAutoConfiguration.class, RedisObservabilityAutoConfiguration.class))
				.withPropertyValues("redis.cluster.nodes=" + String.join(",", cluster.nodes()),
						"redis.client-name=measure", "redis.connect-timeout=1s", "redis.command-timeout=1s",
						"redis.monitor.enabled=false")
				.run((context) -> {
					TopologyMonitor topology = context.getBean(TopologyMonitor.class);
					topology.sampleNow(Duration.ofSeconds(5));
					List<Long> up = times(topology);
					report("all 3 nodes up", up);
					for (RedisServer server : cluster.servers()) {
						System.out.println("MEASURED monitoring connections on " + server.port() + ": "
								+ server.clientCount("measure:oob"));
					}
					RedisServer hung = cluster.servers().get(2);
					hung.pause();
					try {
						List<Long> paused = times(topology);
						report("1 node SIGSTOPped, budget " + BUDGET.toMillis() + " ms", paused);
						assertThat(topology.getLastSnapshot().nodes()).filteredOn((node) -> !node.reachable())
							.hasSize(1);
					}
					finally {
						hung.resume();
					}
					RedisServer killed = cluster.servers().get(1);
					long start = System.nanoTime();
					killed.kill();
					while (topology.sampleNow(BUDGET).nodes().stream().allMatch(NodeSnapshot::reachable)) {
						Thread.onSpinWait();
					}
					System.out.println("MEASURED kill of a master to a sample reporting it unreachable: "
							+ (System.nanoTime() - start) / 1_000_000 + " ms");
				});
		}
	}

	private static List<Long> times(TopologyMonitor topology) {
		List<Long> micros = new ArrayList<>();
		for (int i = 0; i < SAMPLES; i++) {
			long start = System.nanoTime();
			topology.sampleNow(BUDGET);
			micros.add((System.nanoTime() - start) / 1000);
		}
		Collections.sort(micros);
		return micros;
	}

	private static void report(String what, List<Long> micros) {
		System.out.println("MEASURED topology sample, " + what + ": median " + micros.get(micros.size() / 2) / 1000.0
				+ " ms, max " + micros.get(micros.size() - 1) / 1000.0 + " ms (" + micros.size() + " samples)");
	}

}
