package io.github.resilientredis.autoconfigure;

import java.time.Clock;

import io.github.resilientredis.health.RedisResilienceHealthIndicator;
import io.github.resilientredis.monitor.ConfigurationCheck;
import io.github.resilientredis.monitor.RedisMonitor;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.data.redis.autoconfigure.health.DataRedisHealthContributorAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.health.DataRedisReactiveHealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@code redis} health component. Its bean name makes Spring
 * Boot's own Redis health contributor back off.
 */
@AutoConfiguration(after = RedisObservabilityAutoConfiguration.class,
		before = { DataRedisHealthContributorAutoConfiguration.class,
				DataRedisReactiveHealthContributorAutoConfiguration.class })
@ConditionalOnClass({ HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class })
@ConditionalOnBean(RedisMonitor.class)
@ConditionalOnEnabledHealthIndicator("redis")
public final class RedisHealthContributorAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = { "redisHealthIndicator", "redisHealthContributor" })
	RedisResilienceHealthIndicator redisHealthIndicator(RedisMonitor monitor, RedisResilienceProperties properties,
			ObjectProvider<ConfigurationCheck> configurationCheck) {
		RedisHealthProperties health = properties.getHealth();
		return new RedisResilienceHealthIndicator(monitor, health.getTimeout(), health.getCacheTtl(),
				RedisResilienceHealthIndicator.fallbackStatus(health.getFallbackStatus()), Clock.systemUTC(),
				configurationCheck.getIfAvailable(),
				RedisResilienceHealthIndicator.misconfiguredStatus(health.getMisconfiguredStatus()));
	}

}
