package io.github.resilientredis.autoconfigure;

import java.util.Optional;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;

import io.github.resilientredis.resilience.ResilienceStatus;

import org.springframework.beans.factory.ObjectProvider;

/**
 * Finds the Redis circuit breaker: a {@link CircuitBreaker} bean of that name (the
 * resilience layer registers one), else the entry of the application's
 * {@link CircuitBreakerRegistry}. Never creates a breaker.
 */
record RedisCircuitBreakerLookup(ObjectProvider<CircuitBreaker> breakers,
		ObjectProvider<CircuitBreakerRegistry> registries, ObjectProvider<ResilienceStatus> status,
		ObjectProvider<RedisResilienceProperties> properties) {

	String name() {
		ResilienceStatus resilience = this.status.getIfUnique();
		if (resilience != null) {
			return resilience.getCircuitBreakerName();
		}
		RedisResilienceProperties redis = this.properties.getIfAvailable();
		return (redis != null) ? redis.getCircuitBreaker().getName() : "redis";
	}

	Optional<CircuitBreaker> find() {
		String name = name();
		return this.breakers.orderedStream()
			.filter((breaker) -> breaker.getName().equals(name))
			.findFirst()
			.or(() -> Optional.ofNullable(this.registries.getIfUnique()).flatMap((registry) -> registry.find(name)));
	}

}
