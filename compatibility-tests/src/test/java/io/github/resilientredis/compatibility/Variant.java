package io.github.resilientredis.compatibility;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import io.github.resilientredis.test.RedisServer;

/**
 * The two configurations every compatibility case runs in, with identical application code:
 * plain Spring Boot Redis, and this starter with its defaults.
 */
enum Variant {

	/**
	 * {@code spring-boot-starter-data-redis} on {@code spring.data.redis.url} with a 2 s command
	 * timeout (Lettuce's own 60 s would make every outage call hang for a minute), pooled as
	 * Spring Boot does when commons-pool2 is on the class path; the starter's
	 * auto-configurations are excluded.
	 */
	STOCK {

		@Override
		Map<String, Object> redisProperties(RedisServer server) {
			return Map.of("spring.data.redis.url", server.url(), "spring.data.redis.timeout", "2s",
					"spring.autoconfigure.exclude", String.join(",", STARTER_AUTO_CONFIGURATIONS));
		}

	},

	/**
	 * This starter with defaults: only {@code redis.url} is set.
	 */
	STARTER {

		@Override
		Map<String, Object> redisProperties(RedisServer server) {
			return Map.of("redis.url", server.url());
		}

	};

	private static final List<String> STARTER_AUTO_CONFIGURATIONS = List.of(
			"io.github.resilientredis.autoconfigure.RedisConnectionAutoConfiguration",
			"io.github.resilientredis.autoconfigure.RedisResilienceAutoConfiguration",
			"io.github.resilientredis.autoconfigure.RedisCacheAutoConfiguration",
			"io.github.resilientredis.autoconfigure.RedisObservabilityAutoConfiguration",
			"io.github.resilientredis.autoconfigure.RedisHealthContributorAutoConfiguration");

	abstract Map<String, Object> redisProperties(RedisServer server);

	/**
	 * Start a non-web application of {@link CompatibilityApplication} alone (Spring Boot's
	 * beans: connection factory, templates, cache manager) against {@code server}.
	 * @param server the Redis to connect to
	 * @param properties further {@code key=value} properties
	 * @return the running context, to be closed by the caller
	 */
	ConfigurableApplicationContext start(RedisServer server, String... properties) {
		return start(server, CompatibilityApplication.class, properties);
	}

	/**
	 * Start a non-web application of {@link CompatibilityApplication} and the given
	 * configuration against {@code server}.
	 * @param server the Redis to connect to
	 * @param configuration the test's beans
	 * @param properties further {@code key=value} properties
	 * @return the running context, to be closed by the caller
	 */
	ConfigurableApplicationContext start(RedisServer server, Class<?> configuration, String... properties) {
		Map<String, Object> defaults = new LinkedHashMap<>(redisProperties(server));
		defaults.put("logging.level.root", "WARN");
		// only the repository test enables repositories, explicitly, for its own interface
		defaults.put("spring.data.redis.repositories.enabled", "false");
		return new SpringApplicationBuilder(CompatibilityApplication.class, configuration)
			.web(WebApplicationType.NONE)
			.bannerMode(Banner.Mode.OFF)
			.logStartupInfo(false)
			.registerShutdownHook(false)
			.properties(defaults)
			.properties(properties)
			.run();
	}

}
