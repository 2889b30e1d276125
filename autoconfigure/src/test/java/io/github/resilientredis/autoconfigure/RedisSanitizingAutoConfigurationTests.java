package io.github.resilientredis.autoconfigure;

import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.github.resilientredis.actuate.RedisCredentialsSanitizingFunction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RedisSanitizingAutoConfiguration}.
 */
class RedisSanitizingAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RedisSanitizingAutoConfiguration.class));

	@Test
	void sanitizingFunctionWhenActuatorPresentShouldBeDefined() {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(RedisCredentialsSanitizingFunction.class));
	}

	@Test
	void sanitizingFunctionWhenActuatorMissingShouldBackOff() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(SanitizingFunction.class))
			.run((context) -> assertThat(context).doesNotHaveBean(RedisCredentialsSanitizingFunction.class));
	}

}
