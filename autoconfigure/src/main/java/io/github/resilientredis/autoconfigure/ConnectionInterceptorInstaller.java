package io.github.resilientredis.autoconfigure;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;

import io.github.resilientredis.connection.ConnectionInterceptor;
import io.github.resilientredis.connection.ResilientLettuceConnectionFactory;

/**
 * Installs the resilience layer's {@link ConnectionInterceptor} on the starter's
 * connection factory before it is initialized, so that no connection is ever handed out
 * without the circuit breaker.
 */
final class ConnectionInterceptorInstaller implements BeanPostProcessor {

	private final ObjectProvider<ConnectionInterceptor> interceptor;

	ConnectionInterceptorInstaller(ObjectProvider<ConnectionInterceptor> interceptor) {
		this.interceptor = interceptor;
	}

	@Override
	public Object postProcessBeforeInitialization(Object bean, String beanName) {
		if (bean instanceof ResilientLettuceConnectionFactory factory
				&& factory.getConnectionInterceptor() == ConnectionInterceptor.NONE) {
			this.interceptor.ifUnique(factory::setConnectionInterceptor);
		}
		return bean;
	}

}
