package io.github.resilientredis.connection;

import java.util.List;

import io.lettuce.core.RedisURI;
import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.connection.RedisClusterConfiguration;
import org.springframework.data.redis.connection.RedisConfiguration;
import org.springframework.data.redis.connection.RedisPassword;
import org.springframework.data.redis.connection.RedisSentinelConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConverters;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

import io.github.resilientredis.diagnostics.Endpoint;

/**
 * The Lettuce {@link RedisURI}s of a {@link LettuceConnectionFactory}'s configuration:
 * the one place that applies its credentials (static or from a
 * {@code RedisCredentialsProviderFactory}), TLS, timeout, database and client name, so
 * command connections and out-of-band connections to the endpoint or to one node
 * authenticate and encrypt alike. Spring Data Redis builds these URIs too, but privately
 * ({@code LettuceConnectionFactory#createRedisURIAndApplySettings}), and only for the
 * configured endpoint, never for a node discovered at run time. Each URI is new, and
 * named {@code clientName} unless that is {@code null}.
 */
final class ClientUris {

	private final LettuceConnectionFactory factory;

	private final LettuceClientConfiguration clientConfiguration;

	private final RedisConfiguration configuration;

	ClientUris(LettuceConnectionFactory factory) {
		this.factory = factory;
		this.clientConfiguration = factory.getClientConfiguration();
		RedisConfiguration cluster = factory.getClusterConfiguration();
		RedisConfiguration sentinel = factory.getSentinelConfiguration();
		this.configuration = (factory.isClusterAware() && cluster != null) ? cluster
				: (factory.isRedisSentinelAware() && sentinel != null) ? sentinel
						: factory.getStandaloneConfiguration();
	}

	/**
	 * Where the factory connects, as shown to users: topology, TLS, address and sentinel
	 * master, never credentials.
	 */
	Endpoint describe() {
		boolean tls = this.clientConfiguration.isUseSsl();
		if (this.configuration instanceof RedisSentinelConfiguration sentinel) {
			return Endpoint.sentinel(sentinel.getSentinels().toString(),
					(sentinel.getMaster() != null) ? sentinel.getMaster().getName() : null, tls);
		}
		if (this.configuration instanceof RedisClusterConfiguration cluster) {
			return Endpoint.cluster(cluster.getClusterNodes().toString(), tls);
		}
		return Endpoint.standalone(this.factory.getHostName() + ":" + this.factory.getPort(), tls);
	}

	/** The URI of the configured standalone server, or of the sentinels' master. */
	RedisURI endpoint(@Nullable String clientName) {
		if (this.configuration instanceof RedisSentinelConfiguration sentinel) {
			return applyDataSettings(withSentinelSettings(sentinel), clientName);
		}
		return node(this.factory.getHostName(), this.factory.getPort(), clientName);
	}

	/** The URIs of the configured cluster nodes. */
	List<RedisURI> clusterNodes(@Nullable String clientName) {
		Assert.state(this.configuration instanceof RedisClusterConfiguration, "No cluster configuration");
		return ((RedisClusterConfiguration) this.configuration).getClusterNodes()
			.stream()
			.map((node) -> node(node.getRequiredHost(), node.getRequiredPort(), clientName))
			.toList();
	}

	/** The URI of one data node (a cluster node, the master or a replica), with the data credentials. */
	RedisURI node(String host, int port, @Nullable String clientName) {
		RedisURI.Builder builder = RedisURI.Builder.redis(host, port);
		if (this.configuration instanceof RedisConfiguration.WithAuthentication authentication) {
			String username = authentication.getUsername();
			RedisPassword password = authentication.getPassword();
			if (StringUtils.hasText(username) && password.isPresent()) {
				builder.withAuthentication(username, password.get());
			}
			else {
				password.toOptional().ifPresent(builder::withPassword);
			}
		}
		return applyDataSettings(builder.build(), clientName);
	}

	/** The URIs of the configured sentinels, with the sentinel credentials. */
	List<RedisURI> sentinels(@Nullable String clientName) {
		Assert.state(this.configuration instanceof RedisSentinelConfiguration, "No sentinel configuration");
		List<RedisURI> uris = withSentinelSettings((RedisSentinelConfiguration) this.configuration).getSentinels();
		if (clientName != null) {
			uris.forEach((uri) -> uri.setClientName(clientName));
		}
		return uris;
	}

	/** The master's URI, whose sentinels have the connection settings and sentinel credentials. */
	private RedisURI withSentinelSettings(RedisSentinelConfiguration sentinel) {
		RedisURI uri = LettuceConverters.sentinelConfigurationToRedisURI(sentinel);
		List<RedisURI> sentinels = uri.getSentinels();
		sentinels.forEach(this::applyConnectionSettings);
		this.clientConfiguration.getRedisCredentialsProviderFactory()
			.map((factory) -> factory.createSentinelCredentialsProvider(sentinel))
			.ifPresent((credentials) -> sentinels.forEach((node) -> node.setCredentialsProvider(credentials)));
		return uri;
	}

	private RedisURI applyDataSettings(RedisURI uri, @Nullable String clientName) {
		applyConnectionSettings(uri);
		uri.setDatabase(this.factory.getDatabase());
		if (clientName != null) {
			uri.setClientName(clientName);
		}
		this.clientConfiguration.getRedisCredentialsProviderFactory()
			.ifPresent((factory) -> uri.setCredentialsProvider(factory.createCredentialsProvider(this.configuration)));
		return uri;
	}

	private void applyConnectionSettings(RedisURI uri) {
		uri.setSsl(this.clientConfiguration.isUseSsl());
		uri.setVerifyPeer(this.clientConfiguration.getVerifyMode());
		uri.setStartTls(this.clientConfiguration.isStartTls());
		uri.setTimeout(this.clientConfiguration.getCommandTimeout());
	}

}
