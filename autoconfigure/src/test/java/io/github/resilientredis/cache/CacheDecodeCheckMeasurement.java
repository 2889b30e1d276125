package io.github.resilientredis.cache;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cache.Cache;
import org.springframework.data.redis.cache.RedisCacheConfiguration;
import org.springframework.data.redis.cache.RedisCacheManager;
import org.springframework.data.redis.cache.RedisCacheWriter;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.serializer.RedisSerializationContext.SerializationPair;
import org.springframework.data.redis.serializer.RedisSerializer;

import io.github.resilientredis.autoconfigure.RedisConnectionAutoConfiguration;
import io.github.resilientredis.cache.CacheValueTestApplication.Product;
import io.github.resilientredis.test.RedisServer;
import io.github.resilientredis.test.RedisServerExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cost of {@link UnreadableValueCacheWriter} on a cache hit: it reads every value once more
 * to tell a readable value from a foreign one. Measures, per format, a cache hit
 * ({@code Cache.get}, single thread, loopback redis-server) with and without the check, and
 * one decode alone. Not part of the default test run (the name does not end in Tests); run
 * it with:
 *
 * <pre>
 * ./mvnw -q -B -pl autoconfigure test -Dtest=CacheDecodeCheckMeasurement -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 *
 * and read the table in
 * {@code autoconfigure/target/surefire-reports/io.github.resilientredis.cache.CacheDecodeCheckMeasurement-output.txt}.
 */
class CacheDecodeCheckMeasurement {

	private static final int HITS = 20_000;

	private static final int ROUNDS = 3;

	@RegisterExtension
	static final RedisServerExtension redis = new RedisServerExtension(RedisServer.builder());

	@Test
	void measure() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(RedisConnectionAutoConfiguration.class))
			.withPropertyValues("redis.url=" + redis.server().url(), "redis.monitor.enabled=false")
			.run((context) -> {
				RedisConnectionFactory connectionFactory = context.getBean(RedisConnectionFactory.class);
				List<String> rows = new ArrayList<>();
				rows.add(String.format("%-6s %-8s %14s %14s %14s", "format", "bytes", "hit unchecked",
						"hit checked", "decode alone"));
				for (CacheValueFormat format : CacheValueFormat.values()) {
					rows.add(measure(connectionFactory, format));
				}
				System.out.println(String.join(System.lineSeparator(), rows) + System.lineSeparator()
						+ "(microseconds per operation, best of " + ROUNDS + " rounds of " + HITS + ")");
			});
	}

	private String measure(RedisConnectionFactory connectionFactory, CacheValueFormat format) {
		RedisSerializer<Object> serializer = CacheValueSerializers.create(format, getClass().getClassLoader(),
				Set.of(getClass().getPackageName()), -1);
		RedisCacheConfiguration configuration = RedisCacheConfiguration.defaultCacheConfig()
			.serializeValuesWith(SerializationPair.fromSerializer(serializer));
		RedisCacheWriter writer = RedisCacheWriter.nonLockingRedisCacheWriter(connectionFactory);
		Cache unchecked = RedisCacheManager.builder(writer).cacheDefaults(configuration).build().getCache("plain");
		Cache checked = RedisCacheManager
			.builder(new UnreadableValueCacheWriter(writer, (name) -> configuration, UnreadableValueListener.NONE))
			.cacheDefaults(configuration)
			.build()
			.getCache("checked");
		Product product = new Product("1", "product 1", "a typical description of a product in a catalog",
				new BigDecimal("9.99"), List.of("tag-1", "tag-2"));
		unchecked.put("1", product);
		checked.put("1", product);
		byte[] bytes = serializer.serialize(product);
		double plain = Double.MAX_VALUE;
		double withCheck = Double.MAX_VALUE;
		double decode = Double.MAX_VALUE;
		for (int round = 0; round < ROUNDS; round++) {
			plain = Math.min(plain, microsPerHit(unchecked, product));
			withCheck = Math.min(withCheck, microsPerHit(checked, product));
			decode = Math.min(decode, microsPerDecode(serializer, bytes, product));
		}
		return String.format("%-6s %-8d %14.1f %14.1f %14.1f", format.name().toLowerCase(), bytes.length, plain,
				withCheck, decode);
	}

	private static double microsPerHit(Cache cache, Product expected) {
		long start = System.nanoTime();
		for (int i = 0; i < HITS; i++) {
			assertThat(cache.get("1", Product.class)).isEqualTo(expected);
		}
		return (System.nanoTime() - start) / 1000.0 / HITS;
	}

	private static double microsPerDecode(RedisSerializer<Object> serializer, byte[] bytes, Product expected) {
		long start = System.nanoTime();
		for (int i = 0; i < HITS; i++) {
			assertThat(serializer.deserialize(bytes)).isEqualTo(expected);
		}
		return (System.nanoTime() - start) / 1000.0 / HITS;
	}

}
