package io.github.resilientredis.health;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Teaches the health endpoint the {@code DEGRADED} status of the {@code redis}
 * component: ordered between {@code OUT_OF_SERVICE} and {@code UP}, answered with HTTP
 * 200 so a readiness probe keeps the instance serving from the fallback; and the
 * {@code MISCONFIGURED} status, ordered just after {@code DOWN} and answered with HTTP
 * 503, because a configuration error is not cured by waiting. Added with the
 * lowest precedence: any {@code management.endpoint.health.status.*} the user sets wins.
 */
public class HealthStatusDefaultsEnvironmentPostProcessor implements EnvironmentPostProcessor {

	static final String PROPERTY_SOURCE_NAME = "resilientRedisHealthStatusDefaults";

	static final String PREFIX = "management.endpoint.health.status.";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (environment.getPropertySources().contains(PROPERTY_SOURCE_NAME)) {
			return;
		}
		Map<String, Object> defaults = new LinkedHashMap<>();
		defaults.put(PREFIX + "order", "DOWN,MISCONFIGURED,OUT_OF_SERVICE,DEGRADED,UP,UNKNOWN");
		// a non-empty mapping replaces Boot's defaults, so DOWN and OUT_OF_SERVICE are repeated
		defaults.put(PREFIX + "http-mapping.down", 503);
		defaults.put(PREFIX + "http-mapping.out-of-service", 503);
		defaults.put(PREFIX + "http-mapping.degraded", 200);
		// a configuration error is not cured by waiting: keep the instance out of rotation
		// (redis.health.misconfigured-status=DEGRADED keeps HTTP 200 instead)
		defaults.put(PREFIX + "http-mapping.misconfigured", 503);
		environment.getPropertySources().addLast(new MapPropertySource(PROPERTY_SOURCE_NAME, defaults));
	}

}
