package io.github.resilientredis.autoconfigure;

import java.util.HashSet;
import java.util.Set;

import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties of the {@code redis} actuator endpoint, following Spring
 * Boot's {@code management.endpoint.<id>.*} convention. What the sampler keeps at all is
 * decided by {@code redis.monitor.show-other-clients}; these decide who sees it.
 */
@ConfigurationProperties("management.endpoint.redis")
public class RedisEndpointProperties {

	/**
	 * When to show other applications' connections, once
	 * redis.monitor.show-other-clients is on.
	 */
	private Show showDetails = Show.ALWAYS;

	/**
	 * Roles used to determine whether a user is authorized to be shown other
	 * applications' connections. When empty, all authenticated users are authorized.
	 */
	private Set<String> roles = new HashSet<>();

	public Show getShowDetails() {
		return this.showDetails;
	}

	public void setShowDetails(Show showDetails) {
		this.showDetails = showDetails;
	}

	public Set<String> getRoles() {
		return this.roles;
	}

	public void setRoles(Set<String> roles) {
		this.roles = roles;
	}

}
