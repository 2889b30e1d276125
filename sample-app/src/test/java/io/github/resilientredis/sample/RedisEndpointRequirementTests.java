package io.github.resilientredis.sample;

import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.io.support.SpringFactoriesLoader;

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
	void startWhenNoEndpointIsConfiguredShouldBeAnalyzedWithoutAStackTrace() {
		FailureAnalyzer analyzer = SpringFactoriesLoader.forDefaultResourceLocation()
			// as Boot's FailureAnalyzers: analyzers that cannot be created here are skipped
			.load(FailureAnalyzer.class, SpringFactoriesLoader.FailureHandler.logging(LogFactory.getLog(getClass())))
			.stream()
			.filter(RedisEndpointRequirementFailureAnalyzer.class::isInstance)
			.findFirst()
			.orElseThrow(() -> new AssertionError("RedisEndpointRequirementFailureAnalyzer not in spring.factories"));
		this.runner.run((context) -> {
			FailureAnalysis analysis = analyzer.analyze(context.getStartupFailure());
			assertThat(analysis).isNotNull();
			assertThat(analysis.getDescription()).contains("no Redis endpoint").contains("redis.url");
			assertThat(analysis.getAction()).contains("Set REDIS_URL").contains("spring-boot:test-run");
		});
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
