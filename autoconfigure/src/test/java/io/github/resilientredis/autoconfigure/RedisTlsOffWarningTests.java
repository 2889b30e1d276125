package io.github.resilientredis.autoconfigure;

import java.util.Map;

import io.github.resilientredis.connection.ResilientLettuceConnectionFactory;
import io.github.resilientredis.test.TlsMaterial;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.ssl.DefaultSslBundleRegistry;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.ssl.SslStoreBundle;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that the warnings about {@code redis.tls.*} settings ignored while TLS is off
 * follow the decision the connection takes: a {@code rediss://} URL,
 * {@code redis.tls.enabled}, the {@code REDIS_TLS} shorthand, or an SSL bundle from
 * {@code redis.tls.bundle} or Boot's connection details.
 */
@ExtendWith(OutputCaptureExtension.class)
class RedisTlsOffWarningTests {

	private static final String TLS_OFF = "because TLS is off";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(RedisConnectionAutoConfiguration.class, DataRedisAutoConfiguration.class));

	@Test
	void warningsWhenTlsOffShouldNameTheIgnoredSettings(CapturedOutput output) {
		this.contextRunner
			.withPropertyValues("redis.url=redis://redis.example.com:6379", "redis.tls.verify-mode=none",
					"redis.tls.ca-file=" + TlsMaterial.shared().caCertFile())
			.run((context) -> {
				assertThat(useSsl(context.getBean(ResilientLettuceConnectionFactory.class))).isFalse();
				assertThat(output.getOut()).contains("WARN")
					.contains("redis.tls.verify-mode=none has no effect because TLS is off")
					.contains("redis.tls.* files are ignored because TLS is off");
			});
	}

	@Test
	void warningsWhenTlsShorthandShouldNotSayTlsIsOff(CapturedOutput output) {
		this.contextRunner
			.withInitializer((context) -> context.getEnvironment()
				.getPropertySources()
				.addFirst(new SystemEnvironmentPropertySource("test-environment", Map.of("REDIS_TLS", "true"))))
			.withPropertyValues("redis.url=redis://redis.example.com:6379", "redis.tls.verify-mode=none",
					"redis.tls.ca-file=" + TlsMaterial.shared().caCertFile())
			.run((context) -> {
				assertThat(useSsl(context.getBean(ResilientLettuceConnectionFactory.class))).isTrue();
				assertThat(output.getOut()).doesNotContain(TLS_OFF);
			});
	}

	@Test
	void tlsShorthandFalseWithRedissUrlShouldFailNamingBoth() {
		this.contextRunner
			.withInitializer((context) -> context.getEnvironment()
				.getPropertySources()
				.addFirst(new SystemEnvironmentPropertySource("test-environment", Map.of("REDIS_TLS", "false"))))
			.withPropertyValues("redis.url=rediss://redis.example.com:6379")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("redis.tls")
				.hasMessageContaining("REDIS_TLS=false")
				.hasMessageContaining("rediss://"));
	}

	@Test
	void warningsWhenTlsBundleShouldNotSayTlsIsOff(CapturedOutput output) {
		this.contextRunner.withUserConfiguration(SslBundlesConfiguration.class)
			.withPropertyValues("redis.url=redis://redis.example.com:6379", "redis.tls.bundle=redis",
					"redis.tls.verify-mode=none")
			.run((context) -> {
				assertThat(useSsl(context.getBean(ResilientLettuceConnectionFactory.class))).isTrue();
				assertThat(output.getOut()).doesNotContain(TLS_OFF);
			});
	}

	@Test
	void warningsWhenConnectionDetailsBundleShouldNotSayTlsIsOff(CapturedOutput output) {
		this.contextRunner.withUserConfiguration(SslConnectionDetailsConfiguration.class)
			.withPropertyValues("redis.tls.verify-mode=none")
			.run((context) -> {
				assertThat(useSsl(context.getBean(ResilientLettuceConnectionFactory.class))).isTrue();
				assertThat(output.getOut()).doesNotContain(TLS_OFF);
			});
	}

	@Test
	void warningsWhenConnectionDetailsBundleAndFilesShouldSayTheFilesAreIgnored(CapturedOutput output) {
		this.contextRunner.withUserConfiguration(SslConnectionDetailsConfiguration.class)
			.withPropertyValues("redis.tls.ca-file=" + TlsMaterial.shared().caCertFile())
			.run((context) -> {
				assertThat(useSsl(context.getBean(ResilientLettuceConnectionFactory.class))).isTrue();
				assertThat(output.getOut()).doesNotContain(TLS_OFF)
					.contains("redis.tls.ca-file, client-cert-file and client-key-file are ignored because the "
							+ "connection details provide an SSL bundle");
			});
	}

	private static boolean useSsl(ResilientLettuceConnectionFactory factory) {
		return factory.getClientConfiguration().isUseSsl();
	}

	@Configuration(proxyBeanMethods = false)
	static class SslBundlesConfiguration {

		@Bean
		SslBundles sslBundles() {
			DefaultSslBundleRegistry registry = new DefaultSslBundleRegistry();
			registry.registerBundle("redis", SslBundle.of(SslStoreBundle.NONE));
			return registry;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class SslConnectionDetailsConfiguration {

		@Bean
		DataRedisConnectionDetails redisConnectionDetails() {
			return new DataRedisConnectionDetails() {

				@Override
				public Standalone getStandalone() {
					return Standalone.of("details.example.com", 6400, 0);
				}

				@Override
				public SslBundle getSslBundle() {
					return SslBundle.of(SslStoreBundle.NONE);
				}

			};
		}

	}

}
