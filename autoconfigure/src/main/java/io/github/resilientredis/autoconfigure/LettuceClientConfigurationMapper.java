package io.github.resilientredis.autoconfigure;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import io.github.resilientredis.autoconfigure.RedisResilienceProperties.VerifyMode;
import io.github.resilientredis.connection.BlockingCommands;
import io.github.resilientredis.connection.ImmediateCredentials;
import io.github.resilientredis.connection.PoolValidation;
import io.github.resilientredis.connection.SocketOptionsFactory;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.SslOptions;
import io.lettuce.core.SslVerifyMode;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.resource.ClientResources;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientConfigurationBuilderCustomizer;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslManagerBundle;
import org.springframework.boot.ssl.pem.PemSslStoreBundle;
import org.springframework.boot.ssl.pem.PemSslStoreDetails;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration.LettuceClientConfigurationBuilder;
import org.springframework.util.StringUtils;

/**
 * Maps {@code redis.*} to Lettuce client options (socket, keepalive, timeouts, reconnect,
 * TLS, cluster topology refresh), the Spring Data Redis client configuration and the
 * pool configuration, applying Spring Boot's Lettuce customizers.
 */
final class LettuceClientConfigurationMapper {

	private static final Log logger = LogFactory.getLog(LettuceClientConfigurationMapper.class);

	private static final AtomicBoolean verifyNoneLogged = new AtomicBoolean();

	private final RedisResilienceProperties properties;

	LettuceClientConfigurationMapper(RedisResilienceProperties properties) {
		this.properties = properties;
	}

	/**
	 * The one place that decides whether the connection uses TLS: {@code redis.tls.enabled}
	 * (else the {@code REDIS_TLS} {@code shorthand}) when set, else on for a
	 * {@code rediss://} URL or an SSL bundle.
	 */
	boolean useTls(RedisEndpointMapper.Endpoint endpoint, @Nullable SslBundle sslBundle, @Nullable Boolean shorthand) {
		Boolean enabled = (this.properties.getTls().getEnabled() != null) ? this.properties.getTls().getEnabled()
				: shorthand;
		if (endpoint.urlRequestsTls()) {
			if (Boolean.FALSE.equals(enabled)) {
				// redis.tls.enabled=false is rejected at binding; the REDIS_TLS shorthand is only seen here
				throw new InvalidConfigurationPropertyValueException("redis.tls", false,
						"REDIS_TLS=false turns TLS off but redis.url uses rediss://, which asks for TLS: remove "
								+ "REDIS_TLS, or use a redis:// URL for a server without TLS");
			}
			return true;
		}
		return (enabled != null) ? enabled : sslBundle != null;
	}

	LettuceClientConfiguration clientConfiguration(RedisEndpointMapper.Endpoint endpoint, boolean tls,
			@Nullable SslBundle sslBundle, String clientName, ClientResources clientResources,
			Stream<LettuceClientConfigurationBuilderCustomizer> configurationCustomizers,
			Stream<LettuceClientOptionsBuilderCustomizer> optionsCustomizers) {
		LettuceClientConfigurationBuilder builder = LettuceClientConfiguration.builder();
		if (tls) {
			builder.useSsl().verifyPeer(verifyMode(this.properties.getTls().getVerifyMode()));
		}
		builder.commandTimeout(this.properties.getCommandTimeout());
		builder.shutdownTimeout(this.properties.getShutdownTimeout());
		builder.clientName(clientName);
		builder.clientOptions(clientOptions(endpoint.isCluster(), tls, sslBundle, optionsCustomizers));
		builder.clientResources(clientResources);
		builder.redisCredentialsProviderFactory(new ImmediateCredentials());
		configurationCustomizers.forEach((customizer) -> customizer.customize(builder));
		return builder.build();
	}

	private static SslVerifyMode verifyMode(VerifyMode verifyMode) {
		if (verifyMode == VerifyMode.NONE && verifyNoneLogged.compareAndSet(false, true)) {
			logger.warn("redis.tls.verify-mode=none: the Redis server certificate is not checked, so the connection "
					+ "is encrypted but open to a man in the middle. Set redis.tls.ca-file (or redis.tls.bundle) and "
					+ "redis.tls.verify-mode=full");
		}
		// the same three modes under the same names
		return SslVerifyMode.valueOf(verifyMode.name());
	}

	ClientOptions clientOptions(boolean cluster, boolean tls, @Nullable SslBundle sslBundle,
			Stream<LettuceClientOptionsBuilderCustomizer> customizers) {
		ClientOptions.Builder builder = cluster ? clusterClientOptions() : ClientOptions.builder();
		RedisKeepaliveProperties keepalive = this.properties.getKeepalive();
		builder.socketOptions(SocketOptionsFactory.create(this.properties.getConnectTimeout(), keepalive.isEnabled(),
				keepalive.getIdle(), keepalive.getInterval(), keepalive.getCount(),
				keepalive.isEnabled() ? keepalive.getTcpUserTimeout() : null));
		// every command is bounded by the command timeout, a blocking one (BLPOP, XREAD BLOCK...)
		// by its block time plus the command timeout
		builder.timeoutOptions(TimeoutOptions.builder()
			.timeoutCommands()
			.timeoutSource(BlockingCommands.timeoutSource(this.properties.getCommandTimeout()))
			.build());
		builder.autoReconnect(this.properties.getReconnect().isEnabled());
		// fail at once while disconnected instead of queueing without bound
		builder.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
		if (tls) {
			builder.sslOptions(sslOptions(sslBundle));
		}
		customizers.forEach((customizer) -> customizer.customize(builder));
		return builder.build();
	}

	private ClientOptions.Builder clusterClientOptions() {
		ClusterTopologyRefreshOptions.Builder refresh = ClusterTopologyRefreshOptions.builder()
			.enableAllAdaptiveRefreshTriggers()
			.dynamicRefreshSources(true);
		Duration period = this.properties.getCluster().getRefreshPeriod();
		if (period != null) {
			refresh.enablePeriodicRefresh(period);
		}
		return ClusterClientOptions.builder().topologyRefreshOptions(refresh.build());
	}

	private SslOptions sslOptions(@Nullable SslBundle sslBundle) {
		SslOptions.Builder builder = SslOptions.builder().handshakeTimeout(this.properties.getConnectTimeout());
		if (sslBundle == null) {
			// read the PEM files at each connect, as Lettuce does for its own PEM resources, so
			// that certificates replaced on disk are used by the next connection
			RedisTlsProperties tls = this.properties.getTls();
			return builder.sslContext((context) -> {
				SslManagerBundle managers = pemBundle(tls).getManagers();
				context.keyManager(managers.getKeyManagerFactory()).trustManager(managers.getTrustManagerFactory());
			}).build();
		}
		// as Spring Boot's LettuceConnectionConfiguration does with spring.data.redis.ssl.bundle
		builder.keyManager(sslBundle.getManagers().getKeyManagerFactory());
		builder.trustManager(sslBundle.getManagers().getTrustManagerFactory());
		org.springframework.boot.ssl.SslOptions options = sslBundle.getOptions();
		if (options.getCiphers() != null) {
			builder.cipherSuites(options.getCiphers());
		}
		if (options.getEnabledProtocols() != null) {
			builder.protocols(options.getEnabledProtocols());
		}
		return builder.build();
	}

	/** The {@code redis.tls.*} PEM files as an SSL bundle; without a CA file, the JVM trust store. */
	private static SslBundle pemBundle(RedisTlsProperties tls) {
		@Nullable PemSslStoreDetails trustStore = StringUtils.hasText(tls.getCaFile())
				? PemSslStoreDetails.forCertificates(tls.getCaFile()) : null;
		@Nullable PemSslStoreDetails keyStore = (StringUtils.hasText(tls.getClientCertFile())
				&& StringUtils.hasText(tls.getClientKeyFile()))
						? PemSslStoreDetails.forCertificates(tls.getClientCertFile())
							.withPrivateKey(tls.getClientKeyFile())
							.withPrivateKeyPassword(tls.getClientKeyPassword())
						: null;
		return SslBundle.of(new PemSslStoreBundle(keyStore, trustStore));
	}

	PoolValidation poolValidation() {
		RedisPoolProperties pool = this.properties.getPool();
		return new PoolValidation(pool.getValidation(), pool.getValidationTimeout());
	}

	/** The pool of dedicated connections, {@code null} when pooling is disabled. */
	@Nullable GenericObjectPoolConfig<StatefulConnection<?, ?>> poolConfig() {
		RedisPoolProperties pool = this.properties.getPool();
		if (!pool.isEnabled()) {
			return null;
		}
		GenericObjectPoolConfig<StatefulConnection<?, ?>> config = new GenericObjectPoolConfig<>();
		config.setMaxTotal(pool.getMaxActive());
		config.setMaxIdle(pool.determineMaxIdle());
		config.setMinIdle(pool.getMinIdle());
		config.setMaxWait(pool.getMaxWait());
		config.setTimeBetweenEvictionRuns(pool.getEvictionInterval());
		// soft eviction: idle connections above min-idle are closed, min-idle ones are kept
		config.setSoftMinEvictableIdleDuration(pool.getMinEvictableIdleTime());
		config.setNumTestsPerEvictionRun(-1);
		config.setTestOnBorrow(true);
		return config;
	}

}
