package io.github.resilientredis.autoconfigure;

import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import io.github.resilientredis.actuate.RedisCredentialsSanitizingFunction;

/**
 * Auto-configuration of the {@link RedisCredentialsSanitizingFunction}, so the
 * {@code env} and {@code configprops} endpoints mask {@code redis.*} credentials even when
 * their {@code show-values} is {@code always}. Independent of the connection factory: the
 * properties are in the environment whichever factory the application uses.
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
