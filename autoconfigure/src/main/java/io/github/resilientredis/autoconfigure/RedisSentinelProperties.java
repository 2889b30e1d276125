package io.github.resilientredis.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Redis Sentinel. Used instead of url/host when master is set.
 * <p>
 * Bound under {@code redis.sentinel.*} as part of {@link RedisResilienceProperties}.
 */
public class RedisSentinelProperties {

	/**
	 * Name of the monitored master.
	 */
	private @Nullable String master;

	/**
	 * Sentinel nodes as host:port.
	 */
	private List<String> nodes = new ArrayList<>();

	/**
	 * Username for authenticating with the sentinels.
	 */
	private @Nullable String username;

	/**
	 * Password for authenticating with the sentinels.
	 */
	private @Nullable String password;

	public @Nullable String getMaster() {
		return this.master;
	}

	public void setMaster(@Nullable String master) {
		this.master = master;
	}

	public List<String> getNodes() {
		return this.nodes;
	}

	public void setNodes(List<String> nodes) {
		this.nodes = nodes;
	}

	public @Nullable String getUsername() {
		return this.username;
	}

	public void setUsername(@Nullable String username) {
		this.username = username;
	}

	public @Nullable String getPassword() {
		return this.password;
	}

	public void setPassword(@Nullable String password) {
		this.password = password;
	}

}
