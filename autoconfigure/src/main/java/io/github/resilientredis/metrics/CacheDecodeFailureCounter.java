package io.github.resilientredis.metrics;

import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

import io.github.resilientredis.cache.UnreadableValueListener;

/**
 * Counts cached values their cache could not read (and treated as a miss) in
 * {@value RedisMeterNames#CACHE_DECODE_FAILURES}, tagged with the cache's name (cache
 * names are few and chosen by the application, so the tag is bounded).
 */
public class CacheDecodeFailureCounter implements UnreadableValueListener {

	private final Supplier<@Nullable MeterRegistry> registry;

	/**
	 * Create a counter.
	 * @param registry the registry, or {@code null} when the application has none
	 */
	public CacheDecodeFailureCounter(Supplier<@Nullable MeterRegistry> registry) {
		this.registry = registry;
	}

	@Override
	public void unreadable(String cacheName) {
		MeterRegistry registry = this.registry.get();
		if (registry != null) {
			Counter.builder(RedisMeterNames.CACHE_DECODE_FAILURES)
				.description("Cached values that could not be read (another value format, or garbage) and were "
						+ "treated as a miss")
				.tag("cache", cacheName)
				.register(registry)
				.increment();
		}
	}

}
