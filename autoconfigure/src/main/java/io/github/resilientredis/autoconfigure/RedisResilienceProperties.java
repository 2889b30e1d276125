package io.github.resilientredis.autoconfigure;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Configuration properties of the resilient Redis starter, bound from {@code redis.*} (so
 * {@code REDIS_URL}, {@code REDIS_TLS}, {@code REDIS_PASSWORD} work as environment
 * variables).
 * <p>
 * An unknown {@code redis.*} key fails startup (a typo such as
 * {@code redis.pool.max-actve} would otherwise be ignored without a word), except in
 * environment variables and system properties, which Spring Boot leaves out of that check:
 * Docker links and Kubernetes service links put {@code REDIS_SERVICE_HOST},
 * {@code REDIS_PORT_6379_TCP} and the like into every container.
 * <p>
 * Each group ({@code redis.pool.*}, {@code redis.tls.*}, ...) is its own class in this
 * package, held in a final {@link NestedConfigurationProperty} field, so the tree stays
 * one JavaBean for the binder and the configuration metadata.
 */
@ConfigurationProperties(prefix = "redis", ignoreUnknownFields = false)
public class RedisResilienceProperties implements Validator {

	/**
	 * Connection URL: redis://[user:password@]host:port[/database], or rediss://... for
	 * TLS. Overrides host, port and database, and username and password when it has them.
	 */
	private @Nullable String url;

	/**
	 * Redis server host. When neither url nor host is set, a DataRedisConnectionDetails
	 * bean (Testcontainers, Docker Compose, spring.data.redis.*) is used.
	 */
	private @Nullable String host;

	/**
	 * Redis server port.
	 */
	private int port = 6379;

	/**
	 * Login username (Redis 6 ACL user).
	 */
	private @Nullable String username;

	/**
	 * Login password.
	 */
	private @Nullable String password;

	/**
	 * Database index used by the connection factory.
	 */
	private int database = 0;

	/**
	 * Client name set with CLIENT SETNAME on every connection. Defaults to
	 * spring.application.name.
	 */
	private @Nullable String clientName;

	/**
	 * Timeout to establish a connection, including the TLS handshake.
	 */
	private Duration connectTimeout = Duration.ofSeconds(2);

	/**
	 * Timeout for a command to complete.
	 */
	private Duration commandTimeout = Duration.ofSeconds(2);

	/**
	 * Time to wait for in-flight commands when the application shuts down.
	 */
	private Duration shutdownTimeout = Duration.ofMillis(100);

	/**
	 * Whether non-blocking commands share one native connection; blocking commands and
	 * transactions always use a dedicated connection from the pool.
	 */
	private boolean shareNativeConnection = true;

	@NestedConfigurationProperty
	private final RedisTlsProperties tls = new RedisTlsProperties();

	@NestedConfigurationProperty
	private final RedisKeepaliveProperties keepalive = new RedisKeepaliveProperties();

	@NestedConfigurationProperty
	private final RedisPoolProperties pool = new RedisPoolProperties();

	@NestedConfigurationProperty
	private final RedisReconnectProperties reconnect = new RedisReconnectProperties();

	@NestedConfigurationProperty
	private final RedisClusterProperties cluster = new RedisClusterProperties();

	@NestedConfigurationProperty
	private final RedisSentinelProperties sentinel = new RedisSentinelProperties();

	@NestedConfigurationProperty
	private final RedisCircuitBreakerProperties circuitBreaker = new RedisCircuitBreakerProperties();

	@NestedConfigurationProperty
	private final RedisFallbackProperties fallback = new RedisFallbackProperties();

	@NestedConfigurationProperty
	private final RedisCacheProperties cache = new RedisCacheProperties();

	@NestedConfigurationProperty
	private final RedisMonitorProperties monitor = new RedisMonitorProperties();

	@NestedConfigurationProperty
	private final RedisHealthProperties health = new RedisHealthProperties();

	// Boot's binder applies a bound target that is a Validator to it, once, where bound
	@Override
	public boolean supports(Class<?> type) {
		return RedisResilienceProperties.class.isAssignableFrom(type);
	}

	/**
	 * Validate the bound values before any bean uses them, so a mistake fails startup with
	 * Boot's report naming the property, even with the application's own connection factory.
	 */
	@Override
	public void validate(Object target, Errors errors) {
		new RedisPropertiesValidator().validate(target, errors);
	}

	public @Nullable String getUrl() {
		return this.url;
	}

	public void setUrl(@Nullable String url) {
		this.url = url;
	}

	public @Nullable String getHost() {
		return this.host;
	}

	public void setHost(@Nullable String host) {
		this.host = host;
	}

	public int getPort() {
		return this.port;
	}

	public void setPort(int port) {
		this.port = port;
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

	public int getDatabase() {
		return this.database;
	}

	public void setDatabase(int database) {
		this.database = database;
	}

	public @Nullable String getClientName() {
		return this.clientName;
	}

	public void setClientName(@Nullable String clientName) {
		this.clientName = clientName;
	}

	public Duration getConnectTimeout() {
		return this.connectTimeout;
	}

	public void setConnectTimeout(Duration connectTimeout) {
		this.connectTimeout = connectTimeout;
	}

	public Duration getCommandTimeout() {
		return this.commandTimeout;
	}

	public void setCommandTimeout(Duration commandTimeout) {
		this.commandTimeout = commandTimeout;
	}

	public Duration getShutdownTimeout() {
		return this.shutdownTimeout;
	}

	public void setShutdownTimeout(Duration shutdownTimeout) {
		this.shutdownTimeout = shutdownTimeout;
	}

	public boolean isShareNativeConnection() {
		return this.shareNativeConnection;
	}

	public void setShareNativeConnection(boolean shareNativeConnection) {
		this.shareNativeConnection = shareNativeConnection;
	}

	public RedisTlsProperties getTls() {
		return this.tls;
	}

	public RedisKeepaliveProperties getKeepalive() {
		return this.keepalive;
	}

	public RedisPoolProperties getPool() {
		return this.pool;
	}

	public RedisReconnectProperties getReconnect() {
		return this.reconnect;
	}

	public RedisClusterProperties getCluster() {
		return this.cluster;
	}

	public RedisSentinelProperties getSentinel() {
		return this.sentinel;
	}

	public RedisCircuitBreakerProperties getCircuitBreaker() {
		return this.circuitBreaker;
	}

	public RedisFallbackProperties getFallback() {
		return this.fallback;
	}

	public RedisCacheProperties getCache() {
		return this.cache;
	}

	public RedisMonitorProperties getMonitor() {
		return this.monitor;
	}

	public RedisHealthProperties getHealth() {
		return this.health;
	}

	/**
	 * How the server certificate is checked.
	 */
	public enum VerifyMode {

		/**
		 * Check the certificate chain and that the host name matches the certificate.
		 */
		FULL,

		/**
		 * Check the certificate chain only (no host name check).
		 */
		CA,

		/**
		 * Check nothing. Traffic is encrypted but open to a man in the middle.
		 */
		NONE

	}

}
