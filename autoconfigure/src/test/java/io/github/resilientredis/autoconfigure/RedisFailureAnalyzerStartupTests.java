package io.github.resilientredis.autoconfigure;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Starts real {@link SpringApplication}s with bad {@code redis.*} values and checks
 * Boot's failure report: values the validator rejects while they are bound, through Boot's
 * {@code BindValidationFailureAnalyzer} (property, masked value, reason with the fix);
 * values that do not convert, through our analyzer ahead of Boot's (proves the
 * {@code spring.factories} registration and the ordering); the {@code REDIS_TLS}
 * shorthand, read outside binding, through Boot's
 * {@code InvalidConfigurationPropertyValueFailureAnalyzer}.
 */
@ExtendWith(OutputCaptureExtension.class)
class RedisFailureAnalyzerStartupTests {

	@Test
	void startWhenValidatorRejectsPropertiesShouldReportPropertyAndAction(CapturedOutput output) {
		assertThatException().isThrownBy(() -> run("--redis.pool.max-idle=20"));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Property: redis.pool.max-idle")
			.contains("Value: \"20\"")
			.contains("Reason: redis.pool.max-idle: is 20 but must be between 0 and redis.pool.max-active (8)")
			.contains("redis.pool.max-idle=8");
	}

	@Test
	void startWhenSeveralValuesRejectedShouldReportEach(CapturedOutput output) {
		assertThatException().isThrownBy(() -> run("--redis.pool.max-idle=20", "--redis.monitor.max-nodes=0"));
		assertThat(output).contains("Property: redis.pool.max-idle").contains("Property: redis.monitor.max-nodes");
	}

	@Test
	void startWhenUrlHasPasswordAndBadSchemeShouldNotPrintPassword(CapturedOutput output) {
		assertThatException().isThrownBy(() -> run("--redis.url=http://app:s3cret@redis.example.com"));
		assertThat(output).contains("Property: redis.url").contains("Reason: redis.url:").doesNotContain("s3cret");
	}

	@Test
	void startWhenHostHoldsCredentialsShouldNotPrintPassword(CapturedOutput output) {
		assertThatException().isThrownBy(() -> run("--redis.host=app:s3cret@redis.example.com"));
		assertThat(output).contains("Property: redis.host").doesNotContain("s3cret");
	}

	@Test
	void startWhenVerifyModeUnknownShouldListValidValues(CapturedOutput output) {
		assertThatException().isThrownBy(() -> run("--redis.tls.verify-mode=strict"));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Invalid Redis configuration: redis.tls.verify-mode: 'strict'")
			.contains("one of: full, ca, none");
	}

	@Test
	void startWhenTlsShorthandInvalidShouldReportPropertyAndFix(CapturedOutput output) {
		assertThatException().isThrownBy(() -> run(ConnectionConfiguration.class, "--redis.tls=maybe"));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Invalid value 'maybe' for configuration property 'redis.tls'")
			.contains("REDIS_TLS=true");
	}

	private static void run(String... args) {
		run(ValidatingConfiguration.class, args);
	}

	private static void run(Class<?> configuration, String... args) {
		SpringApplication application = new SpringApplication(configuration);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.run(args).close();
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(RedisResilienceProperties.class)
	static class ValidatingConfiguration {

	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(RedisConnectionAutoConfiguration.class)
	static class ConnectionConfiguration {

	}

}
