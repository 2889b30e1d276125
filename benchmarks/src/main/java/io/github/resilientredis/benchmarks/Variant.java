package io.github.resilientredis.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.cache.CacheManager;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.util.ClassUtils;

import io.github.resilientredis.resilience.ResilienceStatus;

/**
 * The two configurations of the same {@link BenchmarkApplication}: stock Spring Boot Redis as a careful
 * user sets it up, and this starter with its defaults.
 */
public enum Variant {

	/**
	 * {@code spring-boot-starter-data-redis} with a 500 ms command timeout, a hand-written
	 * {@code RedisCacheManager} and a swallowing {@code CacheErrorHandler}; our auto-configurations
	 * are excluded.
	 */
	STOCK("stock") {

		@Override
		SpringApplicationBuilder configure(SpringApplicationBuilder builder, String redisUrl) {
			return builder.sources(StockRedisConfiguration.class)
				.properties(Map.of("spring.data.redis.url", redisUrl, "spring.data.redis.timeout", "500ms",
						"spring.data.redis.client-name", "bench-stock",
						// stock spring-boot-starter-data-redis has no commons-pool2, so no pool
						"spring.data.redis.lettuce.pool.enabled", "false", "spring.autoconfigure.exclude",
						String.join(",", starterAutoConfigurations())));
		}

	},

	/**
	 * This starter with defaults: only {@code redis.url} is set.
	 */
	STARTER("starter") {

		@Override
		SpringApplicationBuilder configure(SpringApplicationBuilder builder, String redisUrl) {
			if (!starterConnectionFactoryPresent()) {
				// the starter's connection factory has not landed: keep Boot's own factory away from 6379
				return builder.properties(Map.of("redis.url", redisUrl, "spring.data.redis.url", redisUrl));
			}
			return builder.properties(Map.of("redis.url", redisUrl));
		}

	};

	private static final String STARTER_PACKAGE = "io.github.resilientredis.";

	private final String label;

	Variant(String label) {
		this.label = label;
	}

	/**
	 * Short name used in tables.
	 * @return the label
	 */
	public String label() {
		return this.label;
	}

	abstract SpringApplicationBuilder configure(SpringApplicationBuilder builder, String redisUrl);

	/**
	 * Start the application against the given Redis.
	 * @param redisUrl a {@code redis://127.0.0.1:PORT} URL of a fixture server
	 * @return the running context
	 */
	public ConfigurableApplicationContext start(String redisUrl) {
		SpringApplicationBuilder builder = new SpringApplicationBuilder(BenchmarkApplication.class)
			.web(WebApplicationType.NONE)
			.bannerMode(Banner.Mode.OFF)
			.logStartupInfo(false)
			.registerShutdownHook(false)
			.properties(Map.of("logging.level.root", "WARN", "spring.main.lazy-initialization", "false"));
		ConfigurableApplicationContext context = configure(builder, redisUrl).run();
		refuseDefaultPort(context);
		return context;
	}

	/**
	 * Our auto-configuration classes found on the class path.
	 * @return their names, empty before the starter's auto-configurations exist
	 */
	public static List<String> starterAutoConfigurations() {
		List<String> names = new ArrayList<>();
		for (String candidate : ImportCandidates.load(AutoConfiguration.class, Variant.class.getClassLoader())) {
			if (candidate.startsWith(STARTER_PACKAGE)) {
				names.add(candidate);
			}
		}
		return names;
	}

	/**
	 * Whether the starter's own connection factory (which reads {@code redis.url}) is on the class path.
	 * @return whether present
	 */
	public static boolean starterConnectionFactoryPresent() {
		return ClassUtils.isPresent(STARTER_PACKAGE + "connection.ResilientLettuceConnectionFactory",
				Variant.class.getClassLoader());
	}

	/**
	 * What the context actually runs on, for the report.
	 * @param context a context started by {@link #start(String)}
	 * @return connection factory, cache manager and resilience beans
	 */
	public static String describe(ConfigurableApplicationContext context) {
		RedisConnectionFactory factory = context.getBean(RedisConnectionFactory.class);
		CacheManager cacheManager = context.getBean(CacheManager.class);
		List<String> ours = new ArrayList<>();
		for (String name : context.getBeanDefinitionNames()) {
			Class<?> type = context.getType(name);
			if (type != null && type.getName().startsWith(STARTER_PACKAGE) && !type.getName().contains("$")
					&& !type.getPackageName().endsWith(".benchmarks") && !type.getName().contains("Configuration")
					&& !ours.contains(type.getSimpleName())) {
				ours.add(type.getSimpleName());
			}
		}
		return status(context) + "; connection factory " + factory.getClass().getSimpleName() + ", cache manager "
				+ cacheManager.getClass().getSimpleName() + ", " + ours.size() + " starter beans "
				+ (ours.isEmpty() ? "" : ours.subList(0, Math.min(12, ours.size())) + ((ours.size() > 12) ? " ..." : ""));
	}

	/**
	 * How much of the starter a context runs on.
	 * @param context a context started by {@link #start(String)}
	 * @return a short status for the report
	 */
	public static String status(ConfigurableApplicationContext context) {
		if (!context.getBean(RedisConnectionFactory.class).getClass().getName().startsWith(STARTER_PACKAGE)) {
			return "**starter NOT landed: stock Spring Boot defaults**";
		}
		if (context.getBeanNamesForType(ResilienceStatus.class).length == 0) {
			return "**starter connection factory only: resilience layer not landed**";
		}
		return "starter complete (connection factory + resilience layer)";
	}

	private static void refuseDefaultPort(ConfigurableApplicationContext context) {
		RedisConnectionFactory factory = context.getBean(RedisConnectionFactory.class);
		if (factory instanceof LettuceConnectionFactory lettuce && lettuce.getPort() == 6379) {
			context.close();
			throw new IllegalStateException("Refusing to benchmark against port 6379 (the machine's own Redis)");
		}
	}

}
