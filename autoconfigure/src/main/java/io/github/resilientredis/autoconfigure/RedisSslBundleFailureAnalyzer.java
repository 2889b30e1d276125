package io.github.resilientredis.autoconfigure;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

/**
 * Explains a missing SSL bundle named by {@code redis.tls.bundle}: says how to define
 * it under {@code spring.ssl.bundle.*} and which bundles exist. A missing bundle named
 * elsewhere is left to other analyzers.
 */
class RedisSslBundleFailureAnalyzer extends AbstractFailureAnalyzer<NoSuchSslBundleException> implements Ordered {

	private static final String PROPERTY = "redis.tls.bundle";

	private final @Nullable Environment environment;

	private final @Nullable BeanFactory beanFactory;

	RedisSslBundleFailureAnalyzer(@Nullable Environment environment, @Nullable BeanFactory beanFactory) {
		this.environment = environment;
		this.beanFactory = beanFactory;
	}

	@Override
	protected @Nullable FailureAnalysis analyze(Throwable rootFailure, NoSuchSslBundleException cause) {
		String name = cause.getBundleName();
		if (this.environment == null || !name.equals(this.environment.getProperty(PROPERTY))) {
			return null;
		}
		String description = "Invalid Redis configuration: " + PROPERTY + ": the SSL bundle '" + name
				+ "' is not defined" + existingBundles();
		String action = "Define the bundle under spring.ssl.bundle, e.g. spring.ssl.bundle.pem." + name
				+ ".truststore.certificate=file:/etc/redis/tls/ca.crt (add spring.ssl.bundle.pem." + name
				+ ".keystore.certificate and .keystore.private-key for mutual TLS), or set " + PROPERTY
				+ " to the name of an existing bundle, or remove " + PROPERTY + " and use redis.tls.ca-file.";
		return new FailureAnalysis(description, action, cause);
	}

	private String existingBundles() {
		if (!(this.beanFactory instanceof ListableBeanFactory beans)) {
			return "";
		}
		try {
			List<String> names = beans.getBeanProvider(SslBundles.class)
				.stream()
				.flatMap((bundles) -> bundles.getBundleNames().stream())
				.sorted()
				.toList();
			return names.isEmpty() ? " (no SSL bundles are defined)" : " (defined bundles: " + String.join(", ", names) + ")";
		}
		catch (RuntimeException ex) {
			return "";
		}
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
