package io.github.resilientredis.sample;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.core.env.Environment;

/**
 * Refuses to start the sample without a Redis endpoint rather than fall back to
 * {@code localhost:6379}, where it would write its {@code products::*} keys into whatever
 * Redis happens to listen there. An endpoint is {@code REDIS_URL} (or any
 * {@code redis.url}, {@code redis.host}, {@code redis.sentinel.master},
 * {@code redis.cluster.nodes}, or their {@code spring.data.redis.*} twins) or a
 * {@link DataRedisConnectionDetails} bean of the application, such as the dev-time Redis of
 * {@code TestSampleApplication}; Spring Boot's own properties-based bean, which is always
 * defined and defaults to {@code localhost:6379}, does not count. Checked before any bean
 * is created, so no connection is ever attempted.
 */
public class RedisEndpointRequirement implements BeanFactoryPostProcessor {

	static final String MESSAGE = "The sample app has no Redis to use: set REDIS_URL (for example "
			+ "REDIS_URL=redis://my-redis:6379 java -jar sample-app/target/resilient-redis-sample-app-*.jar), "
			+ "or run it with a dev-time Redis started for you: ./mvnw -pl sample-app -am spring-boot:test-run";

	private final Environment environment;

	public RedisEndpointRequirement(Environment environment) {
		this.environment = environment;
	}

	// Spring Boot's DataRedisAutoConfiguration defines it unless the application has its own
	private static final String BOOT_PROPERTIES_DETAILS = "PropertiesDataRedisConnectionDetails";

	@Override
	public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
		if (!hasEndpointProperty("redis") && !hasEndpointProperty("spring.data.redis")
				&& !hasApplicationConnectionDetails(beanFactory)) {
			throw new MissingRedisEndpointException();
		}
	}

	private boolean hasEndpointProperty(String prefix) {
		Binder binder = Binder.get(this.environment);
		return Stream.of(".url", ".host", ".sentinel.master")
			.anyMatch((name) -> !binder.bind(prefix + name, String.class).orElse("").isBlank())
			|| !binder.bind(prefix + ".cluster.nodes", Bindable.listOf(String.class)).orElse(List.of()).isEmpty();
	}

	private static boolean hasApplicationConnectionDetails(ConfigurableListableBeanFactory beanFactory) {
		return Arrays.stream(beanFactory.getBeanNamesForType(DataRedisConnectionDetails.class, true, false))
			.map((name) -> beanFactory.getType(name, false))
			.anyMatch((type) -> type == null || !BOOT_PROPERTIES_DETAILS.equals(type.getSimpleName()));
	}

	/**
	 * The sample has no Redis endpoint; reported without a stack trace by
	 * {@link RedisEndpointRequirementFailureAnalyzer}.
	 */
	static class MissingRedisEndpointException extends IllegalStateException {

		MissingRedisEndpointException() {
			super(MESSAGE);
		}

	}

}
