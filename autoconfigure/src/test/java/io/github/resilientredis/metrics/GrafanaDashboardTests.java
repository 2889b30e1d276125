package io.github.resilientredis.metrics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped Grafana dashboard queries every meter by its Prometheus name.
 */
class GrafanaDashboardTests {

	private static final Path DASHBOARD = Path.of("..", "docs", "grafana", "resilient-redis-dashboard.json");

	@Test
	void dashboardShouldQueryEveryMeter() throws IOException {
		String dashboard = Files.readString(DASHBOARD);
		for (String name : RedisMeterNames.ALL) {
			assertThat(dashboard).as(name).contains(name.replace('.', '_'));
		}
		assertThat(dashboard).contains("resilience4j_circuitbreaker_state");
	}

}
