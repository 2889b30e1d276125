package io.github.resilientredis.benchmarks;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.springframework.cache.Cache;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.cache.RedisCacheConfiguration;
import org.springframework.data.redis.cache.RedisCacheManager;
import org.springframework.data.redis.cache.RedisCacheWriter;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.serializer.RedisSerializationContext.SerializationPair;
import org.springframework.data.redis.serializer.RedisSerializer;

import io.github.resilientredis.cache.CacheValueFormat;
import io.github.resilientredis.cache.CacheValueSerializers;
import io.github.resilientredis.cache.UnreadableValueCacheWriter;
import io.github.resilientredis.cache.UnreadableValueListener;
import io.github.resilientredis.test.RedisServer;

/**
 * Cost of {@link UnreadableValueCacheWriter} on a cache hit: it reads every value once more
 * to tell a readable value from a foreign one. Measures, per format, a cache hit
 * ({@code Cache.get}, single thread, loopback redis-server) with and without the check, and
 * one decode alone, and prints a table. Run it with:
 *
 * <pre>
 * ./mvnw -B -q -pl benchmarks -am package -DskipTests
 * java -cp benchmarks/target/benchmarks.jar io.github.resilientredis.benchmarks.CacheDecodeCheckMeasurement
 * </pre>
 */
public final class CacheDecodeCheckMeasurement {

	private static final int HITS = 20_000;

	private static final int ROUNDS = 3;

	private CacheDecodeCheckMeasurement() {
	}

	public static void main(String[] args) {
		try (RedisServer redis = RedisServer.builder().start();
				ConfigurableApplicationContext context = Measurements.start("redis.url=" + redis.url(),
						"redis.monitor.enabled=false")) {
			RedisConnectionFactory connectionFactory = context.getBean(RedisConnectionFactory.class);
			List<String> rows = new ArrayList<>();
			rows.add(String.format("%-6s %-8s %14s %14s %14s", "format", "bytes", "hit unchecked", "hit checked",
					"decode alone"));
			for (CacheValueFormat format : CacheValueFormat.values()) {
				rows.add(measure(connectionFactory, format));
			}
			System.out.println(String.join(System.lineSeparator(), rows) + System.lineSeparator()
					+ "(microseconds per operation, best of " + ROUNDS + " rounds of " + HITS + ")");
		}
		System.exit(0);
	}

	private static String measure(RedisConnectionFactory connectionFactory, CacheValueFormat format) {
		RedisSerializer<Object> serializer = CacheValueSerializers.create(format,
				CacheDecodeCheckMeasurement.class.getClassLoader(),
				Set.of(CacheDecodeCheckMeasurement.class.getPackageName()), -1);
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
			check(cache.get("1", Product.class), expected);
		}
		return (System.nanoTime() - start) / 1000.0 / HITS;
	}

	private static double microsPerDecode(RedisSerializer<Object> serializer, byte[] bytes, Product expected) {
		long start = System.nanoTime();
		for (int i = 0; i < HITS; i++) {
			check(serializer.deserialize(bytes), expected);
		}
		return (System.nanoTime() - start) / 1000.0 / HITS;
	}

	// a wrong answer makes the figure meaningless: stop instead of printing it
	private static void check(Object actual, Product expected) {
		if (!Objects.equals(actual, expected)) {
			throw new IllegalStateException("Expected " + expected + " but read " + actual);
		}
	}

	/**
	 * A typical small cached value.
	 */
	public record Product(String id, String name, String description, BigDecimal price,
			List<String> tags) implements Serializable {
	}

}
