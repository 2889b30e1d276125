package io.github.resilientredis.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.BindingResult;
import org.springframework.validation.FieldError;

import io.github.resilientredis.cache.CacheValueFormat;
import io.github.resilientredis.connection.InvalidRedisConfigurationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Tests for {@link RedisPropertiesValidator}: one test per bad input, each checking the
 * property named and the action's example. TLS files are covered by
 * {@link RedisPropertiesValidatorTlsTests}.
 */
@ExtendWith(OutputCaptureExtension.class)
class RedisPropertiesValidatorTests {

	@Test
	void validateWhenDefaultsShouldPass(CapturedOutput output) {
		assertThatNoException().isThrownBy(() -> validate(new RedisResilienceProperties()));
		assertThat(output.getOut()).doesNotContain("WARN");
	}

	@Test
	void validateWhenEverythingDisabledWithOddValuesShouldSkipThoseGroups() {
		RedisResilienceProperties properties = new RedisResilienceProperties();
		properties.getPool().setEnabled(false);
		properties.getPool().setMaxActive(-1);
		properties.getKeepalive().setEnabled(false);
		properties.getKeepalive().setIdle(Duration.ZERO);
		properties.getReconnect().setEnabled(false);
		properties.getReconnect().setMinDelay(Duration.ZERO);
		properties.getCircuitBreaker().setEnabled(false);
		properties.getCircuitBreaker().setFailureRateThreshold(0);
		properties.getFallback().setEnabled(false);
		properties.getFallback().setMaximumEntries(0);
		properties.getMonitor().setEnabled(false);
		properties.getMonitor().setWarningThreshold(95);
		properties.getCache().setEnabled(false);
		properties.getCache().setTimeToLive(Duration.ZERO);
		assertThatNoException().isThrownBy(() -> validate(properties));
	}

	@Test
	void validateWhenValidUrlShouldPass() {
		assertThatNoException()
			.isThrownBy(() -> validate(with((p) -> p.setUrl("rediss://app:s3cret@redis.example.com:6380/1"))));
	}

	@Test
	void validateWhenMalformedUrlShouldFailOnUrl() {
		assertInvalid((p) -> p.setUrl("http://app:s3cret@redis.example.com"), "redis.url", "rediss://");
	}

	@Test
	void validateWhenUrlAndHostShouldWarnThatHostIsIgnored(CapturedOutput output) {
		validate(with((p) -> {
			p.setUrl("redis://redis.example.com");
			p.setHost("other.example.com");
		}));
		assertThat(output.getOut()).contains("redis.host is ignored because redis.url is set");
	}

	@Test
	void validateWhenHostIsUrlShouldFail() {
		InvalidRedisConfigurationException ex = assertInvalid((p) -> p.setHost("redis://:s3cret@redis.example.com"),
				"redis.host", "redis.url=redis://redis.example.com:6379");
		assertThat(ex.getMessage()).doesNotContain("s3cret");
	}

	@Test
	void validateWhenHostHasPortShouldFail() {
		assertInvalid((p) -> p.setHost("redis.example.com:6379"), "redis.host", "redis.port=6379");
	}

	@Test
	void validateWhenHostHasCredentialsShouldFailWithoutShowingThePassword() {
		InvalidRedisConfigurationException ex = assertInvalid((p) -> p.setHost("app:s3cret@redis.example.com"),
				"redis.host", "redis.password");
		assertThat(ex.getMessage()).contains("'****@redis.example.com'").doesNotContain("s3cret");
	}

	@Test
	void validateWhenHostIsUserAndPasswordWithoutAtShouldFailWithoutShowingThePassword() {
		InvalidRedisConfigurationException ex = assertInvalid((p) -> p.setHost("default:s3cret"), "redis.host",
				"redis.password");
		assertThat(ex.getMessage()).contains("'****:****'").doesNotContain("s3cret").doesNotContain("includes a port");
	}

	@Test
	void validateWhenNodeHasCredentialsShouldFailWithoutShowingThePassword() {
		InvalidRedisConfigurationException ex = assertInvalid(
				(p) -> p.getSentinel().setNodes(List.of("default:s3cret:sentinel-1:26379")), "redis.sentinel.nodes",
				"redis.sentinel.nodes=sentinel-1:26379");
		assertThat(ex.getMessage()).doesNotContain("s3cret");
	}

	@Test
	void validateWhenHostHasInvalidCharactersShouldFail() {
		assertInvalid((p) -> p.setHost("redis example"), "redis.host", "redis.host=redis.example.com");
	}

	@Test
	void validateWhenIpv6HostShouldPass() {
		assertThatNoException().isThrownBy(() -> validate(with((p) -> p.setHost("::1"))));
	}

	@Test
	void validateWhenPortZeroShouldFail() {
		assertInvalid((p) -> p.setPort(0), "redis.port", "redis.port=6379");
	}

	@Test
	void validateWhenPortAbove65535ShouldFail() {
		assertInvalid((p) -> p.setPort(70000), "redis.port", "redis.port=6379");
	}

	@Test
	void validateWhenPortOutOfRangeButUrlSetShouldIgnorePort() {
		assertThatNoException().isThrownBy(() -> validate(with((p) -> {
			p.setUrl("redis://localhost:6379");
			p.setPort(0);
		})));
	}

	@Test
	void validateWhenNegativeDatabaseShouldFail() {
		assertInvalid((p) -> p.setDatabase(-1), "redis.database", "redis.database=0");
	}

	@Test
	void validateWhenClientNameHasSpaceShouldFail() {
		assertInvalid((p) -> p.setClientName("order service"), "redis.client-name",
				"redis.client-name=order-service");
	}

	@Test
	void validateWhenZeroConnectTimeoutShouldFail() {
		assertInvalid((p) -> p.setConnectTimeout(Duration.ZERO), "redis.connect-timeout", "redis.connect-timeout=2s");
	}

	@Test
	void validateWhenNegativeConnectTimeoutShouldFail() {
		InvalidRedisConfigurationException ex = assertInvalid((p) -> p.setConnectTimeout(Duration.ofMillis(-500)),
				"redis.connect-timeout", "redis.connect-timeout=2s");
		assertThat(ex.getProblem()).contains("-500ms");
	}

	@Test
	void validateWhenNullCommandTimeoutShouldFail() {
		assertInvalid((p) -> p.setCommandTimeout(null), "redis.command-timeout", "redis.command-timeout=2s");
	}

	@Test
	void validateWhenZeroCommandTimeoutShouldFail() {
		assertInvalid((p) -> p.setCommandTimeout(Duration.ZERO), "redis.command-timeout", "redis.command-timeout=2s");
	}

	@Test
	void validateWhenNegativeShutdownTimeoutShouldFail() {
		assertInvalid((p) -> p.setShutdownTimeout(Duration.ofSeconds(-1)), "redis.shutdown-timeout",
				"redis.shutdown-timeout=100ms");
	}

	@Test
	void validateWhenKeepaliveIdleBelowOneSecondShouldFail() {
		InvalidRedisConfigurationException ex = assertInvalid(
				(p) -> p.getKeepalive().setIdle(Duration.ofMillis(500)), "redis.keepalive.idle",
				"redis.keepalive.idle=15s");
		assertThat(ex.getProblem()).contains("whole seconds");
	}

	@Test
	void validateWhenKeepaliveIntervalZeroShouldFail() {
		assertInvalid((p) -> p.getKeepalive().setInterval(Duration.ZERO), "redis.keepalive.interval",
				"redis.keepalive.interval=5s");
	}

	@Test
	void validateWhenKeepaliveCountZeroShouldFail() {
		assertInvalid((p) -> p.getKeepalive().setCount(0), "redis.keepalive.count", "redis.keepalive.count=3");
	}

	@Test
	void validateWhenTcpUserTimeoutZeroShouldFail() {
		assertInvalid((p) -> p.getKeepalive().setTcpUserTimeout(Duration.ZERO), "redis.keepalive.tcp-user-timeout",
				"redis.keepalive.tcp-user-timeout=10s");
	}

	@Test
	void validateWhenTcpUserTimeoutUnsetShouldPass() {
		assertThatNoException()
			.isThrownBy(() -> validate(with((p) -> p.getKeepalive().setTcpUserTimeout(null))));
	}

	@Test
	void validateWhenPoolMaxActiveZeroShouldFail() {
		assertInvalid((p) -> p.getPool().setMaxActive(0), "redis.pool.max-active", "redis.pool.max-active=8");
	}

	@Test
	void validateWhenPoolMaxActiveUnboundedShouldFailAndSayWhy() {
		InvalidRedisConfigurationException ex = assertInvalid((p) -> p.getPool().setMaxActive(-1),
				"redis.pool.max-active", "redis.pool.enabled=false");
		assertThat(ex.getProblem()).contains("maxclients");
	}

	@Test
	void validateWhenMaxIdleAboveMaxActiveShouldFail() {
		assertInvalid((p) -> {
			p.getPool().setMaxActive(4);
			p.getPool().setMaxIdle(8);
		}, "redis.pool.max-idle", "redis.pool.max-idle=4");
	}

	@Test
	void validateWhenOnlyMaxActiveIsLoweredShouldPassBecauseMaxIdleFollowsIt() {
		RedisResilienceProperties properties = new RedisResilienceProperties();
		properties.getPool().setMaxActive(4);
		validate(properties);
		assertThat(properties.getPool().determineMaxIdle()).isEqualTo(4);
	}

	@Test
	void validateWhenNegativeMaxIdleShouldFail() {
		assertInvalid((p) -> p.getPool().setMaxIdle(-1), "redis.pool.max-idle", "redis.pool.max-idle=8");
	}

	@Test
	void validateWhenMinIdleAboveMaxIdleShouldFail() {
		assertInvalid((p) -> {
			p.getPool().setMaxIdle(2);
			p.getPool().setMinIdle(3);
		}, "redis.pool.min-idle", "redis.pool.min-idle=0");
	}

	@Test
	void validateWhenNegativeMinIdleShouldFail() {
		assertInvalid((p) -> p.getPool().setMinIdle(-1), "redis.pool.min-idle", "redis.pool.min-idle=0");
	}

	@Test
	void validateWhenPoolMaxWaitUnboundedShouldFailAndSayWhy() {
		InvalidRedisConfigurationException ex = assertInvalid((p) -> p.getPool().setMaxWait(Duration.ofMillis(-1)),
				"redis.pool.max-wait", "redis.pool.max-wait=1s");
		assertThat(ex.getProblem()).contains("blocks request threads");
	}

	@Test
	void validateWhenPoolMaxWaitZeroShouldFail() {
		assertInvalid((p) -> p.getPool().setMaxWait(Duration.ZERO), "redis.pool.max-wait", "redis.pool.max-wait=1s");
	}

	@Test
	void validateWhenEvictionIntervalZeroShouldFail() {
		assertInvalid((p) -> p.getPool().setEvictionInterval(Duration.ZERO), "redis.pool.eviction-interval",
				"redis.pool.eviction-interval=30s");
	}

	@Test
	void validateWhenMinEvictableIdleTimeNegativeShouldFail() {
		assertInvalid((p) -> p.getPool().setMinEvictableIdleTime(Duration.ofSeconds(-1)),
				"redis.pool.min-evictable-idle-time", "redis.pool.min-evictable-idle-time=60s");
	}

	@Test
	void validateWhenLeakDetectionThresholdZeroShouldFail() {
		assertInvalid((p) -> p.getPool().setLeakDetectionThreshold(Duration.ZERO),
				"redis.pool.leak-detection-threshold", "redis.pool.leak-detection-threshold=30s");
	}

	@Test
	void validateWhenPoolValidationTimeoutZeroShouldFail() {
		assertInvalid((p) -> p.getPool().setValidationTimeout(Duration.ZERO), "redis.pool.validation-timeout",
				"redis.pool.validation-timeout=250ms");
	}

	@Test
	void validateWhenReconnectMinDelayZeroShouldFail() {
		assertInvalid((p) -> p.getReconnect().setMinDelay(Duration.ZERO), "redis.reconnect.min-delay",
				"redis.reconnect.min-delay=100ms");
	}

	@Test
	void validateWhenReconnectMaxDelayNegativeShouldFail() {
		assertInvalid((p) -> p.getReconnect().setMaxDelay(Duration.ofSeconds(-3)), "redis.reconnect.max-delay",
				"redis.reconnect.max-delay=3s");
	}

	@Test
	void validateWhenReconnectMinDelayAboveMaxDelayShouldFail() {
		InvalidRedisConfigurationException ex = assertInvalid((p) -> {
			p.getReconnect().setMinDelay(Duration.ofSeconds(5));
			p.getReconnect().setMaxDelay(Duration.ofSeconds(3));
		}, "redis.reconnect.min-delay", "redis.reconnect.max-delay=3s");
		assertThat(ex.getProblem()).contains("5s").contains("3s");
	}

	@Test
	void validateWhenStuckAttemptsZeroShouldFail() {
		assertInvalid((p) -> p.getReconnect().setStuckAttempts(0), "redis.reconnect.stuck-attempts",
				"redis.reconnect.stuck-attempts=20");
	}

	@Test
	void validateWhenStuckAfterZeroShouldFail() {
		assertInvalid((p) -> p.getReconnect().setStuckAfter(Duration.ZERO), "redis.reconnect.stuck-after",
				"redis.reconnect.stuck-after=60s");
	}

	@Test
	void validateWhenClusterNodesAndUrlShouldFail() {
		assertInvalid((p) -> {
			p.setUrl("redis://localhost:6379");
			p.getCluster().setNodes(List.of("node-1:7000"));
		}, "redis.cluster.nodes", "Remove redis.url");
	}

	@Test
	void validateWhenClusterAndSentinelShouldFail() {
		assertInvalid((p) -> {
			p.getCluster().setNodes(List.of("node-1:7000"));
			p.getSentinel().setMaster("mymaster");
			p.getSentinel().setNodes(List.of("sentinel-1:26379"));
		}, "redis.cluster.nodes", "redis.sentinel.master");
	}

	@Test
	void validateWhenClusterAndDatabaseShouldFail() {
		assertInvalid((p) -> {
			p.getCluster().setNodes(List.of("node-1:7000"));
			p.setDatabase(2);
		}, "redis.database", "redis.database=0");
	}

	@Test
	void validateWhenClusterNodeWithoutPortShouldFail() {
		assertInvalid((p) -> p.getCluster().setNodes(List.of("node-1:7000", "node-2")), "redis.cluster.nodes",
				"redis.cluster.nodes=node-1:7000,node-2:7000");
	}

	@Test
	void validateWhenClusterNodePortOutOfRangeShouldFail() {
		assertInvalid((p) -> p.getCluster().setNodes(List.of("node-1:70000")), "redis.cluster.nodes",
				"redis.cluster.nodes=node-1:7000");
	}

	@Test
	void validateWhenClusterNodesIpv6InBracketsShouldPass() {
		assertThatNoException().isThrownBy(
				() -> validate(with((p) -> p.getCluster().setNodes(List.of("[::1]:7000", "10.0.0.1:7001")))));
	}

	@Test
	void validateWhenClusterMaxRedirectsNegativeShouldFail() {
		assertInvalid((p) -> p.getCluster().setMaxRedirects(-1), "redis.cluster.max-redirects",
				"redis.cluster.max-redirects=5");
	}

	@Test
	void validateWhenClusterRefreshPeriodZeroShouldFail() {
		assertInvalid((p) -> p.getCluster().setRefreshPeriod(Duration.ZERO), "redis.cluster.refresh-period",
				"redis.cluster.refresh-period=30s");
	}

	@Test
	void validateWhenSentinelNodeNotHostPortShouldFail() {
		assertInvalid((p) -> {
			p.getSentinel().setMaster("mymaster");
			p.getSentinel().setNodes(List.of("sentinel-1"));
		}, "redis.sentinel.nodes", "redis.sentinel.nodes=sentinel-1:26379");
	}

	@Test
	void validateWhenSentinelNodesWithoutMasterShouldFail() {
		assertInvalid((p) -> p.getSentinel().setNodes(List.of("sentinel-1:26379")), "redis.sentinel.master",
				"redis.sentinel.master=mymaster");
	}

	@Test
	void validateWhenSentinelMasterWithoutNodesShouldFail() {
		assertInvalid((p) -> p.getSentinel().setMaster("mymaster"), "redis.sentinel.nodes",
				"redis.sentinel.nodes=sentinel-1:26379");
	}

	@Test
	void validateWhenSentinelAndUrlShouldFail() {
		assertInvalid((p) -> {
			p.setUrl("redis://localhost:6379");
			p.getSentinel().setMaster("mymaster");
			p.getSentinel().setNodes(List.of("sentinel-1:26379"));
		}, "redis.sentinel.master", "Remove redis.url");
	}

	@Test
	void validateWhenBreakerNameBlankShouldFail() {
		assertInvalid((p) -> p.getCircuitBreaker().setName(" "), "redis.circuit-breaker.name",
				"redis.circuit-breaker.name=redis");
	}

	@Test
	void validateWhenFailureRateThresholdZeroShouldFail() {
		assertInvalid((p) -> p.getCircuitBreaker().setFailureRateThreshold(0),
				"redis.circuit-breaker.failure-rate-threshold", "redis.circuit-breaker.failure-rate-threshold=50");
	}

	@Test
	void validateWhenFailureRateThresholdAbove100ShouldFail() {
		assertInvalid((p) -> p.getCircuitBreaker().setFailureRateThreshold(101),
				"redis.circuit-breaker.failure-rate-threshold", "redis.circuit-breaker.failure-rate-threshold=50");
	}

	@Test
	void validateWhenSlowCallRateThresholdAbove100ShouldFail() {
		assertInvalid((p) -> p.getCircuitBreaker().setSlowCallRateThreshold(150),
				"redis.circuit-breaker.slow-call-rate-threshold", "redis.circuit-breaker.slow-call-rate-threshold=80");
	}

	@Test
	void validateWhenSlowCallDurationZeroShouldFail() {
		assertInvalid((p) -> p.getCircuitBreaker().setSlowCallDuration(Duration.ZERO),
				"redis.circuit-breaker.slow-call-duration", "redis.circuit-breaker.slow-call-duration=1s");
	}

	@Test
	void validateWhenSlidingWindowZeroShouldFail() {
		assertInvalid((p) -> p.getCircuitBreaker().setSlidingWindowSize(0), "redis.circuit-breaker.sliding-window-size",
				"redis.circuit-breaker.sliding-window-size=20");
	}

	@Test
	void validateWhenMinimumCallsAboveSlidingWindowShouldFail() {
		assertInvalid((p) -> {
			p.getCircuitBreaker().setSlidingWindowSize(10);
			p.getCircuitBreaker().setMinimumNumberOfCalls(20);
		}, "redis.circuit-breaker.minimum-number-of-calls", "redis.circuit-breaker.minimum-number-of-calls=5");
	}

	@Test
	void validateWhenMinimumCallsZeroShouldFail() {
		assertInvalid((p) -> p.getCircuitBreaker().setMinimumNumberOfCalls(0),
				"redis.circuit-breaker.minimum-number-of-calls", "redis.circuit-breaker.minimum-number-of-calls=5");
	}

	@Test
	void validateWhenWaitInOpenStateBelowOneMillisecondShouldFail() {
		assertInvalid((p) -> p.getCircuitBreaker().setWaitInOpenState(Duration.ofNanos(10)),
				"redis.circuit-breaker.wait-in-open-state", "redis.circuit-breaker.wait-in-open-state=500ms");
	}

	@Test
	void validateWhenWaitJitterOneOrMoreShouldFail() {
		assertInvalid((p) -> p.getCircuitBreaker().setWaitJitter(1.0), "redis.circuit-breaker.wait-jitter",
				"redis.circuit-breaker.wait-jitter=0.5");
	}

	@Test
	void validateWhenWaitJitterNegativeShouldFail() {
		assertInvalid((p) -> p.getCircuitBreaker().setWaitJitter(-0.1), "redis.circuit-breaker.wait-jitter",
				"redis.circuit-breaker.wait-jitter=0.5");
	}

	@Test
	void validateWhenHangThresholdNotBelowCommandTimeoutShouldFail() {
		assertInvalid((p) -> {
			p.setCommandTimeout(Duration.ofSeconds(2));
			p.getCircuitBreaker().setHangThreshold(Duration.ofSeconds(3));
		}, "redis.circuit-breaker.hang-threshold", "redis.circuit-breaker.hang-threshold=1000ms");
	}

	@Test
	void validateWhenDefaultHangThresholdAndShortCommandTimeoutShouldPass() {
		assertThatNoException().isThrownBy(
				() -> validate(with((p) -> p.setCommandTimeout(Duration.ofMillis(500)))));
	}

	@Test
	void validateWhenHangThresholdZeroShouldFail() {
		assertInvalid((p) -> p.getCircuitBreaker().setHangThreshold(Duration.ZERO),
				"redis.circuit-breaker.hang-threshold", "redis.circuit-breaker.hang-threshold=1s");
	}

	@Test
	void validateWhenPermittedCallsInHalfOpenStateZeroShouldFail() {
		assertInvalid((p) -> p.getCircuitBreaker().setPermittedCallsInHalfOpenState(0),
				"redis.circuit-breaker.permitted-calls-in-half-open-state",
				"redis.circuit-breaker.permitted-calls-in-half-open-state=3");
	}

	@Test
	void validateWhenFallbackMaximumEntriesZeroShouldFail() {
		assertInvalid((p) -> p.getFallback().setMaximumEntries(0), "redis.fallback.maximum-entries",
				"redis.fallback.enabled=false");
	}

	@Test
	void validateWhenCacheKeyPatternMatchesEveryKeyShouldFail() {
		assertInvalid((p) -> p.getFallback().setCacheKeyPatterns(java.util.List.of("catalog:*", "*")),
				"redis.fallback.cache-key-patterns", "redis.fallback.cache-key-patterns=catalog:*");
	}

	@Test
	void validateWhenFallbackTtlZeroShouldFail() {
		assertInvalid((p) -> p.getFallback().setTtl(Duration.ZERO), "redis.fallback.ttl", "redis.fallback.ttl=5m");
	}

	@Test
	void validateWhenJournalMaximumEntriesNegativeShouldFail() {
		assertInvalid((p) -> p.getFallback().setJournalMaximumEntries(-1), "redis.fallback.journal-maximum-entries",
				"redis.fallback.journal-maximum-entries=10000");
	}

	@Test
	void validateWhenCacheTimeToLiveZeroShouldFail() {
		assertInvalid((p) -> p.getCache().setTimeToLive(Duration.ZERO), "redis.cache.time-to-live",
				"redis.cache.time-to-live=10m");
	}

	@Test
	void validateWhenTrustedPackageIsWildcardShouldFail() {
		assertInvalid((p) -> p.getCache().getJson().setTrustedPackages(List.of("com.example", "*")),
				"redis.cache.json.trusted-packages", "redis.cache.json.trusted-packages=com.example.catalog");
	}

	@Test
	void validateWhenTrustedPackageEndsWithWildcardShouldFail() {
		assertInvalid((p) -> p.getCache().getJson().setTrustedPackages(List.of("com.example.*")),
				"redis.cache.json.trusted-packages", "redis.cache.json.trusted-packages=com.example.catalog");
	}

	@Test
	void validateWhenTrustedPackagesAreNamesShouldPass() {
		assertThatNoException().isThrownBy(() -> validate(
				with((p) -> p.getCache().getJson().setTrustedPackages(List.of("com.example", "org.acme.v2_0")))));
	}

	@Test
	void validateWhenCacheTimeToLiveUnsetShouldPass() {
		assertThatNoException().isThrownBy(() -> validate(with((p) -> p.getCache().setTimeToLive(null))));
	}

	@Test
	void validateWhenMonitorIntervalZeroShouldFail() {
		assertInvalid((p) -> p.getMonitor().setInterval(Duration.ZERO), "redis.monitor.interval",
				"redis.monitor.interval=30s");
	}

	@Test
	void validateWhenWarningThresholdNotBelowCriticalShouldFail() {
		assertInvalid((p) -> {
			p.getMonitor().setWarningThreshold(90);
			p.getMonitor().setCriticalThreshold(90);
		}, "redis.monitor.warning-threshold", "redis.monitor.critical-threshold=90");
	}

	@Test
	void validateWhenCriticalThresholdAbove100ShouldFail() {
		assertInvalid((p) -> p.getMonitor().setCriticalThreshold(120), "redis.monitor.critical-threshold",
				"redis.monitor.critical-threshold=90");
	}

	@Test
	void validateWhenWarningThresholdZeroShouldFail() {
		assertInvalid((p) -> p.getMonitor().setWarningThreshold(0), "redis.monitor.warning-threshold",
				"redis.monitor.warning-threshold=80");
	}

	@Test
	void validateWhenForeignClientsRatioZeroShouldFail() {
		assertInvalid((p) -> p.getMonitor().setForeignClientsRatio(0), "redis.monitor.foreign-clients-ratio",
				"redis.monitor.foreign-clients-ratio=4");
	}

	@Test
	void validateWhenEventHistorySizeZeroShouldFail() {
		assertInvalid((p) -> p.getMonitor().setEventHistorySize(0), "redis.monitor.event-history-size",
				"redis.monitor.event-history-size=100");
	}

	@Test
	void validateWhenSlowCommandThresholdNegativeShouldFail() {
		assertInvalid((p) -> p.getMonitor().setSlowCommandThreshold(Duration.ofMillis(-1)),
				"redis.monitor.slow-command-threshold", "redis.monitor.slow-command-threshold=100ms");
	}

	@Test
	void validateWhenSlowLogEntriesZeroOrAbove128ShouldFail() {
		assertInvalid((p) -> p.getMonitor().setSlowLogEntries(0), "redis.monitor.slow-log-entries",
				"redis.monitor.slow-log-entries=10");
		assertInvalid((p) -> p.getMonitor().setSlowLogEntries(129), "redis.monitor.slow-log-entries",
				"redis.monitor.slow-log-entries=10");
	}

	@Test
	void validateWhenMaxNodesZeroShouldFail() {
		assertInvalid((p) -> p.getMonitor().setMaxNodes(0), "redis.monitor.max-nodes", "redis.monitor.max-nodes=16");
	}

	@Test
	void validateWhenHealthTimeoutZeroShouldFail() {
		assertInvalid((p) -> p.getHealth().setTimeout(Duration.ZERO), "redis.health.timeout",
				"redis.health.timeout=500ms");
	}

	@Test
	void validateWhenHealthCacheTtlNegativeShouldFail() {
		assertInvalid((p) -> p.getHealth().setCacheTtl(Duration.ofSeconds(-1)), "redis.health.cache-ttl",
				"redis.health.cache-ttl=1s");
	}

	@Test
	void validateWhenHealthCacheTtlZeroShouldPass() {
		assertThatNoException()
			.isThrownBy(() -> validate(with((p) -> p.getHealth().setCacheTtl(Duration.ZERO))));
	}

	@Test
	void validateWhenFallbackStatusInLowerCaseShouldPass() {
		RedisResilienceProperties properties = new RedisResilienceProperties();
		properties.getHealth().setFallbackStatus("down");
		validate(properties);
	}

	@Test
	void validateWhenUnknownFallbackStatusShouldFail() {
		assertInvalid((p) -> p.getHealth().setFallbackStatus("WARN"), "redis.health.fallback-status",
				"redis.health.fallback-status=DEGRADED");
	}

	@Test
	void validateWhenTlsDisabledWithRedissUrlShouldFail() {
		assertInvalid((p) -> {
			p.setUrl("rediss://redis.example.com:6380");
			p.getTls().setEnabled(false);
		}, "redis.tls.enabled", "redis://");
	}

	@Test
	void validateWhenValueRejectedShouldAddFieldErrorNamingPropertyAndFix() {
		BindingResult errors = errors(with((p) -> p.getPool().setMaxActive(-1)));
		assertThat(errors.getFieldErrors()).singleElement().satisfies((error) -> {
			assertThat(error.getObjectName() + "." + error.getField()).isEqualTo("redis.pool.max-active");
			assertThat(error.getRejectedValue()).isEqualTo("-1");
			assertThat(error.getDefaultMessage()).startsWith("redis.pool.max-active: is -1 but must be 1 or more")
				.contains("redis.pool.max-active=8");
		});
	}

	@Test
	void validateWhenSeveralGroupsInvalidShouldRejectEachGroup() {
		BindingResult errors = errors(with((p) -> {
			p.getPool().setMaxActive(-1);
			p.getMonitor().setMaxNodes(0);
			p.setCommandTimeout(Duration.ZERO);
		}));
		assertThat(errors.getFieldErrors()).extracting(FieldError::getField)
			.containsExactlyInAnyOrder("pool.max-active", "monitor.max-nodes", "command-timeout");
	}

	@Test
	void validateWhenUrlWithPasswordRejectedShouldMaskRejectedValue() {
		BindingResult errors = errors(with((p) -> p.setUrl("http://app:s3cret@redis.example.com")));
		assertThat(errors.getFieldError("url")).isNotNull().satisfies((error) -> {
			assertThat(String.valueOf(error.getRejectedValue())).doesNotContain("s3cret");
			assertThat(error.getDefaultMessage()).contains("redis.url").doesNotContain("s3cret");
		});
	}

	@Test
	void validateWhenHostHoldsCredentialsShouldMaskRejectedValue() {
		BindingResult errors = errors(with((p) -> p.setHost("app:s3cret@redis.example.com")));
		assertThat(errors.getFieldError("host")).isNotNull()
			.satisfies((error) -> assertThat(String.valueOf(error.getRejectedValue())).doesNotContain("s3cret"));
	}

	@Test
	void validateWhenClientKeyPasswordRejectedShouldMaskRejectedValue() {
		BindingResult errors = errors(with((p) -> p.getTls().setClientKeyPassword("key-s3cret")));
		assertThat(errors.getFieldError("tls.client-key-password")).isNotNull().satisfies((error) -> {
			assertThat(error.getRejectedValue()).isEqualTo("****");
			assertThat(error.getDefaultMessage()).contains("redis.tls.client-key-password").doesNotContain("s3cret");
		});
	}

	@Test
	void validateWhenSentinelNodeHoldsCredentialsShouldMaskRejectedValue() {
		BindingResult errors = errors(with((p) -> p.getSentinel().setNodes(List.of("default:s3cret:sentinel-1:26379"))));
		assertThat(errors.getFieldError("sentinel.nodes")).isNotNull().satisfies((error) -> {
			assertThat(String.valueOf(error.getRejectedValue())).doesNotContain("s3cret");
			assertThat(error.getDefaultMessage()).contains("redis.sentinel.nodes").doesNotContain("s3cret");
		});
	}

	@Test
	void validateWhenJsonValueFormatWithoutJacksonShouldFailNamingTheStarterToAdd() {
		RedisResilienceProperties properties = with((p) -> p.getCache().setValueFormat(CacheValueFormat.JSON));
		BindingResult errors = new BeanPropertyBindingResult(properties, "redis");
		new RedisPropertiesValidator(LogFactory.getLog(getClass()), new FilteredClassLoader("tools.jackson"))
			.validate(properties, errors);
		assertThat(errors.getFieldError("cache.value-format")).isNotNull()
			.satisfies((error) -> assertThat(error.getDefaultMessage())
				.startsWith("redis.cache.value-format: is json but Jackson 3")
				.contains("spring-boot-starter-jackson")
				.contains("redis.cache.value-format=java"));
	}

	@Test
	void validateWhenJsonValueFormatWithJacksonShouldPass() {
		assertThatNoException()
			.isThrownBy(() -> validate(with((p) -> p.getCache().setValueFormat(CacheValueFormat.JSON))));
	}

	@Test
	void validateWhenValueRejectedShouldNotLogPlausibilityWarnings(CapturedOutput output) {
		errors(with((p) -> {
			p.getPool().setMaxActive(-1);
			p.setCommandTimeout(Duration.ofMillis(2));
		}));
		assertThat(output.getOut()).doesNotContain("plausible range");
	}

	private InvalidRedisConfigurationException assertInvalid(Consumer<RedisResilienceProperties> customizer,
			String property, String actionExample) {
		RedisResilienceProperties properties = with(customizer);
		InvalidRedisConfigurationException ex = assertThatExceptionOfType(InvalidRedisConfigurationException.class)
			.isThrownBy(() -> validate(properties))
			.actual();
		assertThat(ex.getProperty()).isEqualTo(property);
		assertThat(ex.getMessage()).startsWith(property + ": ").doesNotContain("s3cret");
		assertThat(ex.getAction()).contains(actionExample).doesNotContain("s3cret");
		return ex;
	}

	/**
	 * Validate as Boot's binder does, into a binding result named {@code redis}.
	 * @param properties the properties
	 * @return the errors, one per group with a rejected value
	 */
	static BindingResult errors(RedisResilienceProperties properties) {
		BindingResult errors = new BeanPropertyBindingResult(properties, "redis");
		new RedisPropertiesValidator().validate(properties, errors);
		return errors;
	}

	/**
	 * Validate and throw the first rejection, which each field error wraps.
	 * @param properties the properties
	 */
	static void validate(RedisResilienceProperties properties) {
		BindingResult errors = errors(properties);
		if (errors.hasErrors()) {
			throw errors.getAllErrors().get(0).unwrap(InvalidRedisConfigurationException.class);
		}
	}

	static RedisResilienceProperties with(Consumer<RedisResilienceProperties> customizer) {
		RedisResilienceProperties properties = new RedisResilienceProperties();
		customizer.accept(properties);
		return properties;
	}

}
