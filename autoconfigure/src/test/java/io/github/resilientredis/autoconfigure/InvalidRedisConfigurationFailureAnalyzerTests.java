package io.github.resilientredis.autoconfigure;

import java.util.List;

import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.env.Environment;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.mock.env.MockEnvironment;

import io.github.resilientredis.connection.InvalidRedisConfigurationException;
import io.github.resilientredis.connection.RedisUrl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Tests for {@link InvalidRedisConfigurationFailureAnalyzer}, without a Spring context.
 */
class InvalidRedisConfigurationFailureAnalyzerTests {

	private final InvalidRedisConfigurationFailureAnalyzer analyzer = new InvalidRedisConfigurationFailureAnalyzer();

	@Test
	void analyzeShouldDescribePropertyAndProblemAndGiveAction() {
		InvalidRedisConfigurationException ex = new InvalidRedisConfigurationException("redis.pool.max-idle",
				"is 9 but must be between 0 and redis.pool.max-active (8)", "Set a valid value, e.g. redis.pool.max-idle=8.");
		FailureAnalysis analysis = this.analyzer.analyze(new BeanCreationException("redisConnectionFactory", ex));
		assertThat(analysis).isNotNull();
		assertThat(analysis.getDescription()).isEqualTo(
				"Invalid Redis configuration: redis.pool.max-idle: is 9 but must be between 0 and redis.pool.max-active (8)");
		assertThat(analysis.getAction()).isEqualTo("Set a valid value, e.g. redis.pool.max-idle=8.");
		assertThat(analysis.getCause()).isSameAs(ex);
	}

	@Test
	void analyzeWhenUrlWithUnknownSchemeShouldNameUrlAndNotShowPassword() {
		FailureAnalysis analysis = analyze(() -> RedisUrl.parse("http://app:s3cret@redis.example.com:6379"));
		assertThat(analysis.getDescription()).startsWith("Invalid Redis configuration: redis.url: ")
			.contains("scheme 'http'")
			.doesNotContain("s3cret");
		assertThat(analysis.getAction()).contains("rediss://").doesNotContain("s3cret");
	}

	@Test
	void analyzeWhenSentinelSchemeShouldPointToSentinelProperties() {
		FailureAnalysis analysis = analyze(() -> RedisUrl.parse("redis-sentinel://localhost:26379"));
		assertThat(analysis.getAction()).contains("redis.sentinel.master").contains("redis.sentinel.nodes");
	}

	@Test
	void analyzeWhenPortOutOfRangeShouldNameProperty() {
		FailureAnalysis analysis = analyze(() -> new RedisPropertiesValidator()
			.validate(RedisPropertiesValidatorTests.with((p) -> p.setPort(70000))));
		assertThat(analysis.getDescription()).isEqualTo(
				"Invalid Redis configuration: redis.port: is 70000 but must be from 1 to 65535");
		assertThat(analysis.getAction()).contains("redis.port=6379");
	}

	@Test
	void analyzeWhenMinIdleAboveMaxIdleShouldNameProperty() {
		FailureAnalysis analysis = analyze(() -> new RedisPropertiesValidator()
			.validate(RedisPropertiesValidatorTests.with((p) -> p.getPool().setMinIdle(9))));
		assertThat(analysis.getDescription()).contains("redis.pool.min-idle").contains("redis.pool.max-idle (8)");
		assertThat(analysis.getAction()).contains("redis.pool.min-idle=0");
	}

	@Test
	void analyzeWhenOtherFailureShouldReturnNull() {
		assertThat(this.analyzer.analyze(new IllegalStateException("boom"))).isNull();
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
		assertThat(names).contains("InvalidRedisConfigurationFailureAnalyzer", "RedisBindFailureAnalyzer",
				"RedisSslBundleFailureAnalyzer");
		assertThat(names.indexOf("RedisBindFailureAnalyzer")).isLessThan(names.indexOf("BindFailureAnalyzer"));
	}

	private FailureAnalysis analyze(Runnable action) {
		InvalidRedisConfigurationException ex = catchThrowableOfType(InvalidRedisConfigurationException.class,
				action::run);
		assertThat(ex).isNotNull();
		FailureAnalysis analysis = this.analyzer.analyze(new BeanCreationException("redisConnectionFactory", ex));
		assertThat(analysis).isNotNull();
		return analysis;
	}

}
