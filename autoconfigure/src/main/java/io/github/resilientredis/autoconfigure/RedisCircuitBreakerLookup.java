package io.github.resilientredis.autoconfigure;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.jspecify.annotations.Nullable;

import io.github.resilientredis.resilience.ResilienceStatus;

import org.springframework.beans.factory.ObjectProvider;

/**
 * Finds the Redis circuit breaker: a {@link CircuitBreaker} bean of that name (the
 * resilience layer registers one), else the entry of the application's
 * {@link CircuitBreakerRegistry}. Never creates a breaker.
 */
final class RedisCircuitBreakerLookup {

	private final ObjectProvider<CircuitBreaker> breakers;

	private final ObjectProvider<CircuitBreakerRegistry> registries;

	private final ObjectProvider<ResilienceStatus> status;

	private final ObjectProvider<RedisResilienceProperties> properties;

	RedisCircuitBreakerLookup(ObjectProvider<CircuitBreaker> breakers, ObjectProvider<CircuitBreakerRegistry> registries,
			ObjectProvider<ResilienceStatus> status, ObjectProvider<RedisResilienceProperties> properties) {
		this.breakers = breakers;
		this.registries = registries;
		this.status = status;
		this.properties = properties;
	}

	String name() {
		ResilienceStatus resilience = this.status.getIfUnique();
		if (resilience != null) {
			return resilience.getCircuitBreakerName();
		}
		RedisResilienceProperties redis = this.properties.getIfAvailable();
		return (redis != null) ? redis.getCircuitBreaker().getName() : "redis";
	}

	@Nullable CircuitBreaker find() {
		String name = name();
		CircuitBreaker bean = this.breakers.orderedStream()
			.filter((breaker) -> breaker.getName().equals(name))
			.findFirst()
			.orElse(null);
		if (bean != null) {
			return bean;
		}
		CircuitBreakerRegistry registry = this.registries.getIfUnique();
		return (registry != null) ? registry.find(name).orElse(null) : null;
	}

}
