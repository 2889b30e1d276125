package io.github.resilientredis.sample;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample refuses to start without a Redis endpoint instead of using
 * {@code localhost:6379}.
 */
class RedisEndpointRequirementTests {

	// with Spring Boot's own properties-based DataRedisConnectionDetails, which must not count
	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class))
		.withUserConfiguration(RequirementConfiguration.class);

	@Test
	void startWhenNoEndpointIsConfiguredShouldFailNamingRedisUrlAndTheDevTimeCommand() {
		this.runner.run((context) -> assertThat(context).hasFailed()
			.getFailure()
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("set REDIS_URL")
			.hasMessageContaining("spring-boot:test-run"));
	}

	@Test
	void startWhenRedisUrlIsSetShouldPass() {
		this.runner.withPropertyValues("redis.url=redis://cache.internal:6380")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void startWhenRedisUrlIsBlankShouldFail() {
		this.runner.withPropertyValues("redis.url= ").run((context) -> assertThat(context).hasFailed());
	}

	@Test
	void startWhenSpringDataRedisHostIsSetShouldPass() {
		this.runner.withPropertyValues("spring.data.redis.host=cache.internal")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void startWhenClusterNodesAreSetShouldPass() {
		this.runner.withPropertyValues("redis.cluster.nodes=10.0.0.1:7000,10.0.0.2:7000")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void startWhenConnectionDetailsBeanExistsShouldPass() {
		this.runner
			.withBean(DataRedisConnectionDetails.class, () -> new DataRedisConnectionDetails() {

				@Override
				public Standalone getStandalone() {
					return Standalone.of("127.0.0.1", 7001);
				}

			})
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Configuration(proxyBeanMethods = false)
	static class RequirementConfiguration {

		@Bean
		static RedisEndpointRequirement redisEndpointRequirement(Environment environment) {
			return new RedisEndpointRequirement(environment);
		}

	}

}
