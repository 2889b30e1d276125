package io.github.resilientredis.autoconfigure;

import java.util.function.Consumer;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.CircuitBreakerMetricNames;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetricsPublisher;
import io.micrometer.core.instrument.binder.MeterBinder;

import io.github.resilientredis.metrics.RedisMetrics;
import io.github.resilientredis.monitor.RedisMonitor;
import io.github.resilientredis.resilience.CircuitBreakerCommandGuard;
import io.github.resilientredis.resilience.ResilienceStatus;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Redis meters, and Resilience4j's own breaker meters when the application does not bind them. */
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

		private static final String STATE = CircuitBreakerMetricNames.ofDefaults().getStateMetricName();

		/**
		 * Binds the Redis breaker's meters with Resilience4j's own publisher at bind time,
		 * so it depends neither on the order of auto-configurations nor on the breaker
		 * being in a registry bean, and never duplicates a binder the application has.
		 */
		@Bean
		MeterBinder redisCircuitBreakerMetrics(ObjectProvider<CircuitBreaker> breakers,
				ObjectProvider<CircuitBreakerRegistry> registries, ObjectProvider<ResilienceStatus> status,
				ObjectProvider<RedisResilienceProperties> properties,
				ObjectProvider<TaggedCircuitBreakerMetrics> metrics,
				ObjectProvider<TaggedCircuitBreakerMetricsPublisher> publishers,
				ObjectProvider<CircuitBreakerCommandGuard> guards) {
			RedisCircuitBreakerLookup lookup = new RedisCircuitBreakerLookup(breakers, registries, status, properties);
			return (meterRegistry) -> {
				if (metrics.getIfAvailable() != null || publishers.getIfAvailable() != null) {
					return;
				}
				TaggedCircuitBreakerMetricsPublisher publisher = new TaggedCircuitBreakerMetricsPublisher(meterRegistry);
				Consumer<CircuitBreaker> publishUnlessBound = (breaker) -> {
					if (meterRegistry.find(STATE).tag("name", breaker.getName()).meter() == null) {
						publisher.publishMetrics(breaker);
					}
				};
				lookup.find().ifPresent(publishUnlessBound);
				// the breakers of Redis Cluster masters, created as the nodes are met
				guards.ifUnique((guard) -> guard.getRouter().forEachNodeBreaker(publishUnlessBound));
			};
		}

	}

}
