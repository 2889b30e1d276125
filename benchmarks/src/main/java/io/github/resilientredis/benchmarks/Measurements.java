package io.github.resilientredis.benchmarks;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts the {@link BenchmarkApplication} with the starter and the given properties for the
 * single-purpose measurements ({@code *Measurement} mains), which read the result from the
 * application's public beans.
 */
final class Measurements {

	private Measurements() {
	}

	/**
	 * Start the application with the starter.
	 * @param properties {@code name=value} pairs (a {@code redis.url} or {@code redis.cluster.nodes} of a fixture)
	 * @return the running context
	 */
	static ConfigurableApplicationContext start(String... properties) {
		Map<String, Object> values = new LinkedHashMap<>();
		values.put("logging.level.root", "WARN");
		for (String property : properties) {
			int equals = property.indexOf('=');
			values.put(property.substring(0, equals), property.substring(equals + 1));
		}
		return new SpringApplicationBuilder(BenchmarkApplication.class).web(WebApplicationType.NONE)
			.bannerMode(Banner.Mode.OFF)
			.logStartupInfo(false)
			.registerShutdownHook(false)
			.properties(values)
			.run();
	}

}
