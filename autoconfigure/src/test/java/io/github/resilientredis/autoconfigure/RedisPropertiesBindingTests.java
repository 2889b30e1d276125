package io.github.resilientredis.autoconfigure;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.util.unit.DataSize;

import io.github.resilientredis.cache.CacheValueFormat;
import io.github.resilientredis.connection.PoolValidation;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Binding {@code redis.*}: unknown keys fail startup with the closest valid key, except in
 * environment variables (Docker and Kubernetes service links), and the
 * {@code REDIS_PORT=tcp://...} service-link variable is ignored. No Redis is contacted.
 */
@ExtendWith(OutputCaptureExtension.class)
class RedisPropertiesBindingTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RedisConnectionAutoConfiguration.class));

	@Test
	void bindWhenKeyMisspeltShouldFailNamingItAndTheClosestKey() {
		this.contextRunner.withPropertyValues("redis.pool.max-actve=2").run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = new RedisUnknownPropertyFailureAnalyzer().analyze(context.getStartupFailure());
			assertThat(analysis).isNotNull();
			assertThat(analysis.getDescription()).contains("unknown property")
				.contains("redis.pool.max-actve")
				.contains("did you mean redis.pool.max-active?");
			assertThat(analysis.getAction()).contains("Rename redis.pool.max-actve to redis.pool.max-active");
		});
	}

	@Test
	void bindWhenNewNestedKeyMisspeltShouldNameTheClosestKey() {
		this.contextRunner
			.withPropertyValues("redis.cache.compression.treshold=1KB", "redis.monitor.slow-log-entrys=10")
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = new RedisUnknownPropertyFailureAnalyzer()
					.analyze(context.getStartupFailure());
				assertThat(analysis).isNotNull();
				assertThat(analysis.getDescription()).containsAnyOf("did you mean redis.cache.compression.threshold?",
						"did you mean redis.monitor.slow-log-entries?");
			});
	}

	@Test
	void bindWhenMisspeltPasswordKeyShouldNotShowTheValue() {
		this.contextRunner.withPropertyValues("redis.pasword=s3cret-value").run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = new RedisUnknownPropertyFailureAnalyzer().analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).contains("redis.pasword")
				.contains("did you mean redis.password?")
				.doesNotContain("s3cret-value");
			assertThat(analysis.getAction()).doesNotContain("s3cret-value");
		});
	}

	@Test
	void bindWhenKeyInWrongGroupShouldSuggestTheGroup() {
		this.contextRunner.withPropertyValues("redis.max-active=2").run((context) -> {
			FailureAnalysis analysis = new RedisUnknownPropertyFailureAnalyzer().analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).contains("did you mean redis.pool.max-active?");
		});
	}

	@Test
	void bindWhenTlsShorthandInPropertiesShouldStart() {
		this.contextRunner.withPropertyValues("redis.tls=true", "redis.host=redis.example.com")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void bindWhenCacheValueAndPoolValidationPropertiesShouldBindThem() {
		this.contextRunner
			.withPropertyValues("redis.cache.value-format=json", "redis.cache.compression.threshold=1KB",
					"redis.cache.json.trusted-packages=com.example.catalog,com.example.pricing",
					"redis.pool.validation=on-borrow", "redis.pool.validation-timeout=100ms")
			.run((context) -> {
				RedisResilienceProperties properties = context.getBean(RedisResilienceProperties.class);
				assertThat(properties.getCache().getValueFormat()).isEqualTo(CacheValueFormat.JSON);
				assertThat(properties.getCache().getCompression().getThreshold()).isEqualTo(DataSize.ofKilobytes(1));
				assertThat(properties.getCache().getJson().getTrustedPackages()).containsExactly("com.example.catalog",
						"com.example.pricing");
				assertThat(properties.getPool().getValidation()).isEqualTo(PoolValidation.Mode.ON_BORROW);
				assertThat(properties.getPool().getValidationTimeout()).isEqualTo(Duration.ofMillis(100));
			});
	}

	@Test
	void bindWhenPoolValidationUnsetShouldUseTheDefaultOfThePool() {
		// the defaults are written out in the properties for the configuration metadata
		assertThat(new LettuceClientConfigurationMapper(new RedisResilienceProperties()).poolValidation())
			.isEqualTo(PoolValidation.DEFAULT);
	}

	@Test
	void bindWhenTlsShorthandAndTlsGroupShouldStart() {
		this.contextRunner.withPropertyValues("redis.tls=true", "redis.tls.verify-mode=ca")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void bindWhenServiceLinkVariablesShouldIgnoreThemAndStart(CapturedOutput output) {
		this.contextRunner
			.withInitializer((context) -> context.getEnvironment()
				.getPropertySources()
				.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
						new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
								Map.of("REDIS_PORT", "tcp://10.0.0.1:6379", "REDIS_PORT_6379_TCP",
										"tcp://10.0.0.1:6379", "REDIS_PORT_6379_TCP_ADDR", "10.0.0.1",
										"REDIS_PORT_6379_TCP_PROTO", "tcp", "REDIS_SERVICE_HOST", "10.0.0.1",
										"REDIS_SERVICE_PORT", "6379", "REDIS_NAME", "/app/redis", "REDIS_TLS_URL",
										"rediss://:pw@10.0.0.1:6380", "REDIS_HOST", "redis.example.com"))))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				RedisResilienceProperties properties = context.getBean(RedisResilienceProperties.class);
				assertThat(properties.getHost()).isEqualTo("redis.example.com");
				assertThat(properties.getPort()).isEqualTo(6379);
				assertThat(output).contains("Ignoring the environment variable that sets redis.port");
			});
	}

	@Test
	void bindWhenPortVariableIsNumberShouldUseIt() {
		this.contextRunner
			.withInitializer((context) -> context.getEnvironment()
				.getPropertySources()
				.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
						new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
								Map.of("REDIS_PORT", "6380"))))
			.run((context) -> assertThat(context.getBean(RedisResilienceProperties.class).getPort()).isEqualTo(6380));
	}

	@Test
	void bindWhenServiceLinkValueInApplicationPropertiesShouldFail() {
		this.contextRunner.withPropertyValues("redis.port=tcp://10.0.0.1:6379").run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = new RedisBindFailureAnalyzer().analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).contains("redis.port").contains("is not a whole number");
		});
	}

}
