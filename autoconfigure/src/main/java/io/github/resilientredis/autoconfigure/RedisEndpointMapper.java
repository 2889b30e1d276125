package io.github.resilientredis.autoconfigure;

import java.util.List;

import io.github.resilientredis.connection.RedisUrl;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.data.redis.connection.RedisClusterConfiguration;
import org.springframework.data.redis.connection.RedisConfiguration;
import org.springframework.data.redis.connection.RedisNode;
import org.springframework.data.redis.connection.RedisPassword;
import org.springframework.data.redis.connection.RedisSentinelConfiguration;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.util.StringUtils;

/**
 * Maps {@code redis.*} (or, when neither {@code redis.url} nor {@code redis.host} is set,
 * Spring Boot's {@link DataRedisConnectionDetails}) to the Spring Data Redis
 * configuration of the endpoint: standalone, sentinel or cluster, with credentials and
 * database.
 * <p>
 * Precedence: {@code redis.cluster.nodes}, {@code redis.sentinel.master},
 * {@code redis.url}, {@code redis.host}, a {@code DataRedisConnectionDetails} bean,
 * {@code localhost}. {@code redis.username}/{@code redis.password} override the
 * credentials of a connection details bean; a URL's credentials win over them, and
 * fill in what a URL without credentials leaves out (REDIS_URL + REDIS_PASSWORD).
 */
final class RedisEndpointMapper {

	private final RedisResilienceProperties properties;

	private final @Nullable DataRedisConnectionDetails connectionDetails;

	RedisEndpointMapper(RedisResilienceProperties properties, @Nullable DataRedisConnectionDetails connectionDetails) {
		this.properties = properties;
		this.connectionDetails = connectionDetails;
	}

	/**
	 * The resolved endpoint.
	 * @param configuration the Spring Data Redis configuration
	 * @param urlRequestsTls whether a {@code rediss://} URL asks for TLS
	 * @param sslBundle the SSL bundle of the connection details, or {@code null}
	 */
	record Endpoint(RedisConfiguration configuration, boolean urlRequestsTls, @Nullable SslBundle sslBundle) {

		boolean isCluster() {
			return this.configuration instanceof RedisClusterConfiguration;
		}

	}

	Endpoint map() {
		RedisUrl url = StringUtils.hasText(this.properties.getUrl()) ? RedisUrl.parse(this.properties.getUrl()) : null;
		Credentials credentials = credentials(url);
		int database = (url != null) ? url.database() : this.properties.getDatabase();
		boolean tls = url != null && url.tls();
		RedisClusterProperties cluster = this.properties.getCluster();
		RedisSentinelProperties sentinel = this.properties.getSentinel();
		if (!cluster.getNodes().isEmpty()) {
			return new Endpoint(cluster(cluster.getNodes(), cluster.getMaxRedirects(), credentials), tls, null);
		}
		if (StringUtils.hasText(sentinel.getMaster())) {
			List<RedisNode> nodes = sentinel.getNodes().stream().map(RedisNode::fromString).toList();
			return new Endpoint(sentinel(sentinel.getMaster(), nodes, sentinel.getUsername(), sentinel.getPassword(),
					database, credentials), tls, null);
		}
		if (url != null) {
			return new Endpoint(standalone(url.host(), url.port(), database, credentials), tls, null);
		}
		if (StringUtils.hasText(this.properties.getHost()) || this.connectionDetails == null) {
			String host = StringUtils.hasText(this.properties.getHost()) ? this.properties.getHost() : "localhost";
			return new Endpoint(standalone(host, this.properties.getPort(), database, credentials), false, null);
		}
		return fromConnectionDetails(this.connectionDetails);
	}

	private Endpoint fromConnectionDetails(DataRedisConnectionDetails details) {
		Credentials credentials = new Credentials(
				StringUtils.hasText(this.properties.getUsername()) ? this.properties.getUsername()
						: details.getUsername(),
				StringUtils.hasText(this.properties.getPassword()) ? this.properties.getPassword()
						: details.getPassword());
		RedisConfiguration configuration;
		if (details.getCluster() != null) {
			configuration = cluster(details.getCluster().getNodes().stream().map((node) -> node.host() + ":"
					+ node.port()).toList(), null, credentials);
		}
		else if (details.getSentinel() != null) {
			DataRedisConnectionDetails.Sentinel sentinel = details.getSentinel();
			configuration = sentinel(sentinel.getMaster(), sentinel.getNodes().stream().map((node) -> new RedisNode(
					node.host(), node.port())).toList(), sentinel.getUsername(), sentinel.getPassword(),
					sentinel.getDatabase(), credentials);
		}
		else if (details.getStandalone() != null) {
			DataRedisConnectionDetails.Standalone standalone = details.getStandalone();
			configuration = standalone(standalone.getHost(), standalone.getPort(), standalone.getDatabase(), credentials);
		}
		else {
			throw new IllegalStateException("The DataRedisConnectionDetails bean " + details.getClass().getName()
					+ " describes no standalone, sentinel or cluster endpoint (master/replica is not supported): "
					+ "set redis.url=redis://host:6379");
		}
		return new Endpoint(configuration, false, details.getSslBundle());
	}

	private static RedisClusterConfiguration cluster(List<String> nodes, @Nullable Integer maxRedirects,
			Credentials credentials) {
		RedisClusterConfiguration cluster = new RedisClusterConfiguration(nodes);
		if (maxRedirects != null) {
			cluster.setMaxRedirects(maxRedirects);
		}
		credentials.applyTo(cluster);
		return cluster;
	}

	private static RedisSentinelConfiguration sentinel(String master, List<RedisNode> nodes,
			@Nullable String username, @Nullable String password, int database, Credentials credentials) {
		RedisSentinelConfiguration sentinel = new RedisSentinelConfiguration();
		sentinel.master(master);
		nodes.forEach(sentinel::addSentinel);
		sentinel.setSentinelUsername(username);
		if (password != null) {
			sentinel.setSentinelPassword(password);
		}
		sentinel.setDatabase(database);
		credentials.applyTo(sentinel);
		return sentinel;
	}

	private static RedisStandaloneConfiguration standalone(String host, int port, int database,
			Credentials credentials) {
		RedisStandaloneConfiguration standalone = new RedisStandaloneConfiguration(host, port);
		standalone.setDatabase(database);
		credentials.applyTo(standalone);
		return standalone;
	}

	private Credentials credentials(@Nullable RedisUrl url) {
		if (url == null || url.password() == null) {
			// a managed service often gives the URL and the password as separate variables
			String username = (url != null && StringUtils.hasText(url.username())) ? url.username()
					: this.properties.getUsername();
			return new Credentials(username, this.properties.getPassword());
		}
		return new Credentials(url.username(), url.password());
	}

	private record Credentials(@Nullable String username, @Nullable String password) {

		void applyTo(RedisConfiguration.WithAuthentication configuration) {
			if (StringUtils.hasText(this.username)) {
				configuration.setUsername(this.username);
			}
			if (this.password != null) {
				configuration.setPassword(RedisPassword.of(this.password));
			}
		}

		// a record prints every component; this one must never show the password
		@Override
		public String toString() {
			return "Credentials[username=" + this.username + ", password=" + ((this.password != null) ? "****" : null)
					+ "]";
		}

	}

}
