package io.github.resilientredis.benchmarks;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * JMH benchmarks of the healthy path: {@code @Cacheable} hits and template GET/SET against a live
 * fixture Redis. Run in-process by {@link HealthyPathChild}, one JVM per variant and thread count, so
 * the application context is started once per JVM and shared by the three benchmarks. The Redis URL
 * comes from {@value #URL_PROPERTY}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class HealthyPathBenchmark {

	/** System property carrying the fixture server's URL into the forked JVM. */
	public static final String URL_PROPERTY = "bench.redis.url";

	static final int KEYS = 1024;

	static final String VALUE = "v".repeat(64);

	@Param({ "STOCK", "STARTER" })
	public Variant variant;

	private ConfigurableApplicationContext context;

	private CatalogService service;

	private StringRedisTemplate template;

	private static final Map<Variant, ConfigurableApplicationContext> contexts = new EnumMap<>(Variant.class);

	@Setup(Level.Trial)
	public void start() {
		this.context = context(this.variant);
		this.service = this.context.getBean(CatalogService.class);
		this.template = this.context.getBean(StringRedisTemplate.class);
	}

	private static synchronized ConfigurableApplicationContext context(Variant variant) {
		return contexts.computeIfAbsent(variant, (key) -> {
			ConfigurableApplicationContext context = key.start(System.getProperty(URL_PROPERTY));
			CatalogService service = context.getBean(CatalogService.class);
			StringRedisTemplate template = context.getBean(StringRedisTemplate.class);
			for (int i = 0; i < KEYS; i++) {
				service.find(Keys.ITEMS[i]);
				template.opsForValue().set(Keys.VALUES[i], VALUE);
			}
			return context;
		});
	}

	/**
	 * Close the contexts started in this JVM.
	 */
	static synchronized void closeContexts() {
		contexts.values().forEach(ConfigurableApplicationContext::close);
		contexts.clear();
	}

	/** Operations that threw (e.g. a command timeout on an overloaded machine); counted, not fatal. */
	static final LongAdder errors = new LongAdder();

	@Benchmark
	public String cacheableHit(Cursor cursor) {
		try {
			return this.service.find(Keys.ITEMS[cursor.next()]);
		}
		catch (RuntimeException ex) {
			errors.increment();
			return null;
		}
	}

	@Benchmark
	public String templateGet(Cursor cursor) {
		try {
			return this.template.opsForValue().get(Keys.VALUES[cursor.next()]);
		}
		catch (RuntimeException ex) {
			errors.increment();
			return null;
		}
	}

	@Benchmark
	public void templateSet(Cursor cursor) {
		try {
			this.template.opsForValue().set(Keys.VALUES[cursor.next()], VALUE);
		}
		catch (RuntimeException ex) {
			errors.increment();
		}
	}

	/**
	 * Per-thread position in the key space, so threads do not all hit the same key.
	 */
	@State(Scope.Thread)
	public static class Cursor {

		private int position = ThreadLocalRandom.current().nextInt(KEYS);

		int next() {
			this.position = (this.position + 1) & (KEYS - 1);
			return this.position;
		}

	}

	/**
	 * Pre-built key strings, so the benchmark measures Redis access rather than string concatenation.
	 */
	static final class Keys {

		static final String[] ITEMS = build("item:");

		static final String[] VALUES = build("kv:");

		private Keys() {
		}

		private static String[] build(String prefix) {
			String[] keys = new String[KEYS];
			for (int i = 0; i < KEYS; i++) {
				keys[i] = prefix + i;
			}
			return keys;
		}

	}

}
