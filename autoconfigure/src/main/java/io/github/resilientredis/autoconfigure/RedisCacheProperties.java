package io.github.resilientredis.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.resilientredis.cache.CacheValueFormat;
import org.jspecify.annotations.Nullable;

import org.springframework.util.unit.DataSize;

/**
 * Redis-backed Spring Cache provided by the starter.
 * <p>
 * Bound under {@code redis.cache.*} as part of {@link RedisResilienceProperties}.
 */
public class RedisCacheProperties {

	/**
	 * Whether to provide a Redis CacheManager (with fallback) when the application
	 * has none.
	 */
	private boolean enabled = true;

	/**
	 * Cache names to create at startup; others are created on first use.
	 */
	private List<String> cacheNames = new ArrayList<>();

	/**
	 * Entry expiration. Unset means entries never expire.
	 */
	private @Nullable Duration timeToLive = Duration.ofMinutes(10);

	/**
	 * Whether to allow caching null values.
	 */
	private boolean cacheNullValues = true;

	/**
	 * Key prefix. Unset means the cache name followed by "::".
	 */
	private @Nullable String keyPrefix;

	/**
	 * Whether to prefix keys at all.
	 */
	private boolean useKeyPrefix = true;

	/**
	 * Format of cache values in Redis: java (JDK serialization) or json (readable in
	 * redis-cli). A value stored in another format is read as a miss and overwritten.
	 */
	private CacheValueFormat valueFormat = CacheValueFormat.JAVA;

	private final Compression compression = new Compression();

	private final Json json = new Json();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public List<String> getCacheNames() {
		return this.cacheNames;
	}

	public void setCacheNames(List<String> cacheNames) {
		this.cacheNames = cacheNames;
	}

	public @Nullable Duration getTimeToLive() {
		return this.timeToLive;
	}

	public void setTimeToLive(@Nullable Duration timeToLive) {
		this.timeToLive = timeToLive;
	}

	public boolean isCacheNullValues() {
		return this.cacheNullValues;
	}

	public void setCacheNullValues(boolean cacheNullValues) {
		this.cacheNullValues = cacheNullValues;
	}

	public @Nullable String getKeyPrefix() {
		return this.keyPrefix;
	}

	public void setKeyPrefix(@Nullable String keyPrefix) {
		this.keyPrefix = keyPrefix;
	}

	public boolean isUseKeyPrefix() {
		return this.useKeyPrefix;
	}

	public void setUseKeyPrefix(boolean useKeyPrefix) {
		this.useKeyPrefix = useKeyPrefix;
	}

	public CacheValueFormat getValueFormat() {
		return this.valueFormat;
	}

	public void setValueFormat(CacheValueFormat valueFormat) {
		this.valueFormat = valueFormat;
	}

	public Compression getCompression() {
		return this.compression;
	}

	public Json getJson() {
		return this.json;
	}

	/**
	 * Gzip compression of large cache values.
	 */
	public static class Compression {

		/**
		 * Size from which cache values are gzip-compressed, e.g. 1KB. Unset or negative
		 * not to compress; compressed values are read whatever this is.
		 */
		private @Nullable DataSize threshold;

		public @Nullable DataSize getThreshold() {
			return this.threshold;
		}

		public void setThreshold(@Nullable DataSize threshold) {
			this.threshold = threshold;
		}

	}

	/**
	 * JSON cache values (value-format=json).
	 */
	public static class Json {

		/**
		 * Packages whose classes JSON cache values may name, besides java.lang,
		 * java.util, java.time, java.math and the application's own packages.
		 */
		private List<String> trustedPackages = new ArrayList<>();

		public List<String> getTrustedPackages() {
			return this.trustedPackages;
		}

		public void setTrustedPackages(List<String> trustedPackages) {
			this.trustedPackages = trustedPackages;
		}

	}

}
