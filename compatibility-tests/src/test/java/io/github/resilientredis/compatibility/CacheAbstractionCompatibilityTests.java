package io.github.resilientredis.compatibility;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.CacheEvict;
import org.springframework.cache.annotation.CachePut;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.cache.RedisCacheManager;
import org.springframework.data.redis.core.StringRedisTemplate;

import io.github.resilientredis.test.RedisServer;
import io.github.resilientredis.test.RedisServerExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Spring Cache abstraction, {@code @Cacheable} plain and with {@code sync = true}: hits
 * come from Redis in both variants. While Redis is down, stock Spring Boot (no
 * {@code CacheErrorHandler}) throws; the starter keeps answering, and what changed during
 * the outage ({@code @CachePut}, {@code @CacheEvict}) is what is served after the restart,
 * never the stale value Redis still holds.
 */
class CacheAbstractionCompatibilityTests {

	@RegisterExtension
	static final RedisServerExtension redis = new RedisServerExtension(Outage.durableRedis());

	@BeforeEach
	void flush() {
		redis.server().admin().flushall();
	}

	@ParameterizedTest
	@EnumSource(Variant.class)
	void cacheableWhenRedisIsHealthyShouldServeSecondCallFromRedis(Variant variant) {
		try (ConfigurableApplicationContext context = variant.start(redis.server(), CachingConfiguration.class)) {
			Catalog catalog = context.getBean(Catalog.class);
			RedisCommands<String, String> admin = redis.server().admin();
			catalog.store("1", "Kettle");
			assertThat(catalog.find("1")).isEqualTo("Kettle");
			// Spring Data Redis 4's default cache writer (stock) sends a put asynchronously, so the
			// entry may land after the method returned; the starter's writes are immediate
			await().atMost(Duration.ofSeconds(5)).until(() -> admin.exists("products::1") == 1);
			assertThat(catalog.find("1")).isEqualTo("Kettle");
			assertThat(catalog.findSync("1")).isEqualTo("Kettle");
			await().atMost(Duration.ofSeconds(5)).until(() -> admin.exists("products-sync::1") == 1);
			assertThat(catalog.findSync("1")).isEqualTo("Kettle");
			assertThat(catalog.reads()).as("reads of the backing store").isEqualTo(2);
			assertThat(redis.server().admin().exists("products::1", "products-sync::1")).as("entries in Redis")
				.isEqualTo(2);
			if (variant == Variant.STOCK) {
				assertThat(context.getBean(CacheManager.class)).isInstanceOf(RedisCacheManager.class);
			}
		}
	}

	@ParameterizedTest
	@EnumSource(value = Variant.class, names = "STOCK")
	void cacheableWhenRedisIsDownAndNoCacheErrorHandlerShouldThrow(Variant variant) {
		RedisServer server = redis.server();
		try (ConfigurableApplicationContext context = variant.start(server, CachingConfiguration.class)) {
			Catalog catalog = context.getBean(Catalog.class);
			StringRedisTemplate template = context.getBean(StringRedisTemplate.class);
			catalog.store("1", "Kettle");
			assertThat(catalog.find("1")).isEqualTo("Kettle");

			Outage.begin(variant, server, () -> template.hasKey("probe"));
			Outage.failures(() -> catalog.find("1"), () -> catalog.findSync("1"));

			Outage.end(server, () -> assertThat(catalog.find("1")).isEqualTo("Kettle"));
		}
	}

	@ParameterizedTest
	@EnumSource(value = Variant.class, names = "STARTER")
	void cacheableWhenRedisIsDownShouldKeepAnsweringAndServeNothingStaleAfterRecovery(Variant variant) {
		RedisServer server = redis.server();
		try (ConfigurableApplicationContext context = variant.start(server, CachingConfiguration.class)) {
			Catalog catalog = context.getBean(Catalog.class);
			StringRedisTemplate template = context.getBean(StringRedisTemplate.class);
			catalog.store("1", "Kettle");
			catalog.store("2", "Kettle");
			assertThat(catalog.find("1")).isEqualTo("Kettle");
			assertThat(catalog.findSync("2")).isEqualTo("Kettle");

			Outage.begin(variant, server, () -> template.hasKey("probe"));
			assertThat(catalog.find("1")).isEqualTo("Kettle");
			assertThat(catalog.findSync("2")).isEqualTo("Kettle");
			assertThat(catalog.update("1", "Teapot")).isEqualTo("Teapot");
			catalog.rename("2", "Teapot");
			assertThat(catalog.find("1")).isEqualTo("Teapot");
			assertThat(catalog.findSync("2")).isEqualTo("Teapot");

			// Redis comes back still holding "Kettle" for both: whatever answers meanwhile must not serve it
			server.restart();
			CopyOnWriteArrayList<String> servedDuringRecovery = new CopyOnWriteArrayList<>();
			Outage.awaitRecovery(() -> {
				servedDuringRecovery.add(catalog.find("1"));
				servedDuringRecovery.add(catalog.findSync("2"));
				assertThat(template.hasKey("probe")).isFalse();
			});
			assertThat(servedDuringRecovery).containsOnly("Teapot");
			assertThat(catalog.find("1")).isEqualTo("Teapot");
			assertThat(catalog.findSync("2")).isEqualTo("Teapot");
			assertThat(context.getBean(CacheManager.class).getCache("products").get("1").get())
				.as("cache entry after recovery")
				.isEqualTo("Teapot");
			// the stale entries Redis came back with are invalidated (or overwritten) eventually
			RedisCommands<String, String> admin = server.admin();
			await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
				assertThat(admin.get("products::1")).satisfiesAnyOf((entry) -> assertThat(entry).isNull(),
						(entry) -> assertThat(entry).doesNotContain("Kettle"));
				assertThat(admin.get("products-sync::2")).satisfiesAnyOf((entry) -> assertThat(entry).isNull(),
						(entry) -> assertThat(entry).doesNotContain("Kettle"));
			});
		}
	}

	/**
	 * A catalog behind the cache abstraction that counts its reads; {@link #store} changes the backing
	 * data without touching the cache.
	 */
	static class Catalog {

		private final Map<String, String> names = new ConcurrentHashMap<>();

		private final AtomicInteger reads = new AtomicInteger();

		@Cacheable("products")
		public String find(String id) {
			this.reads.incrementAndGet();
			return this.names.get(id);
		}

		@Cacheable(cacheNames = "products-sync", sync = true)
		public String findSync(String id) {
			this.reads.incrementAndGet();
			return this.names.get(id);
		}

		@CachePut(cacheNames = "products", key = "#id")
		public String update(String id, String name) {
			this.names.put(id, name);
			return name;
		}

		@CacheEvict(cacheNames = "products-sync", key = "#id")
		public void rename(String id, String name) {
			this.names.put(id, name);
		}

		public void store(String id, String name) {
			this.names.put(id, name);
		}

		public int reads() {
			return this.reads.get();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableCaching(proxyTargetClass = true)
	static class CachingConfiguration {

		@Bean
		Catalog catalog() {
			return new Catalog();
		}

	}

}
