package io.github.resilientredis.autoconfigure;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.github.resilientredis.connection.ResilientLettuceConnectionFactory;
import io.github.resilientredis.fallback.RecoveryAccess;
import io.github.resilientredis.resilience.CircuitBreakerConnectionInterceptor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Wiring of the starter's own connection factory with the resilience layer: the interceptor is installed (or not, with the breaker disabled) and recovery can reach the factory.
 */
class StarterFactoryWiringTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RedisConnectionAutoConfiguration.class,
				RedisResilienceAutoConfiguration.class))
		.withPropertyValues("redis.url=redis://127.0.0.1:1");

	@Test
	void circuitBreakerDisabledShouldLeaveTheFactoryUnintercepted() {
		this.contextRunner.withPropertyValues("redis.circuit-breaker.enabled=false")
			.run((context) -> assertThat(
					context.getBean(ResilientLettuceConnectionFactory.class).getConnectionInterceptor())
				.isSameAs(io.github.resilientredis.connection.ConnectionInterceptor.NONE));
	}

	@Test
	void starterFactoryShouldGetTheInterceptorAndProvideRecoveryAccess() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(RecoveryAccess.class);
			assertThat(context.getBean(ResilientLettuceConnectionFactory.class).getConnectionInterceptor())
				.isSameAs(context.getBean(CircuitBreakerConnectionInterceptor.class));
		});
	}

}
