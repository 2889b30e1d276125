package io.github.resilientredis.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationPropertiesBindHandlerAdvisor;
import org.springframework.boot.context.properties.bind.AbstractBindHandler;
import org.springframework.boot.context.properties.bind.BindContext;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.core.convert.ConverterNotFoundException;

/**
 * Lets {@code redis.tls} hold a boolean (the {@code REDIS_TLS=true} environment variable)
 * next to the {@code redis.tls.*} group: without it the binder fails to convert the value
 * to the group and the application does not start. The value itself is read by
 * {@link RedisConnectionAutoConfiguration} as a shorthand for {@code redis.tls.enabled}.
 * It counts as bound, so the unknown-key check does not report it.
 */
final class RedisTlsShorthandBindHandlerAdvisor implements ConfigurationPropertiesBindHandlerAdvisor {

	private static final ConfigurationPropertyName TLS = ConfigurationPropertyName.of("redis.tls");

	@Override
	public BindHandler apply(BindHandler bindHandler) {
		return new AbstractBindHandler(bindHandler) {

			@Override
			public @Nullable Object onFailure(ConfigurationPropertyName name, Bindable<?> target, BindContext context,
					Exception error) throws Exception {
				if (TLS.equals(name) && error instanceof ConverterNotFoundException && target.getValue() != null) {
					Object existing = target.getValue().get();
					if (existing != null) {
						// through onSuccess: the unknown-key check records redis.tls as bound
						return super.onSuccess(name, target, context, existing);
					}
				}
				return super.onFailure(name, target, context, error);
			}

		};
	}

}
