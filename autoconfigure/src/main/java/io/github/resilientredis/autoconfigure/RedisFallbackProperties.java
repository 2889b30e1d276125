package io.github.resilientredis.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Local Caffeine store that answers cache data (Spring's cache abstraction) while
 * Redis is unavailable.
 * <p>
 * Bound under {@code redis.fallback.*} as part of {@link RedisResilienceProperties}.
 */
public class RedisFallbackProperties {

	/**
	 * Whether to answer cache data (the starter's cache manager) locally while Redis
	 * is unavailable; other commands always fail fast.
	 */
	private boolean enabled = true;

	/**
	 * Maximum number of entries kept locally.
	 */
	private long maximumEntries = 10_000;

	/**
	 * Maximum time a local entry lives; never longer than the TTL it was written with.
	 */
	private Duration ttl = Duration.ofMinutes(5);

	/**
	 * Maximum number of keys journaled for invalidation on recovery; past it, the
	 * affected caches are cleared on recovery instead.
	 */
	private int journalMaximumEntries = 10_000;

	/**
	 * Glob patterns ('*' wildcards) of keys that are cache data besides the cache
	 * manager's, for example 'catalog:*': while Redis is unavailable their plain GET,
	 * SET (optionally with EX/PX), DEL, UNLINK, EXISTS, EXPIRE and PEXPIRE are answered
	 * locally; conditional and atomic commands on them still fail.
	 */
	private List<String> cacheKeyPatterns = new ArrayList<>();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public long getMaximumEntries() {
		return this.maximumEntries;
	}

	public void setMaximumEntries(long maximumEntries) {
		this.maximumEntries = maximumEntries;
	}

	public Duration getTtl() {
		return this.ttl;
	}

	public void setTtl(Duration ttl) {
		this.ttl = ttl;
	}

	public int getJournalMaximumEntries() {
		return this.journalMaximumEntries;
	}

	public void setJournalMaximumEntries(int journalMaximumEntries) {
		this.journalMaximumEntries = journalMaximumEntries;
	}

	public List<String> getCacheKeyPatterns() {
		return this.cacheKeyPatterns;
	}

	public void setCacheKeyPatterns(List<String> cacheKeyPatterns) {
		this.cacheKeyPatterns = cacheKeyPatterns;
	}

}
