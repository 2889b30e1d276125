package io.github.resilientredis.autoconfigure;

import java.util.List;

import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RedisBindFailureAnalyzer}: real bind failures produced by an
 * {@link ApplicationContextRunner}, analyzed without Boot's failure reporting.
 */
class RedisBindFailureAnalyzerTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withUserConfiguration(PropertiesConfiguration.class);

	private final RedisBindFailureAnalyzer analyzer = new RedisBindFailureAnalyzer();

	@Test
	void analyzeWhenUnknownVerifyModeShouldListValidValues() {
		FailureAnalysis analysis = analyzeStartupFailure("redis.tls.verify-mode=strict");
		assertThat(analysis.getDescription()).startsWith("Invalid Redis configuration: redis.tls.verify-mode: 'strict'")
			.contains("'strict' is not one of full, ca, none");
		assertThat(analysis.getAction()).contains("redis.tls.verify-mode to one of: full, ca, none")
			.contains("redis.tls.verify-mode=full");
	}

	@Test
	void analyzeWhenTimeoutIsNotADurationShouldShowDurationExample() {
		FailureAnalysis analysis = analyzeStartupFailure("redis.connect-timeout=two seconds");
		assertThat(analysis.getDescription()).contains("redis.connect-timeout")
			.contains("'two seconds' is not a duration");
		assertThat(analysis.getAction()).contains("redis.connect-timeout=2s");
	}

	@Test
	void analyzeWhenNestedDurationInvalidShouldNameNestedProperty() {
		FailureAnalysis analysis = analyzeStartupFailure("redis.pool.max-wait=forever");
		assertThat(analysis.getDescription()).contains("redis.pool.max-wait");
		assertThat(analysis.getAction()).contains("redis.pool.max-wait=2s");
	}

	@Test
	void analyzeWhenIntegerInvalidShouldAskForWholeNumber() {
		FailureAnalysis analysis = analyzeStartupFailure("redis.pool.max-active=lots");
		assertThat(analysis.getDescription()).contains("redis.pool.max-active").contains("'lots' is not a whole number");
		assertThat(analysis.getAction()).contains("redis.pool.max-active=8");
	}

	@Test
	void analyzeWhenUnknownCacheValueFormatShouldListValidValues() {
		FailureAnalysis analysis = analyzeStartupFailure("redis.cache.value-format=xml");
		assertThat(analysis.getDescription()).contains("redis.cache.value-format").contains("'xml' is not one of");
		assertThat(analysis.getAction()).contains("redis.cache.value-format to one of:").contains("json");
	}

	@Test
	void analyzeWhenCompressionThresholdIsNotASizeShouldShowSizeExample() {
		FailureAnalysis analysis = analyzeStartupFailure("redis.cache.compression.threshold=big");
		assertThat(analysis.getDescription()).contains("redis.cache.compression.threshold")
			.contains("'big' is not a data size");
		assertThat(analysis.getAction()).contains("redis.cache.compression.threshold=1KB");
	}

	@Test
	void analyzeWhenBooleanInvalidShouldAskForTrueOrFalse() {
		FailureAnalysis analysis = analyzeStartupFailure("redis.tls.enabled=maybe");
		assertThat(analysis.getAction()).contains("redis.tls.enabled to true or false");
	}

	@Test
	void analyzeWhenNotARedisPropertyShouldLeaveItToBoot() {
		this.contextRunner.withUserConfiguration(OtherPropertiesConfiguration.class)
			.withPropertyValues("other.timeout=abc")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(this.analyzer.analyze(context.getStartupFailure())).isNull();
			});
	}

	@Test
	void springFactoriesShouldRegisterAnalyzersAheadOfBootBindFailureAnalyzer() {
		List<FailureAnalyzer> analyzers = SpringFactoriesLoader.forDefaultResourceLocation()
			.load(FailureAnalyzer.class, SpringFactoriesLoader.ArgumentResolver
				.of(BeanFactory.class, new DefaultListableBeanFactory())
				.and(Environment.class, new MockEnvironment()),
					// as Boot's FailureAnalyzers: analyzers whose optional classes are absent are skipped
					SpringFactoriesLoader.FailureHandler.logging(LogFactory.getLog(getClass())));
		List<String> names = analyzers.stream().map((analyzer) -> analyzer.getClass().getSimpleName()).toList();
		assertThat(names).contains("RedisBindFailureAnalyzer", "RedisSslBundleFailureAnalyzer",
				"BindValidationFailureAnalyzer", "InvalidConfigurationPropertyValueFailureAnalyzer");
		assertThat(names.indexOf("RedisBindFailureAnalyzer")).isLessThan(names.indexOf("BindFailureAnalyzer"));
	}

	private FailureAnalysis analyzeStartupFailure(String property) {
		FailureAnalysis[] analysis = new FailureAnalysis[1];
		this.contextRunner.withPropertyValues(property).run((context) -> {
			assertThat(context).hasFailed();
			analysis[0] = this.analyzer.analyze(context.getStartupFailure());
		});
		assertThat(analysis[0]).isNotNull();
		return analysis[0];
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(RedisResilienceProperties.class)
	static class PropertiesConfiguration {

	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(OtherProperties.class)
	static class OtherPropertiesConfiguration {

	}

	@ConfigurationProperties("other")
	static class OtherProperties {

		private java.time.Duration timeout;

		public java.time.Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(java.time.Duration timeout) {
			this.timeout = timeout;
		}

	}

}
