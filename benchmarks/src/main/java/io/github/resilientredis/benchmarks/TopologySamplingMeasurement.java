package io.github.resilientredis.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.springframework.context.ConfigurableApplicationContext;

import io.github.resilientredis.monitor.NodeSnapshot;
import io.github.resilientredis.monitor.TopologyMonitor;
import io.github.resilientredis.test.RedisClusterFixture;
import io.github.resilientredis.test.RedisServer;

/**
 * Cost of sampling every node of a 3-master cluster: time of one topology sample with
 * every node up and with one node hung ({@code SIGSTOP}), monitoring connections per node,
 * and the time from killing a master until a sample reports it unreachable; prints lines
 * starting with {@code MEASURED}. Run it with:
 *
 * <pre>
 * ./mvnw -B -q -pl benchmarks -am package -DskipTests
 * java -cp benchmarks/target/benchmarks.jar io.github.resilientredis.benchmarks.TopologySamplingMeasurement
 * </pre>
 */
public final class TopologySamplingMeasurement {

	private static final int SAMPLES = 50;

	private static final Duration BUDGET = Duration.ofMillis(500);

	private TopologySamplingMeasurement() {
	}

	public static void main(String[] args) {
		try (RedisClusterFixture cluster = RedisClusterFixture.start();
				ConfigurableApplicationContext context = Measurements.start(
						"redis.cluster.nodes=" + String.join(",", cluster.nodes()), "redis.client-name=measure",
						"redis.connect-timeout=1s", "redis.command-timeout=1s", "redis.monitor.enabled=false")) {
			TopologyMonitor topology = context.getBean(TopologyMonitor.class);
			topology.sampleNow(Duration.ofSeconds(5));
			report("all 3 nodes up", times(topology));
			for (RedisServer server : cluster.servers()) {
				System.out.println("MEASURED monitoring connections on " + server.port() + ": "
						+ server.clientCount("measure:oob"));
			}
			RedisServer hung = cluster.servers().get(2);
			hung.pause();
			try {
				report("1 node SIGSTOPped, budget " + BUDGET.toMillis() + " ms", times(topology));
				long unreachable = topology.getLastSnapshot()
					.nodes()
					.stream()
					.filter((node) -> !node.reachable())
					.count();
				if (unreachable != 1) {
					throw new IllegalStateException("Expected the paused node unreachable, got " + unreachable);
				}
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
		}
		System.exit(0);
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
