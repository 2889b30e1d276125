package io.github.resilientredis.autoconfigure;

import java.util.concurrent.TimeUnit;

import io.github.resilientredis.connection.ClientNames;
import io.github.resilientredis.connection.ClientWarmUp;
import io.github.resilientredis.connection.ResilientLettuceConnectionFactory;
import io.lettuce.core.RedisClient;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientConfigurationBuilderCustomizer;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.util.StringUtils;

/**
 * Auto-configuration of the {@link ResilientLettuceConnectionFactory} from
 * {@code redis.*}. Runs before Spring Boot's {@link DataRedisAutoConfiguration}, whose
 * Lettuce connection factory and client resources then back off while its templates sit
 * on this factory.
 */
@AutoConfiguration(before = DataRedisAutoConfiguration.class)
@ConditionalOnClass({ RedisClient.class, LettuceConnectionFactory.class })
@EnableConfigurationProperties(RedisResilienceProperties.class)
public final class RedisConnectionAutoConfiguration {

	@Bean
	static RedisBindHandlerAdvisor redisBindHandlerAdvisor() {
		return new RedisBindHandlerAdvisor();
	}

	// loads the Lettuce client's classes before any bean exists: the first command pays no cold client
	@Bean
	static BeanFactoryPostProcessor redisClientPreload() {
		return (beanFactory) -> ClientWarmUp.preloadInBackground();
	}

	@Bean(destroyMethod = "shutdown")
	@ConditionalOnMissingBean(ClientResources.class)
	DefaultClientResources lettuceClientResources(RedisResilienceProperties properties,
			ObjectProvider<ClientResourcesBuilderCustomizer> customizers) {
		RedisReconnectProperties reconnect = properties.getReconnect();
		DefaultClientResources.Builder builder = DefaultClientResources.builder()
			// exponential (x3 per attempt, decorrelated jitter) from min-delay to max-delay
			.reconnectDelay(Delay.decorrelatedJitter(reconnect.getMinDelay(), reconnect.getMaxDelay(),
					reconnect.getMinDelay().toMillis(), TimeUnit.MILLISECONDS));
		customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
		return builder.build();
	}

	@Bean
	@ConditionalOnMissingBean(RedisConnectionFactory.class)
	ResilientLettuceConnectionFactory redisConnectionFactory(RedisResilienceProperties properties,
			Environment environment, ClientResources clientResources,
			ObjectProvider<DataRedisConnectionDetails> connectionDetails, ObjectProvider<SslBundles> sslBundles,
			ObjectProvider<LettuceClientConfigurationBuilderCustomizer> configurationCustomizers,
			ObjectProvider<LettuceClientOptionsBuilderCustomizer> optionsCustomizers) {
		RedisEndpointMapper.Endpoint endpoint = new RedisEndpointMapper(properties, connectionDetails.getIfAvailable())
			.map();
		LettuceClientConfigurationMapper mapper = new LettuceClientConfigurationMapper(properties);
		SslBundle sslBundle = sslBundle(properties, endpoint, sslBundles);
		boolean tls = mapper.useTls(endpoint, sslBundle, tlsShorthand(environment));
		new RedisTlsPropertiesValidator(LogFactory.getLog(RedisPropertiesValidator.class))
			.warnIgnored(properties.getTls(), tls, sslBundle);
		LettuceClientConfiguration clientConfiguration = mapper.clientConfiguration(endpoint, tls, sslBundle,
				ClientNames.of(properties.getClientName(), environment.getProperty("spring.application.name")),
				clientResources, configurationCustomizers.orderedStream(),
				optionsCustomizers.orderedStream());
		ResilientLettuceConnectionFactory factory = ResilientLettuceConnectionFactory.create(endpoint.configuration(),
				clientConfiguration, mapper.poolConfig(),
				properties.getPool().getLeakDetectionThreshold() != null);
		factory.setShareNativeConnection(properties.isShareNativeConnection());
		factory.setPoolValidation(mapper.poolValidation());
		// never connect at startup: the application must start while Redis is down
		factory.setEagerInitialization(false);
		return factory;
	}

	private static @Nullable SslBundle sslBundle(RedisResilienceProperties properties,
			RedisEndpointMapper.Endpoint endpoint, ObjectProvider<SslBundles> sslBundles) {
		String bundle = properties.getTls().getBundle();
		if (StringUtils.hasText(bundle)) {
			SslBundles bundles = sslBundles.getIfAvailable();
			if (bundles == null) {
				throw new IllegalStateException("redis.tls.bundle=" + bundle
						+ " is set but the application has no SslBundles: define spring.ssl.bundle.pem." + bundle
						+ ".truststore.certificate=classpath:ca.pem");
			}
			return bundles.getBundle(bundle);
		}
		return endpoint.sslBundle();
	}

	/**
	 * {@code redis.tls=true} (environment variable {@code REDIS_TLS}) as a shorthand for
	 * {@code redis.tls.enabled}; the binder cannot bind a value to the {@code tls} group.
	 */
	private static @Nullable Boolean tlsShorthand(Environment environment) {
		String value = environment.getProperty("redis.tls");
		if (!StringUtils.hasText(value)) {
			return null;
		}
		if ("true".equalsIgnoreCase(value.trim()) || "false".equalsIgnoreCase(value.trim())) {
			return Boolean.valueOf(value.trim());
		}
		throw new InvalidConfigurationPropertyValueException("redis.tls", value, "redis.tls is not true or false. "
				+ "Set REDIS_TLS=true (or redis.tls.enabled=true) to use TLS with a redis:// URL, or remove it.");
	}

}
