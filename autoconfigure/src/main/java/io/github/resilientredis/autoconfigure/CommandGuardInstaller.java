package io.github.resilientredis.autoconfigure;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;

import io.github.resilientredis.connection.CommandGuard;
import io.github.resilientredis.connection.ResilientLettuceConnectionFactory;
import io.github.resilientredis.resilience.CircuitBreakerCommandGuard;

/**
 * Installs the resilience layer's {@link CommandGuard} on the starter's connection factory
 * before it is initialized, so that no command is ever sent without the circuit breaker.
 */
record CommandGuardInstaller(ObjectProvider<CommandGuard> guard) implements BeanPostProcessor {

	@Override
	public Object postProcessBeforeInitialization(Object bean, String beanName) {
		if (bean instanceof ResilientLettuceConnectionFactory factory
				&& factory.getCommandGuard() == CommandGuard.NONE) {
			this.guard.ifUnique((guard) -> {
				factory.setCommandGuard(guard);
				if (guard instanceof CircuitBreakerCommandGuard breakerGuard) {
					factory.addMasterSwitchListener(() -> probeNow(breakerGuard.getCircuitBreaker()));
				}
			});
		}
		return bean;
	}

	/**
	 * A sentinel promoted a replica: an open breaker lets its probe calls through now
	 * rather than at the end of its wait, so traffic reaches the new master at once.
	 */
	private static void probeNow(CircuitBreaker breaker) {
		if (breaker.getState() == CircuitBreaker.State.OPEN) {
			try {
				breaker.transitionToHalfOpenState();
			}
			catch (RuntimeException ex) {
				// it moved on its own meanwhile (IllegalStateTransitionException)
			}
		}
	}

}
