package io.github.resilientredis.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Redis Cluster. Used instead of url/host when nodes are set.
 * <p>
 * Bound under {@code redis.cluster.*} as part of {@link RedisResilienceProperties}.
 */
public class RedisClusterProperties {

	/**
	 * Seed nodes as host:port.
	 */
	private List<String> nodes = new ArrayList<>();

	/**
	 * Maximum number of redirects to follow.
	 */
	private @Nullable Integer maxRedirects;

	/**
	 * Interval of the periodic topology refresh. Unset to refresh only on events
	 * (MOVED, reconnect, failed node).
	 */
	private @Nullable Duration refreshPeriod = Duration.ofSeconds(30);

	public List<String> getNodes() {
		return this.nodes;
	}

	public void setNodes(List<String> nodes) {
		this.nodes = nodes;
	}

	public @Nullable Integer getMaxRedirects() {
		return this.maxRedirects;
	}

	public void setMaxRedirects(@Nullable Integer maxRedirects) {
		this.maxRedirects = maxRedirects;
	}

	public @Nullable Duration getRefreshPeriod() {
		return this.refreshPeriod;
	}

	public void setRefreshPeriod(@Nullable Duration refreshPeriod) {
		this.refreshPeriod = refreshPeriod;
	}

}
