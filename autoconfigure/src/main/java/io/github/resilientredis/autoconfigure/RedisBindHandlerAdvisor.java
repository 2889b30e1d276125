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
import org.springframework.core.convert.ConverterNotFoundException;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Lets two environment variables that relaxed binding reads as {@code redis.*} keys
 * through without failing startup; the binder has no switch for either.
 * <ul>
 * <li>{@code REDIS_TLS=true}, a boolean where the {@code redis.tls.*} group is: the group
 * keeps its value and counts as bound ({@link RedisConnectionAutoConfiguration} reads the
 * shorthand).</li>
 * <li>{@code REDIS_PORT=tcp://10.0.0.1:6379}, the service link Kubernetes and Docker put
 * into every container: logged at INFO, {@code redis.port} keeps its value. From any
 * other property source it still fails.</li>
 * </ul>
 */
final class RedisBindHandlerAdvisor implements ConfigurationPropertiesBindHandlerAdvisor {

	private static final Log logger = LogFactory.getLog(RedisBindHandlerAdvisor.class);

	private static final ConfigurationPropertyName TLS = ConfigurationPropertyName.of("redis.tls");

	private static final ConfigurationPropertyName PORT = ConfigurationPropertyName.of("redis.port");

	private static final Pattern SERVICE_LINK = Pattern.compile("(tcp|udp)://[^/\\s]+:[0-9]+/?");

	@Override
	public BindHandler apply(BindHandler bindHandler) {
		return new AbstractBindHandler(bindHandler) {

			@Override
			public @Nullable Object onFailure(ConfigurationPropertyName name, Bindable<?> target, BindContext context,
					Exception error) throws Exception {
				boolean tlsShorthand = TLS.equals(name) && error instanceof ConverterNotFoundException;
				ConfigurationProperty property = context.getConfigurationProperty();
				boolean serviceLink = PORT.equals(name) && property != null && isServiceLink(property);
				Object existing = ((tlsShorthand || serviceLink) && target.getValue() != null) ? target.getValue().get()
						: null;
				if (existing != null && tlsShorthand) {
					// through onSuccess: the unknown-key check records redis.tls as bound
					return super.onSuccess(name, target, context, existing);
				}
				if (existing != null) {
					logger.info("Ignoring the environment variable that sets redis.port to '" + property.getValue()
							+ "': a Kubernetes or Docker service link, not a port. Set redis.url (REDIS_URL) or "
							+ "redis.host and redis.port to choose the Redis server.");
					return existing;
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
