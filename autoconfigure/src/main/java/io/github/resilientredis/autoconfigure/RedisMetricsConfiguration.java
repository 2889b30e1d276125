package io.github.resilientredis.autoconfigure;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetricsPublisher;
import io.micrometer.core.instrument.binder.MeterBinder;

import io.github.resilientredis.metrics.RedisMetrics;
import io.github.resilientredis.monitor.RedisMonitor;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Redis meters, and Resilience4j's own circuit breaker meters when the application does
 * not bind them already.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(MeterBinder.class)
class RedisMetricsConfiguration {

	@Bean
	@ConditionalOnMissingBean
	RedisMetrics redisMetrics(RedisMonitor monitor) {
		return new RedisMetrics(monitor);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ TaggedCircuitBreakerMetrics.class, CircuitBreakerRegistry.class })
	static class CircuitBreakerMetricsConfiguration {

		/**
		 * Binds the breaker registry's meters at bind time, so it neither depends on the
		 * order of auto-configurations nor duplicates a binder the application has.
		 */
		@Bean
		MeterBinder redisCircuitBreakerMetrics(ObjectProvider<CircuitBreakerRegistry> registries,
				ObjectProvider<TaggedCircuitBreakerMetrics> metrics,
				ObjectProvider<TaggedCircuitBreakerMetricsPublisher> publishers) {
			return (meterRegistry) -> {
				CircuitBreakerRegistry registry = registries.getIfUnique();
				if (registry == null || metrics.getIfAvailable() != null || publishers.getIfAvailable() != null) {
					return;
				}
				TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(registry).bindTo(meterRegistry);
			};
		}

	}

}
