package io.github.resilientredis.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;

import io.github.resilientredis.connection.InvalidRedisConfigurationException;

/**
 * Turns an {@link InvalidRedisConfigurationException} into the startup failure report:
 * the property and the problem, and the action naming the property with a correct
 * example.
 */
class InvalidRedisConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<InvalidRedisConfigurationException>
		implements Ordered {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidRedisConfigurationException cause) {
		return new FailureAnalysis("Invalid Redis configuration: " + cause.getProperty() + ": " + cause.getProblem(),
				cause.getAction(), cause);
	}

	@Override
	public int getOrder() {
		// Before Boot's generic analyzers, which would report a wrapping exception instead.
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
