package io.github.resilientredis.autoconfigure;

import java.util.List;

import io.github.resilientredis.connection.RedisUrl;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.data.redis.connection.RedisClusterConfiguration;
import org.springframework.data.redis.connection.RedisConfiguration;
import org.springframework.data.redis.connection.RedisConfiguration.WithAuthentication;
import org.springframework.data.redis.connection.RedisNode;
import org.springframework.data.redis.connection.RedisSentinelConfiguration;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.util.StringUtils;

/**
 * Maps {@code redis.*} (or, when neither {@code redis.url} nor {@code redis.host} is set,
 * Spring Boot's {@link DataRedisConnectionDetails}) to the Spring Data Redis
 * configuration of the endpoint.
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
		int database = (url != null) ? url.database() : this.properties.getDatabase();
		RedisClusterProperties cluster = this.properties.getCluster();
		RedisSentinelProperties sentinel = this.properties.getSentinel();
		String host = this.properties.getHost();
		WithAuthentication configuration;
		if (!cluster.getNodes().isEmpty()) {
			configuration = cluster(cluster.getNodes(), cluster.getMaxRedirects());
		}
		else if (StringUtils.hasText(sentinel.getMaster())) {
			configuration = sentinel(sentinel.getMaster(), sentinel.getNodes().stream().map(RedisNode::fromString)
				.toList(), sentinel.getUsername(), sentinel.getPassword(), database);
		}
		else if (url != null) {
			configuration = standalone(url.host(), url.port(), database);
		}
		else if (StringUtils.hasText(host) || this.connectionDetails == null) {
			configuration = standalone(StringUtils.hasText(host) ? host : "localhost", this.properties.getPort(),
					database);
		}
		else {
			return fromConnectionDetails(this.connectionDetails);
		}
		// a URL's credentials win; a URL without a password takes redis.password (a managed
		// service often gives the URL and the password as separate variables)
		boolean urlPassword = url != null && url.password() != null;
		boolean urlUsername = url != null && (urlPassword || StringUtils.hasText(url.username()));
		return endpoint(configuration, urlUsername ? url.username() : this.properties.getUsername(),
				urlPassword ? url.password() : this.properties.getPassword(), url != null && url.tls(), null);
	}

	private Endpoint fromConnectionDetails(DataRedisConnectionDetails details) {
		WithAuthentication configuration;
		if (details.getCluster() != null) {
			configuration = cluster(details.getCluster().getNodes().stream().map((node) -> node.host() + ":"
					+ node.port()).toList(), null);
		}
		else if (details.getSentinel() != null) {
			DataRedisConnectionDetails.Sentinel sentinel = details.getSentinel();
			configuration = sentinel(sentinel.getMaster(), sentinel.getNodes().stream().map((node) -> new RedisNode(
					node.host(), node.port())).toList(), sentinel.getUsername(), sentinel.getPassword(),
					sentinel.getDatabase());
		}
		else if (details.getStandalone() != null) {
			DataRedisConnectionDetails.Standalone standalone = details.getStandalone();
			configuration = standalone(standalone.getHost(), standalone.getPort(), standalone.getDatabase());
		}
		else {
			throw new IllegalStateException("The DataRedisConnectionDetails bean " + details.getClass().getName()
					+ " describes no standalone, sentinel or cluster endpoint (master/replica is not supported): "
					+ "set redis.url=redis://host:6379");
		}
		return endpoint(configuration,
				StringUtils.hasText(this.properties.getUsername()) ? this.properties.getUsername() : details.getUsername(),
				StringUtils.hasText(this.properties.getPassword()) ? this.properties.getPassword() : details.getPassword(),
				false, details.getSslBundle());
	}

	private static RedisClusterConfiguration cluster(List<String> nodes, @Nullable Integer maxRedirects) {
		RedisClusterConfiguration cluster = new RedisClusterConfiguration(nodes);
		if (maxRedirects != null) {
			cluster.setMaxRedirects(maxRedirects);
		}
		return cluster;
	}

	private static RedisSentinelConfiguration sentinel(String master, List<RedisNode> nodes,
			@Nullable String username, @Nullable String password, int database) {
		RedisSentinelConfiguration sentinel = new RedisSentinelConfiguration().master(master);
		nodes.forEach(sentinel::addSentinel);
		sentinel.setSentinelUsername(username);
		sentinel.setSentinelPassword(password);
		sentinel.setDatabase(database);
		return sentinel;
	}

	private static RedisStandaloneConfiguration standalone(String host, int port, int database) {
		RedisStandaloneConfiguration standalone = new RedisStandaloneConfiguration(host, port);
		standalone.setDatabase(database);
		return standalone;
	}

	private static Endpoint endpoint(WithAuthentication configuration, @Nullable String username,
			@Nullable String password, boolean urlRequestsTls, @Nullable SslBundle sslBundle) {
		if (StringUtils.hasText(username)) {
			configuration.setUsername(username);
		}
		// no password when null or empty, as each configuration starts
		configuration.setPassword(password);
		return new Endpoint((RedisConfiguration) configuration, urlRequestsTls, sslBundle);
	}

}
