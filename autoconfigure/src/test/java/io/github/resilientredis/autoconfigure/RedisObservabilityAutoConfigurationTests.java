package io.github.resilientredis.autoconfigure;

import java.time.Duration;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.Test;

import io.github.resilientredis.diagnostics.Endpoint;
import io.github.resilientredis.actuate.RedisEndpoint;
import io.github.resilientredis.fallback.ResilienceListener;
import io.github.resilientredis.health.RedisResilienceHealthIndicator;
import io.github.resilientredis.metrics.RedisMetrics;
import io.github.resilientredis.monitor.ConfigurationCheck;
import io.github.resilientredis.monitor.EventHistory;
import io.github.resilientredis.monitor.LeakDetector;
import io.github.resilientredis.monitor.OutOfBandConnection;
import io.github.resilientredis.monitor.RedisEvent;
import io.github.resilientredis.monitor.RedisMonitor;
import io.github.resilientredis.monitor.TopologyMonitor;
import io.github.resilientredis.monitor.TopologyType;

import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.health.DataRedisHealthContributorAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Wiring of the observability auto-configurations (no Redis command runs: the monitoring
 * connection opens in the background and nothing waits for it).
 */
class RedisObservabilityAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class,
				RedisObservabilityAutoConfiguration.class, RedisHealthContributorAutoConfiguration.class,
				DataRedisHealthContributorAutoConfiguration.class, EndpointAutoConfiguration.class))
		.withPropertyValues("spring.data.redis.port=1", "management.endpoints.web.exposure.include=redis");

	@Test
	void defaultsShouldProvideMonitorHealthEndpointAndMeters() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(RedisMonitor.class)
				.hasSingleBean(RedisResilienceHealthIndicator.class)
				.hasSingleBean(RedisEndpoint.class)
				.hasSingleBean(RedisMetrics.class)
				.doesNotHaveBean(LeakDetector.class)
				.doesNotHaveBean("redisHealthContributor");
			assertThat(context.getBeansOfType(ResilienceListener.class)).containsValue(context.getBean(EventHistory.class));
		});
	}

	@Test
	void topologyWhenStandaloneShouldMonitorTheServerWithoutSamplingYet() {
		this.runner.run((context) -> assertThat(context).hasSingleBean(TopologyMonitor.class)
			.getBean(TopologyMonitor.class)
			.satisfies((topology) -> {
				assertThat(topology.getType()).isEqualTo(TopologyType.STANDALONE);
				assertThat(topology.getLastSnapshot()).isNull();
			}));
	}

	@Test
	void topologyWhenClusterNodesShouldBeCluster() {
		this.runner.withPropertyValues("spring.data.redis.cluster.nodes=127.0.0.1:1,127.0.0.1:2")
			.run((context) -> assertThat(context.getBean(TopologyMonitor.class).getType())
				.isEqualTo(TopologyType.CLUSTER));
	}

	@Test
	void topologyWhenSentinelMasterShouldBeSentinel() {
		this.runner
			.withPropertyValues("spring.data.redis.sentinel.master=mymaster",
					"spring.data.redis.sentinel.nodes=127.0.0.1:1")
			.run((context) -> assertThat(context.getBean(TopologyMonitor.class).getType())
				.isEqualTo(TopologyType.SENTINEL));
	}

	@Test
	void defaultsShouldProvideConfigurationCheckThatHasFoundNothingBeforeReady() {
		this.runner.run((context) -> assertThat(context).hasSingleBean(ConfigurationCheck.class)
			.getBean(ConfigurationCheck.class)
			.satisfies((check) -> assertThat(check.misconfiguration()).isEmpty()));
	}

	@Test
	void userConfigurationCheckShouldBeUsed() {
		this.runner
			.withBean("myCheck", ConfigurationCheck.class,
					() -> new ConfigurationCheck(new OutOfBandConnection(() -> {
						throw new IllegalStateException("not connected in this test");
					}), () -> Endpoint.standalone("mine:6379", false), false, Duration.ofSeconds(1)))
			.run((context) -> assertThat(context).hasSingleBean(ConfigurationCheck.class).hasBean("myCheck"));
	}

	@Test
	void misconfiguredStatusWhenUnknownShouldFailNamingProperty() {
		this.runner.withPropertyValues("redis.health.misconfigured-status=PURPLE")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("redis.health.misconfigured-status")
				.hasMessageContaining("DEGRADED (HTTP 200)"));
	}

	@Test
	void circuitBreakerTransitionsShouldBeRecorded() {
		CircuitBreakerRegistry registry = CircuitBreakerRegistry.ofDefaults();
		registry.circuitBreaker("redis");
		this.runner.withBean(CircuitBreakerRegistry.class, () -> registry).run((context) -> {
			registry.circuitBreaker("redis").transitionToOpenState();
			assertThat(context.getBean(EventHistory.class).getEvents()).extracting(RedisEvent::detail)
				.containsExactly("redis: CLOSED -> OPEN");
		});
	}

	@Test
	void circuitBreakerBeanTransitionsShouldBeRecorded() {
		CircuitBreaker breaker = CircuitBreaker.ofDefaults("redis");
		this.runner.withBean("redisCircuitBreaker", CircuitBreaker.class, () -> breaker).run((context) -> {
			breaker.transitionToForcedOpenState();
			assertThat(context.getBean(EventHistory.class).getEvents()).extracting(RedisEvent::detail)
				.containsExactly("redis: CLOSED -> FORCED_OPEN");
		});
	}

	@Test
	void leakDetectionThresholdShouldEnableLeakDetector() {
		this.runner.withPropertyValues("redis.pool.leak-detection-threshold=2s")
			.run((context) -> assertThat(context.getBean(LeakDetector.class).getThreshold())
				.isEqualTo(Duration.ofSeconds(2)));
	}

	@Test
	void redisHealthDisabledShouldNotProvideHealthIndicator() {
		this.runner.withPropertyValues("management.health.redis.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(RedisResilienceHealthIndicator.class)
				.doesNotHaveBean("redisHealthContributor"));
	}

	@Test
	void endpointNotExposedShouldNotProvideEndpoint() {
		this.runner.withPropertyValues("management.endpoints.web.exposure.include=health")
			.run((context) -> assertThat(context).doesNotHaveBean(RedisEndpoint.class));
	}

	@Test
	void userEventHistoryShouldBeUsed() {
		EventHistory history = new EventHistory(5);
		this.runner.withBean(EventHistory.class, () -> history)
			.run((context) -> assertThat(context.getBean(RedisMonitor.class).getHistory()).isSameAs(history));
	}

	@Test
	void withoutMicrometerShouldNotProvideMeters() {
		this.runner.withClassLoader(new FilteredClassLoader(io.micrometer.core.instrument.binder.MeterBinder.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(RedisMetrics.class));
	}

	@Test
	void withoutConnectionFactoryShouldBackOff() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(RedisObservabilityAutoConfiguration.class,
					RedisHealthContributorAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(RedisMonitor.class)
				.doesNotHaveBean(RedisResilienceHealthIndicator.class));
	}

}
