package io.github.resilientredis.metrics;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.resilientredis.autoconfigure.RedisConnectionAutoConfiguration;
import io.github.resilientredis.autoconfigure.RedisObservabilityAutoConfiguration;
import io.github.resilientredis.autoconfigure.RedisResilienceProperties;
import io.github.resilientredis.monitor.RedisMonitor;
import io.github.resilientredis.monitor.TestResilienceStatus;
import io.github.resilientredis.resilience.ResilienceStatus;
import io.github.resilientredis.test.RedisServer;
import io.github.resilientredis.test.RedisServerExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every Redis meter, and the breaker's, in a Prometheus scrape of an application
 * connected to a real redis-server.
 */
class RedisMetricsIntegrationTests {

	@RegisterExtension
	static final RedisServerExtension redis = new RedisServerExtension(RedisServer.builder());

	private ApplicationContextRunner runner() {
		TestResilienceStatus status = new TestResilienceStatus();
		status.activateFallback();
		status.hits = 7;
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(RedisConnectionAutoConfiguration.class, DataRedisAutoConfiguration.class,
					RedisObservabilityAutoConfiguration.class, MetricsAutoConfiguration.class))
			.withBean(PrometheusMeterRegistry.class, () -> new PrometheusMeterRegistry(PrometheusConfig.DEFAULT))
			.withBean(ResilienceStatus.class, () -> status)
			.withPropertyValues("redis.url=" + redis.server().url(),
					"redis.client-name=orders", "redis.pool.leak-detection-threshold=30s");
	}

	@Test
	void scrapeWhenBreakerIsABeanOutsideARegistryShouldContainTheBreaker() {
		runner().withBean("redisCircuitBreaker", CircuitBreaker.class, () -> CircuitBreaker.ofDefaults("redis"))
			.withBean(CircuitBreakerRegistry.class, CircuitBreakerRegistry::ofDefaults)
			.run((context) -> assertThat(context.getBean(PrometheusMeterRegistry.class).scrape())
				.contains("resilience4j_circuitbreaker_state{name=\"redis\",state=\"closed\"} 1.0"));
	}

	@Test
	void scrapeShouldContainEveryRedisMeterAndTheBreaker() {
		runner().withBean(CircuitBreakerRegistry.class, () -> {
			CircuitBreakerRegistry registry = CircuitBreakerRegistry.ofDefaults();
			registry.circuitBreaker("redis");
			return registry;
		}).run((context) -> {
			context.getBean(RedisMonitor.class)
				.getTopology()
				.sampleNow(context.getBean(RedisResilienceProperties.class).getCommandTimeout());
			String scrape = context.getBean(PrometheusMeterRegistry.class).scrape();
			for (String name : RedisMeterNames.ALL) {
				// redis.slow.commands: see SlowCommandsIntegrationTests
				if (!RedisMeterNames.CREATED_ON_FIRST_EVENT.contains(name)) {
					assertThat(scrape).contains("# HELP " + name.replace('.', '_'));
				}
			}
			assertThat(scrape).contains("redis_fallback_hits_total 7.0", "redis_fallback_active 1.0",
					"redis_server_clients_max 10000.0", "redis_reconnect_stuck 0.0");
			assertThat(scrape).contains("resilience4j_circuitbreaker_state{name=\"redis\",state=\"closed\"} 1.0");
		});
	}

}
