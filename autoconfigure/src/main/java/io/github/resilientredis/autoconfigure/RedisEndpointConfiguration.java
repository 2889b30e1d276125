package io.github.resilientredis.autoconfigure;

import io.github.resilientredis.actuate.RedisEndpoint;
import io.github.resilientredis.monitor.RedisMonitor;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The {@code redis} actuator endpoint, when Actuator is present and the endpoint is exposed. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass({ Endpoint.class, ConditionalOnAvailableEndpoint.class })
@EnableConfigurationProperties(RedisEndpointProperties.class)
class RedisEndpointConfiguration {

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnAvailableEndpoint
	RedisEndpoint redisEndpoint(RedisMonitor monitor, RedisResilienceProperties properties,
			RedisEndpointProperties endpointProperties) {
		return new RedisEndpoint(monitor, properties.getCommandTimeout(), endpointProperties.getShowDetails(),
				endpointProperties.getRoles());
	}

}
