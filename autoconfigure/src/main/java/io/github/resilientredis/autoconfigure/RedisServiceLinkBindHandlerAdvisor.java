package io.github.resilientredis.autoconfigure;

import java.util.regex.Pattern;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationPropertiesBindHandlerAdvisor;
import org.springframework.boot.context.properties.bind.AbstractBindHandler;
import org.springframework.boot.context.properties.bind.BindContext;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Ignores the {@code REDIS_PORT=tcp://10.0.0.1:6379} environment variable that Kubernetes
 * (for a Service named {@code redis}) and Docker links (for a container linked as
 * {@code redis}) put into every container: relaxed binding reads it as
 * {@code redis.port}, which is not a number, and the application would not start. Such a
 * value is logged once at INFO and {@code redis.port} keeps its value. The same value in
 * any other property source is a mistake and still fails.
 */
final class RedisServiceLinkBindHandlerAdvisor implements ConfigurationPropertiesBindHandlerAdvisor {

	private static final Log logger = LogFactory.getLog(RedisServiceLinkBindHandlerAdvisor.class);

	private static final ConfigurationPropertyName PORT = ConfigurationPropertyName.of("redis.port");

	private static final Pattern SERVICE_LINK = Pattern.compile("(tcp|udp)://[^/\\s]+:[0-9]+/?");

	@Override
	public BindHandler apply(BindHandler bindHandler) {
		return new AbstractBindHandler(bindHandler) {

			@Override
			public @Nullable Object onFailure(ConfigurationPropertyName name, Bindable<?> target, BindContext context,
					Exception error) throws Exception {
				ConfigurationProperty property = context.getConfigurationProperty();
				if (PORT.equals(name) && property != null && isServiceLink(property) && target.getValue() != null) {
					Object existing = target.getValue().get();
					if (existing != null) {
						logger.info("Ignoring the environment variable that sets redis.port to '" + property.getValue()
								+ "': a Kubernetes or Docker service link, not a port. Set redis.url (REDIS_URL) or "
								+ "redis.host and redis.port to choose the Redis server.");
						return existing;
					}
				}
				return super.onFailure(name, target, context, error);
			}

		};
	}

	private static boolean isServiceLink(ConfigurationProperty property) {
		return property.getSource() != null
				&& property.getSource().getUnderlyingSource() instanceof SystemEnvironmentPropertySource
				&& property.getValue() instanceof CharSequence value && SERVICE_LINK.matcher(value).matches();
	}

}
