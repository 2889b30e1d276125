package io.github.resilientredis.test;

import java.util.List;

import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.util.ClassUtils;

/**
 * Gives the Spring application context of a {@link WithRedisServer} test class a
 * {@code DataRedisConnectionDetails} bean for its server, like Spring Boot's
 * {@code ServiceConnectionContextCustomizerFactory} does for {@code @ServiceConnection}
 * containers. Registered in {@code META-INF/spring.factories}; does nothing without
 * Spring Boot's Data Redis module on the class path.
 */
class RedisServerContextCustomizerFactory implements ContextCustomizerFactory {

	private static final String CONNECTION_DETAILS = "org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails";

	@Override
	public ContextCustomizer createContextCustomizer(Class<?> testClass,
			List<ContextConfigurationAttributes> configAttributes) {
		if (!ClassUtils.isPresent(CONNECTION_DETAILS, testClass.getClassLoader())) {
			return null;
		}
		return RedisServerRegistry.owner(testClass).map(RedisServerContextCustomizer::new).orElse(null);
	}

	/**
	 * Registers the connection details of the owner class's server.
	 *
	 * @param owner the class whose server the context uses; part of the context cache key,
	 * so that no other test class gets a context pointing at a server that is gone
	 */
	record RedisServerContextCustomizer(Class<?> owner) implements ContextCustomizer {

		static final String BEAN_NAME = "redisServerConnectionDetails";

		@Override
		public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
			if (!(context.getBeanFactory() instanceof BeanDefinitionRegistry registry)) {
				throw new IllegalStateException("@WithRedisServer needs a bean factory that is a BeanDefinitionRegistry, "
						+ "but the context of " + this.owner.getName() + " has " + context.getBeanFactory());
			}
			RedisServer server = RedisServerRegistry.obtain(this.owner);
			RootBeanDefinition definition = new RootBeanDefinition(RedisServerConnectionDetails.class,
					() -> new RedisServerConnectionDetails(server));
			registry.registerBeanDefinition(BEAN_NAME, definition);
		}

	}

}
