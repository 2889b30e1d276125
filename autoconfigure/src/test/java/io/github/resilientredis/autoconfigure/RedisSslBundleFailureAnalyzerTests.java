package io.github.resilientredis.autoconfigure;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.ssl.DefaultSslBundleRegistry;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslStoreBundle;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RedisSslBundleFailureAnalyzer}, without a Spring context.
 */
class RedisSslBundleFailureAnalyzerTests {

	@Test
	void analyzeWhenBundleNamedByRedisTlsBundleIsMissingShouldExplainHowToDefineIt() {
		DefaultSslBundleRegistry registry = new DefaultSslBundleRegistry();
		registry.registerBundle("web", SslBundle.of(SslStoreBundle.NONE));
		FailureAnalysis analysis = analyzer("redis-tls", registry).analyze(missing("redis-tls"));
		assertThat(analysis).isNotNull();
		assertThat(analysis.getDescription()).isEqualTo("Invalid Redis configuration: redis.tls.bundle: the SSL bundle "
				+ "'redis-tls' is not defined (defined bundles: web)");
		assertThat(analysis.getAction()).contains("spring.ssl.bundle.pem.redis-tls.truststore.certificate=")
			.contains("set redis.tls.bundle to the name of an existing bundle");
	}

	@Test
	void analyzeWhenNoBundlesShouldSaySo() {
		FailureAnalysis analysis = analyzer("redis-tls", new DefaultSslBundleRegistry()).analyze(missing("redis-tls"));
		assertThat(analysis.getDescription()).endsWith("(no SSL bundles are defined)");
	}

	@Test
	void analyzeWithoutBeanFactoryShouldStillExplain() {
		MockEnvironment environment = new MockEnvironment().withProperty("redis.tls.bundle", "redis-tls");
		FailureAnalysis analysis = new RedisSslBundleFailureAnalyzer(environment, null).analyze(missing("redis-tls"));
		assertThat(analysis.getDescription()).endsWith("'redis-tls' is not defined");
	}

	@Test
	void analyzeWhenMissingBundleIsNotRedisBundleShouldReturnNull() {
		assertThat(analyzer("redis-tls", new DefaultSslBundleRegistry()).analyze(missing("server"))).isNull();
		assertThat(new RedisSslBundleFailureAnalyzer(null, null).analyze(missing("redis-tls"))).isNull();
	}

	private static RedisSslBundleFailureAnalyzer analyzer(String bundle, DefaultSslBundleRegistry registry) {
		MockEnvironment environment = new MockEnvironment().withProperty("redis.tls.bundle", bundle);
		DefaultListableBeanFactory beanFactory = new DefaultListableBeanFactory();
		beanFactory.registerSingleton("sslBundleRegistry", registry);
		return new RedisSslBundleFailureAnalyzer(environment, beanFactory);
	}

	private static Throwable missing(String name) {
		return new BeanCreationException("redisConnectionFactory",
				new NoSuchSslBundleException(name, "SSL bundle name '%s' cannot be found".formatted(name)));
	}

}
