package io.github.resilientredis.autoconfigure;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;

import io.github.resilientredis.connection.CommandGuard;
import io.github.resilientredis.connection.ResilientLettuceConnectionFactory;

/**
 * Installs the resilience layer's {@link CommandGuard} on the starter's connection factory
 * before it is initialized, so that no command is ever sent without the circuit breaker.
 */
final class CommandGuardInstaller implements BeanPostProcessor {

	private final ObjectProvider<CommandGuard> guard;

	CommandGuardInstaller(ObjectProvider<CommandGuard> guard) {
		this.guard = guard;
	}

	@Override
	public Object postProcessBeforeInitialization(Object bean, String beanName) {
		if (bean instanceof ResilientLettuceConnectionFactory factory
				&& factory.getCommandGuard() == CommandGuard.NONE) {
			this.guard.ifUnique(factory::setCommandGuard);
		}
		return bean;
	}

}
