package io.github.resilientredis.autoconfigure;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.github.resilientredis.connection.ResilientLettuceConnectionFactory;
import io.github.resilientredis.resilience.RecoveryAccess;
import io.github.resilientredis.connection.CommandGuard;
import io.github.resilientredis.resilience.CircuitBreakerCommandGuard;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Wiring of the starter's own connection factory with the resilience layer: the command guard is installed (or not, with the breaker disabled) and recovery can reach the factory.
 */
class StarterFactoryWiringTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RedisConnectionAutoConfiguration.class,
				RedisResilienceAutoConfiguration.class))
		.withPropertyValues("redis.url=redis://127.0.0.1:1");

	@Test
	void circuitBreakerDisabledShouldLeaveTheFactoryUnguarded() {
		this.contextRunner.withPropertyValues("redis.circuit-breaker.enabled=false")
			.run((context) -> assertThat(context.getBean(ResilientLettuceConnectionFactory.class).getCommandGuard())
				.isSameAs(CommandGuard.NONE));
	}

	@Test
	void starterFactoryShouldGetTheCommandGuardAndProvideRecoveryAccess() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(RecoveryAccess.class);
			assertThat(context.getBean(ResilientLettuceConnectionFactory.class).getCommandGuard())
				.isSameAs(context.getBean(CircuitBreakerCommandGuard.class));
		});
	}

}
