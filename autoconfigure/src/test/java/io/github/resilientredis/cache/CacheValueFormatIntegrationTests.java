package io.github.resilientredis.cache;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.cache.RedisCacheConfiguration;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.serializer.RedisSerializationContext.SerializationPair;
import org.springframework.data.redis.serializer.RedisSerializer;

import io.github.resilientredis.autoconfigure.RedisCacheAutoConfiguration;
import io.github.resilientredis.autoconfigure.RedisConnectionAutoConfiguration;
import io.github.resilientredis.autoconfigure.RedisResilienceAutoConfiguration;
import io.github.resilientredis.cache.CacheValueTestApplication.Product;
import io.github.resilientredis.cache.CacheValueTestApplication.ProductService;
import io.github.resilientredis.metrics.RedisMeterNames;
import io.github.resilientredis.resilience.ResilienceStatus;
import io.github.resilientredis.test.RedisServer;
import io.github.resilientredis.test.RedisServerExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Cache values in JSON and gzip-compressed against a real redis-server, and what happens
 * to entries written in another format: a miss, never an exception.
 */
class CacheValueFormatIntegrationTests {

	private static final byte[] GZIP_MAGIC = { (byte) 0x1f, (byte) 0x8b };

	private static final byte[] JDK_MAGIC = { (byte) 0xac, (byte) 0xed };

	@RegisterExtension
	static final RedisServerExtension redis = new RedisServerExtension(RedisServer.builder());

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RedisConnectionAutoConfiguration.class,
				RedisResilienceAutoConfiguration.class, RedisCacheAutoConfiguration.class,
				CacheAutoConfiguration.class))
		.withUserConfiguration(CacheValueTestApplication.class)
		.withPropertyValues("redis.url=" + redis.server().url(), "redis.command-timeout=500ms",
				"redis.connect-timeout=500ms", "redis.monitor.enabled=false");

	@BeforeEach
	void flush() {
		redis.server().admin().flushall();
	}

	@Test
	void cacheableWhenValueFormatIsJsonShouldStoreJsonReadableInRedisCli() {
		this.contextRunner.withPropertyValues("redis.cache.value-format=json").run((context) -> {
			ProductService products = context.getBean(ProductService.class);
			Product product = products.find("1");
			assertThat(products.find("1")).isEqualTo(product);
			assertThat(products.loadCount()).isOne();
			String json = redis.server().admin().get("products::1");
			assertThat(json).startsWith("{")
				.contains("\"@class\":\"" + Product.class.getName() + "\"")
				.contains("\"name\":\"product 1\"");
		});
	}

	@Test
	void cacheableWhenValueIsListOfRecordsShouldRoundTripInEveryFormat() {
		for (String format : List.of("json", "java")) {
			redis.server().admin().flushall();
			this.contextRunner.withPropertyValues("redis.cache.value-format=" + format).run((context) -> {
				ProductService products = context.getBean(ProductService.class);
				List<Product> catalog = products.catalog("all");
				assertThat(products.catalog("all")).as(format).isEqualTo(catalog).hasSize(3);
				assertThat(products.loadCount()).as(format).isOne();
				assertThat(products.findSync("2")).as(format).isEqualTo(products.findSync("2"));
				assertThat(products.loadCount()).as(format).isEqualTo(2);
			});
		}
	}

	@Test
	void cacheableWhenValueAtOrAboveCompressionThresholdShouldStoreGzipAndReadItBack() {
		this.contextRunner.withPropertyValues("redis.cache.value-format=json", "redis.cache.compression.threshold=1KB")
			.run((context) -> {
				ProductService products = context.getBean(ProductService.class);
				products.describe("large", "a long description ".repeat(100));
				Product large = products.find("large");
				Product small = products.find("small");
				assertThat(products.find("large")).isEqualTo(large);
				assertThat(products.find("small")).isEqualTo(small);
				assertThat(products.loadCount()).isEqualTo(2);
				byte[] compressed = raw(context, "products::large");
				assertThat(compressed).startsWith(GZIP_MAGIC).hasSizeLessThan(large.description().length() / 4);
				assertThat(raw(context, "products::small")).startsWith((byte) '{');
			});
	}

	@Test
	void cacheableWhenCompressionIsSwitchedOffShouldStillReadCompressedValues() {
		this.contextRunner.withPropertyValues("redis.cache.compression.threshold=1B").run((context) -> {
			assertThat(context.getBean(ProductService.class).find("1").id()).isEqualTo("1");
			assertThat(raw(context, "products::1")).startsWith(GZIP_MAGIC);
		});
		this.contextRunner.run((context) -> {
			ProductService products = context.getBean(ProductService.class);
			assertThat(products.find("1").id()).isEqualTo("1");
			assertThat(products.loadCount()).isZero();
			assertThat(decodeFailures(context, "products")).isZero();
		});
	}

	@Test
	void cacheableWhenValueFormatChangedShouldTreatOldEntriesAsMissesAndRewriteThem() {
		this.contextRunner.withPropertyValues("redis.cache.value-format=java").run((context) -> {
			context.getBean(ProductService.class).find("1");
			assertThat(raw(context, "products::1")).startsWith(JDK_MAGIC);
		});
		this.contextRunner.withPropertyValues("redis.cache.value-format=json").run((context) -> {
			ProductService products = context.getBean(ProductService.class);
			assertThat(products.find("1").id()).isEqualTo("1");
			assertThat(products.loadCount()).as("the method ran again").isOne();
			assertThat(raw(context, "products::1")).startsWith((byte) '{');
			assertThat(decodeFailures(context, "products")).isOne();
			assertThat(products.find("1").id()).isEqualTo("1");
			assertThat(products.loadCount()).isOne();
		});
		this.contextRunner.withPropertyValues("redis.cache.value-format=java").run((context) -> {
			ProductService products = context.getBean(ProductService.class);
			assertThat(products.find("1").id()).isEqualTo("1");
			assertThat(products.loadCount()).isOne();
			assertThat(raw(context, "products::1")).startsWith(JDK_MAGIC);
			assertThat(decodeFailures(context, "products")).isOne();
		});
	}

	@Test
	void cacheableWhenStoredValueIsGarbageShouldRunTheMethodAndOverwriteIt() {
		redis.server().admin().set("products::1", "garbage");
		redis.server().admin().set("products::sync-1", "{\"not\": \"a product\"");
		this.contextRunner.withPropertyValues("redis.cache.value-format=json").run((context) -> {
			ProductService products = context.getBean(ProductService.class);
			assertThat(products.find("1").id()).isEqualTo("1");
			assertThat(products.findSync("1")).as("sync=true must not answer null").isNotNull();
			assertThat(products.loadCount()).isEqualTo(2);
			assertThat(redis.server().admin().get("products::1")).startsWith("{");
			assertThat(redis.server().admin().get("products::sync-1")).contains(Product.class.getName());
			assertThat(decodeFailures(context, "products")).isEqualTo(2);
		});
	}

	@Test
	void cacheableWhenCacheHasNoKeyPrefixShouldFailOnUnreadableValueAndNeverOverwriteIt() {
		// without a prefix the key may be another application's data: a session, a lock
		redis.server().admin().set("1", "someone else's value");
		redis.server().admin().set("sync-1", "someone else's value");
		this.contextRunner.withPropertyValues("redis.cache.value-format=json", "redis.cache.use-key-prefix=false")
			.run((context) -> {
				ProductService products = context.getBean(ProductService.class);
				assertThatThrownBy(() -> products.find("1")).hasStackTraceContaining("redis.cache.use-key-prefix");
				assertThatThrownBy(() -> products.findSync("1"))
					.hasStackTraceContaining("redis.cache.use-key-prefix");
				assertThat(products.loadCount()).isZero();
				assertThat(redis.server().admin().get("1")).isEqualTo("someone else's value");
				assertThat(redis.server().admin().get("sync-1")).isEqualTo("someone else's value");
			});
	}

	@Test
	void cacheableWhenJsonNamesClassOutsideTrustedPackagesShouldBeAMiss() {
		ApplicationContextRunner untrusted = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(RedisConnectionAutoConfiguration.class,
					RedisResilienceAutoConfiguration.class, RedisCacheAutoConfiguration.class,
					CacheAutoConfiguration.class))
			.withUserConfiguration(UntrustedApplication.class)
			.withPropertyValues("redis.url=" + redis.server().url(), "redis.monitor.enabled=false",
					"redis.cache.value-format=json");
		untrusted.run((context) -> {
			ProductService products = context.getBean(ProductService.class);
			products.find("1");
			assertThat(products.find("1").id()).isEqualTo("1");
			assertThat(products.loadCount()).as("the stored class is not trusted").isEqualTo(2);
		});
		untrusted.withPropertyValues("redis.cache.json.trusted-packages=" + Product.class.getPackageName())
			.run((context) -> {
				ProductService products = context.getBean(ProductService.class);
				products.find("1");
				assertThat(products.loadCount()).isZero();
			});
	}

	@Test
	void cacheableWhenFallbackServesShouldAnswerJsonCompressedValuesLocallyAndInvalidateOnRecovery()
			throws Exception {
		try (RedisServer server = RedisServer.builder().arg("--appendonly", "yes", "--appendfsync", "always").start()) {
			this.contextRunner
				.withPropertyValues("redis.url=" + server.url(), "redis.cache.value-format=json",
						"redis.cache.compression.threshold=1B")
				.run((context) -> {
					ProductService products = context.getBean(ProductService.class);
					ResilienceStatus status = context.getBean(ResilienceStatus.class);
					products.find("1");
					server.kill();
					products.describe("1", "changed during the outage");
					assertThat(status.isFallbackActive()).isTrue();
					assertThat(products.find("1").description()).isEqualTo("changed during the outage");
					assertThat(products.find("1").description()).isEqualTo("changed during the outage");
					assertThat(products.loadCount()).as("second read answered locally").isEqualTo(2);
					server.restart();
					await().atMost(Duration.ofSeconds(10)).until(() -> !status.isFallbackActive());
					assertThat(server.admin().exists("products::1")).as("invalidated on recovery").isZero();
					assertThat(products.find("1").description()).isEqualTo("changed during the outage");
					assertThat(raw(context, "products::1")).startsWith(GZIP_MAGIC);
					assertThat(decodeFailures(context, "products")).isZero();
				});
		}
	}

	@Test
	void cacheableWhenApplicationHasOwnCacheConfigurationShouldUseItAndStillTreatForeignValuesAsMisses() {
		redis.server().admin().set("products::1", "not a string in JDK form");
		this.contextRunner.withPropertyValues("redis.cache.value-format=json")
			.withUserConfiguration(OwnCacheConfiguration.class)
			.run((context) -> {
				ProductService products = context.getBean(ProductService.class);
				assertThat(products.find("1").id()).isEqualTo("1");
				assertThat(products.loadCount()).isOne();
				assertThat(raw(context, "products::1")).as("the application's serializer, not value-format")
					.startsWith(JDK_MAGIC);
				assertThat(products.find("1").id()).isEqualTo("1");
				assertThat(products.loadCount()).isOne();
				assertThat(decodeFailures(context, "products")).isOne();
			});
	}

	private static byte[] raw(AssertableApplicationContext context, String key) {
		try (RedisConnection connection = context.getBean(RedisConnectionFactory.class).getConnection()) {
			return connection.stringCommands().get(key.getBytes(StandardCharsets.UTF_8));
		}
	}

	private static double decodeFailures(AssertableApplicationContext context, String cache) {
		Counter counter = context.getBean(MeterRegistry.class)
			.find(RedisMeterNames.CACHE_DECODE_FAILURES)
			.tag("cache", cache)
			.counter();
		return (counter != null) ? counter.count() : 0;
	}

	/**
	 * An application's own cache configuration: it replaces redis.cache.*.
	 */
	@Configuration(proxyBeanMethods = false)
	static class OwnCacheConfiguration {

		@Bean
		RedisCacheConfiguration redisCacheConfiguration() {
			return RedisCacheConfiguration.defaultCacheConfig()
				.serializeValuesWith(SerializationPair.fromSerializer(RedisSerializer.java()));
		}

	}

	/**
	 * The test application without a registered package: nothing but the JDK's types is
	 * trusted in JSON unless redis.cache.json.trusted-packages says so.
	 */
	@Configuration(proxyBeanMethods = false)
	@EnableCaching
	static class UntrustedApplication {

		@Bean
		ProductService productService() {
			return new ProductService();
		}

	}

}
