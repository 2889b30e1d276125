package io.github.resilientredis.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.resilientredis.cache.CacheValueFormat;
import io.github.resilientredis.connection.PoolValidation;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
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

	private final Tls tls = new Tls();

	private final Keepalive keepalive = new Keepalive();

	private final Pool pool = new Pool();

	private final Reconnect reconnect = new Reconnect();

	private final Cluster cluster = new Cluster();

	private final Sentinel sentinel = new Sentinel();

	private final CircuitBreaker circuitBreaker = new CircuitBreaker();

	private final Fallback fallback = new Fallback();

	private final Cache cache = new Cache();

	private final Monitor monitor = new Monitor();

	private final Health health = new Health();

	/**
	 * Whether these are the properties validated here: Boot's binder applies a bound
	 * target that is a {@link Validator} to it, once, where the values are bound.
	 * @param type the bound type
	 * @return whether it is {@code RedisResilienceProperties}
	 */
	@Override
	public boolean supports(Class<?> type) {
		return RedisResilienceProperties.class.isAssignableFrom(type);
	}

	/**
	 * Validate the bound values before any bean uses them, so a mistake fails startup with
	 * Boot's report naming the property, even when the application brings its own
	 * connection factory and only the fallback or monitoring reads them.
	 * @param target these properties
	 * @param errors the errors to add to
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

	public Tls getTls() {
		return this.tls;
	}

	public Keepalive getKeepalive() {
		return this.keepalive;
	}

	public Pool getPool() {
		return this.pool;
	}

	public Reconnect getReconnect() {
		return this.reconnect;
	}

	public Cluster getCluster() {
		return this.cluster;
	}

	public Sentinel getSentinel() {
		return this.sentinel;
	}

	public CircuitBreaker getCircuitBreaker() {
		return this.circuitBreaker;
	}

	public Fallback getFallback() {
		return this.fallback;
	}

	public Cache getCache() {
		return this.cache;
	}

	public Monitor getMonitor() {
		return this.monitor;
	}

	public Health getHealth() {
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

	/**
	 * TLS settings.
	 */
	public static class Tls {

		/**
		 * Whether to use TLS. Unset means: on for a rediss:// URL, off otherwise; true
		 * forces TLS for a redis:// URL.
		 */
		private @Nullable Boolean enabled;

		/**
		 * How the server certificate is verified.
		 */
		private VerifyMode verifyMode = VerifyMode.FULL;

		/**
		 * PEM file of the CA certificate(s) that signed the server certificate. The JVM
		 * trust store is used when unset.
		 */
		private @Nullable String caFile;

		/**
		 * PEM file of the client certificate chain, for mutual TLS.
		 */
		private @Nullable String clientCertFile;

		/**
		 * PEM file of the client private key (PKCS#8), for mutual TLS.
		 */
		private @Nullable String clientKeyFile;

		/**
		 * Password of the client private key, when client-key-file holds an encrypted
		 * PKCS#8 key.
		 */
		private @Nullable String clientKeyPassword;

		/**
		 * Name of a Spring SSL bundle (spring.ssl.bundle.*) providing trust and key
		 * material. Takes precedence over the PEM files.
		 */
		private @Nullable String bundle;

		public @Nullable Boolean getEnabled() {
			return this.enabled;
		}

		public void setEnabled(@Nullable Boolean enabled) {
			this.enabled = enabled;
		}

		public VerifyMode getVerifyMode() {
			return this.verifyMode;
		}

		public void setVerifyMode(VerifyMode verifyMode) {
			this.verifyMode = verifyMode;
		}

		public @Nullable String getCaFile() {
			return this.caFile;
		}

		public void setCaFile(@Nullable String caFile) {
			this.caFile = caFile;
		}

		public @Nullable String getClientCertFile() {
			return this.clientCertFile;
		}

		public void setClientCertFile(@Nullable String clientCertFile) {
			this.clientCertFile = clientCertFile;
		}

		public @Nullable String getClientKeyFile() {
			return this.clientKeyFile;
		}

		public void setClientKeyFile(@Nullable String clientKeyFile) {
			this.clientKeyFile = clientKeyFile;
		}

		public @Nullable String getClientKeyPassword() {
			return this.clientKeyPassword;
		}

		public void setClientKeyPassword(@Nullable String clientKeyPassword) {
			this.clientKeyPassword = clientKeyPassword;
		}

		public @Nullable String getBundle() {
			return this.bundle;
		}

		public void setBundle(@Nullable String bundle) {
			this.bundle = bundle;
		}

	}

	/**
	 * TCP keepalive settings, so a connection whose peer vanished is noticed.
	 */
	public static class Keepalive {

		/**
		 * Whether to enable TCP keepalive.
		 */
		private boolean enabled = true;

		/**
		 * Idle time before the first keepalive probe (native transport only).
		 */
		private Duration idle = Duration.ofSeconds(15);

		/**
		 * Time between keepalive probes (native transport only).
		 */
		private Duration interval = Duration.ofSeconds(5);

		/**
		 * Number of unanswered probes before the connection is dropped (native transport
		 * only).
		 */
		private int count = 3;

		/**
		 * TCP_USER_TIMEOUT: how long sent data may stay unacknowledged before the
		 * connection is dropped (epoll or io_uring transport only). Unset to disable.
		 */
		private @Nullable Duration tcpUserTimeout = Duration.ofSeconds(10);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Duration getIdle() {
			return this.idle;
		}

		public void setIdle(Duration idle) {
			this.idle = idle;
		}

		public Duration getInterval() {
			return this.interval;
		}

		public void setInterval(Duration interval) {
			this.interval = interval;
		}

		public int getCount() {
			return this.count;
		}

		public void setCount(int count) {
			this.count = count;
		}

		public @Nullable Duration getTcpUserTimeout() {
			return this.tcpUserTimeout;
		}

		public void setTcpUserTimeout(@Nullable Duration tcpUserTimeout) {
			this.tcpUserTimeout = tcpUserTimeout;
		}

	}

	/**
	 * Connection pool (commons-pool2) for dedicated connections.
	 */
	public static class Pool {

		/**
		 * Whether to pool dedicated connections.
		 */
		private boolean enabled = true;

		/**
		 * Maximum number of dedicated connections the application holds at once.
		 */
		private int maxActive = 8;

		/**
		 * Maximum number of idle connections kept in the pool. Defaults to max-active.
		 */
		private @Nullable Integer maxIdle;

		/**
		 * Minimum number of idle connections kept in the pool.
		 */
		private int minIdle = 0;

		/**
		 * Maximum time to wait for a connection when the pool is exhausted.
		 */
		private Duration maxWait = Duration.ofSeconds(1);

		/**
		 * Time between runs of the idle connection evictor, which also PINGs idle
		 * connections (validation=while-idle).
		 */
		private Duration evictionInterval = Duration.ofSeconds(30);

		/**
		 * Minimum time a connection stays idle before the evictor may close it.
		 */
		private Duration minEvictableIdleTime = Duration.ofSeconds(60);

		/**
		 * Time a dedicated connection may be held before it is reported as a possible
		 * leak, with the borrower's stack trace. Unset to disable.
		 */
		private @Nullable Duration leakDetectionThreshold;

		/**
		 * When pooled connections are PINGed, so connections a firewall or load balancer
		 * dropped silently are replaced: while-idle (on every eviction run), on-borrow or
		 * none.
		 */
		private PoolValidation.Mode validation = PoolValidation.Mode.WHILE_IDLE;

		/**
		 * Deadline of the validation PING; a connection that does not answer in time is
		 * closed and replaced.
		 */
		private Duration validationTimeout = Duration.ofMillis(250);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public int getMaxActive() {
			return this.maxActive;
		}

		public void setMaxActive(int maxActive) {
			this.maxActive = maxActive;
		}

		public @Nullable Integer getMaxIdle() {
			return this.maxIdle;
		}

		public void setMaxIdle(@Nullable Integer maxIdle) {
			this.maxIdle = maxIdle;
		}

		/**
		 * The maximum number of idle connections in effect: max-idle, or max-active when
		 * max-idle is not set.
		 * @return the effective max-idle
		 */
		public int determineMaxIdle() {
			return (this.maxIdle != null) ? this.maxIdle : this.maxActive;
		}

		public int getMinIdle() {
			return this.minIdle;
		}

		public void setMinIdle(int minIdle) {
			this.minIdle = minIdle;
		}

		public Duration getMaxWait() {
			return this.maxWait;
		}

		public void setMaxWait(Duration maxWait) {
			this.maxWait = maxWait;
		}

		public Duration getEvictionInterval() {
			return this.evictionInterval;
		}

		public void setEvictionInterval(Duration evictionInterval) {
			this.evictionInterval = evictionInterval;
		}

		public Duration getMinEvictableIdleTime() {
			return this.minEvictableIdleTime;
		}

		public void setMinEvictableIdleTime(Duration minEvictableIdleTime) {
			this.minEvictableIdleTime = minEvictableIdleTime;
		}

		public @Nullable Duration getLeakDetectionThreshold() {
			return this.leakDetectionThreshold;
		}

		public void setLeakDetectionThreshold(@Nullable Duration leakDetectionThreshold) {
			this.leakDetectionThreshold = leakDetectionThreshold;
		}

		public PoolValidation.Mode getValidation() {
			return this.validation;
		}

		public void setValidation(PoolValidation.Mode validation) {
			this.validation = validation;
		}

		public Duration getValidationTimeout() {
			return this.validationTimeout;
		}

		public void setValidationTimeout(Duration validationTimeout) {
			this.validationTimeout = validationTimeout;
		}

	}

	/**
	 * Reconnection after a connection is lost.
	 */
	public static class Reconnect {

		/**
		 * Whether to reconnect automatically.
		 */
		private boolean enabled = true;

		/**
		 * First reconnect delay; later delays grow exponentially with jitter.
		 */
		private Duration minDelay = Duration.ofMillis(100);

		/**
		 * Upper bound of the reconnect delay.
		 */
		private Duration maxDelay = Duration.ofSeconds(3);

		/**
		 * Number of failed reconnect attempts after which the client is reported stuck.
		 */
		private int stuckAttempts = 20;

		/**
		 * Time disconnected after which the client is reported stuck.
		 */
		private Duration stuckAfter = Duration.ofSeconds(60);

		/**
		 * Whether to close and re-create connections automatically when the client is
		 * stuck.
		 */
		private boolean autoReset = false;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Duration getMinDelay() {
			return this.minDelay;
		}

		public void setMinDelay(Duration minDelay) {
			this.minDelay = minDelay;
		}

		public Duration getMaxDelay() {
			return this.maxDelay;
		}

		public void setMaxDelay(Duration maxDelay) {
			this.maxDelay = maxDelay;
		}

		public int getStuckAttempts() {
			return this.stuckAttempts;
		}

		public void setStuckAttempts(int stuckAttempts) {
			this.stuckAttempts = stuckAttempts;
		}

		public Duration getStuckAfter() {
			return this.stuckAfter;
		}

		public void setStuckAfter(Duration stuckAfter) {
			this.stuckAfter = stuckAfter;
		}

		public boolean isAutoReset() {
			return this.autoReset;
		}

		public void setAutoReset(boolean autoReset) {
			this.autoReset = autoReset;
		}

	}

	/**
	 * Redis Cluster. Used instead of url/host when nodes are set.
	 */
	public static class Cluster {

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

	/**
	 * Redis Sentinel. Used instead of url/host when master is set.
	 */
	public static class Sentinel {

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

	/**
	 * Circuit breaker around every Redis command.
	 */
	public static class CircuitBreaker {

		/**
		 * Whether every Redis command goes through the circuit breaker.
		 */
		private boolean enabled = true;

		/**
		 * Name of the breaker in the CircuitBreakerRegistry.
		 */
		private String name = "redis";

		/**
		 * Failure rate, in percent, at or above which the breaker opens.
		 */
		private float failureRateThreshold = 50;

		/**
		 * Rate of slow calls, in percent, at or above which the breaker opens.
		 */
		private float slowCallRateThreshold = 80;

		/**
		 * Duration above which a call counts as slow.
		 */
		private Duration slowCallDuration = Duration.ofSeconds(1);

		/**
		 * Number of most recent calls the failure rate is computed over.
		 */
		private int slidingWindowSize = 20;

		/**
		 * Minimum number of calls in the window before the failure rate is computed.
		 */
		private int minimumNumberOfCalls = 5;

		/**
		 * Time the breaker stays open before a recovery probe is allowed.
		 */
		private Duration waitInOpenState = Duration.ofMillis(500);

		/**
		 * Random spread applied to the wait in open state (0 to 1), so a fleet of
		 * instances does not probe in lockstep.
		 */
		private double waitJitter = 0.5;

		/**
		 * Number of calls permitted while half-open.
		 */
		private int permittedCallsInHalfOpenState = 3;

		/**
		 * Whether to open the breaker when Redis answers nothing for hang-threshold,
		 * before the command timeout expires.
		 */
		private boolean hangDetection = true;

		/**
		 * Time Redis may leave a command unanswered, while answering nothing else either,
		 * before the breaker opens; below the command timeout.
		 */
		private Duration hangThreshold = Duration.ofSeconds(1);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public String getName() {
			return this.name;
		}

		public void setName(String name) {
			this.name = name;
		}

		public float getFailureRateThreshold() {
			return this.failureRateThreshold;
		}

		public void setFailureRateThreshold(float failureRateThreshold) {
			this.failureRateThreshold = failureRateThreshold;
		}

		public float getSlowCallRateThreshold() {
			return this.slowCallRateThreshold;
		}

		public void setSlowCallRateThreshold(float slowCallRateThreshold) {
			this.slowCallRateThreshold = slowCallRateThreshold;
		}

		public Duration getSlowCallDuration() {
			return this.slowCallDuration;
		}

		public void setSlowCallDuration(Duration slowCallDuration) {
			this.slowCallDuration = slowCallDuration;
		}

		public int getSlidingWindowSize() {
			return this.slidingWindowSize;
		}

		public void setSlidingWindowSize(int slidingWindowSize) {
			this.slidingWindowSize = slidingWindowSize;
		}

		public int getMinimumNumberOfCalls() {
			return this.minimumNumberOfCalls;
		}

		public void setMinimumNumberOfCalls(int minimumNumberOfCalls) {
			this.minimumNumberOfCalls = minimumNumberOfCalls;
		}

		public Duration getWaitInOpenState() {
			return this.waitInOpenState;
		}

		public void setWaitInOpenState(Duration waitInOpenState) {
			this.waitInOpenState = waitInOpenState;
		}

		public double getWaitJitter() {
			return this.waitJitter;
		}

		public void setWaitJitter(double waitJitter) {
			this.waitJitter = waitJitter;
		}

		public int getPermittedCallsInHalfOpenState() {
			return this.permittedCallsInHalfOpenState;
		}

		public void setPermittedCallsInHalfOpenState(int permittedCallsInHalfOpenState) {
			this.permittedCallsInHalfOpenState = permittedCallsInHalfOpenState;
		}

		public boolean isHangDetection() {
			return this.hangDetection;
		}

		public void setHangDetection(boolean hangDetection) {
			this.hangDetection = hangDetection;
		}

		public Duration getHangThreshold() {
			return this.hangThreshold;
		}

		public void setHangThreshold(Duration hangThreshold) {
			this.hangThreshold = hangThreshold;
		}

	}

	/**
	 * Local Caffeine store that answers cache data (Spring's cache abstraction) while
	 * Redis is unavailable.
	 */
	public static class Fallback {

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

	/**
	 * Redis-backed Spring Cache provided by the starter.
	 */
	public static class Cache {

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

	/**
	 * Server-side monitoring: client counts against maxclients, stuck retries, event
	 * history.
	 */
	public static class Monitor {

		/**
		 * Whether to sample INFO clients periodically.
		 */
		private boolean enabled = true;

		/**
		 * Sampling interval of INFO clients.
		 */
		private Duration interval = Duration.ofSeconds(30);

		/**
		 * Utilization of maxclients, in percent, from which a warning is raised.
		 */
		private int warningThreshold = 80;

		/**
		 * Utilization of maxclients, in percent, from which a critical alert is raised.
		 */
		private int criticalThreshold = 90;

		/**
		 * Ratio of other clients' connections to this application's from which they are
		 * flagged as dominant.
		 */
		private double foreignClientsRatio = 4.0;

		/**
		 * Number of connection events kept for /actuator/redis/events.
		 */
		private int eventHistorySize = 100;

		/**
		 * Whether to show other applications' connections (addresses, ages, last commands)
		 * in /actuator/redis.
		 */
		private boolean showOtherClients;

		/**
		 * Duration from which a slow-log entry is logged as a WARN and counted in
		 * redis.slow.commands.
		 */
		private Duration slowCommandThreshold = Duration.ofMillis(100);

		/**
		 * Number of the newest SLOWLOG entries read from each node per sample.
		 */
		private int slowLogEntries = 10;

		/**
		 * Maximum number of cluster or sentinel nodes monitored, each with its own
		 * connection.
		 */
		private int maxNodes = 16;

		public Duration getSlowCommandThreshold() {
			return this.slowCommandThreshold;
		}

		public void setSlowCommandThreshold(Duration slowCommandThreshold) {
			this.slowCommandThreshold = slowCommandThreshold;
		}

		public int getSlowLogEntries() {
			return this.slowLogEntries;
		}

		public void setSlowLogEntries(int slowLogEntries) {
			this.slowLogEntries = slowLogEntries;
		}

		public int getMaxNodes() {
			return this.maxNodes;
		}

		public void setMaxNodes(int maxNodes) {
			this.maxNodes = maxNodes;
		}

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Duration getInterval() {
			return this.interval;
		}

		public void setInterval(Duration interval) {
			this.interval = interval;
		}

		public int getWarningThreshold() {
			return this.warningThreshold;
		}

		public void setWarningThreshold(int warningThreshold) {
			this.warningThreshold = warningThreshold;
		}

		public int getCriticalThreshold() {
			return this.criticalThreshold;
		}

		public void setCriticalThreshold(int criticalThreshold) {
			this.criticalThreshold = criticalThreshold;
		}

		public double getForeignClientsRatio() {
			return this.foreignClientsRatio;
		}

		public void setForeignClientsRatio(double foreignClientsRatio) {
			this.foreignClientsRatio = foreignClientsRatio;
		}

		public int getEventHistorySize() {
			return this.eventHistorySize;
		}

		public void setEventHistorySize(int eventHistorySize) {
			this.eventHistorySize = eventHistorySize;
		}

		public boolean isShowOtherClients() {
			return this.showOtherClients;
		}

		public void setShowOtherClients(boolean showOtherClients) {
			this.showOtherClients = showOtherClients;
		}

	}

	/**
	 * The redis health indicator.
	 */
	public static class Health {

		/**
		 * Hard deadline of the health PING.
		 */
		private Duration timeout = Duration.ofMillis(500);

		/**
		 * How long a health result is reused.
		 */
		private Duration cacheTtl = Duration.ofSeconds(1);

		/**
		 * Status reported while the fallback serves: DEGRADED (HTTP 200) or DOWN (HTTP
		 * 503).
		 */
		private String fallbackStatus = "DEGRADED";

		/**
		 * Status reported while Redis refuses the configuration (wrong password, TLS,
		 * permissions, database): MISCONFIGURED (HTTP 503), DOWN (HTTP 503) or DEGRADED
		 * (HTTP 200).
		 */
		private String misconfiguredStatus = "MISCONFIGURED";

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

		public Duration getCacheTtl() {
			return this.cacheTtl;
		}

		public void setCacheTtl(Duration cacheTtl) {
			this.cacheTtl = cacheTtl;
		}

		public String getFallbackStatus() {
			return this.fallbackStatus;
		}

		public void setFallbackStatus(String fallbackStatus) {
			this.fallbackStatus = fallbackStatus;
		}

		public String getMisconfiguredStatus() {
			return this.misconfiguredStatus;
		}

		public void setMisconfiguredStatus(String misconfiguredStatus) {
			this.misconfiguredStatus = misconfiguredStatus;
		}

	}

}
