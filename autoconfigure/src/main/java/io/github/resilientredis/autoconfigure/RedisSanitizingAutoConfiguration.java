package io.github.resilientredis.autoconfigure;

import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import io.github.resilientredis.actuate.RedisCredentialsSanitizingFunction;

/**
 * Auto-configuration of the {@link RedisCredentialsSanitizingFunction}: {@code env} and
 * {@code configprops} mask {@code redis.*} credentials whichever connection factory is used.
 */
@AutoConfiguration
@ConditionalOnClass(SanitizingFunction.class)
public final class RedisSanitizingAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	RedisCredentialsSanitizingFunction redisCredentialsSanitizingFunction() {
		return new RedisCredentialsSanitizingFunction();
	}

}
