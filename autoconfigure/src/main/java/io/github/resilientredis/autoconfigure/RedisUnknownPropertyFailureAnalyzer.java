package io.github.resilientredis.autoconfigure;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.UnboundConfigurationPropertiesException;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;

/**
 * Explains an unknown {@code redis.*} key ({@code ignoreUnknownFields = false} on
 * {@link RedisResilienceProperties}): names the key, where it was set, and the closest
 * valid key. Never shows the value, which may be a misspelt password property. Unknown
 * keys under other prefixes are left to Spring Boot's analyzer.
 */
class RedisUnknownPropertyFailureAnalyzer extends AbstractFailureAnalyzer<UnboundConfigurationPropertiesException>
		implements Ordered {

	private static final String PREFIX = "redis.";

	@Override
	protected @Nullable FailureAnalysis analyze(Throwable rootFailure, UnboundConfigurationPropertiesException cause) {
		List<ConfigurationProperty> unknown = cause.getUnboundProperties()
			.stream()
			.filter((property) -> property.getName().toString().startsWith(PREFIX))
			.sorted()
			.toList();
		if (unknown.isEmpty()) {
			return null;
		}
		StringBuilder description = new StringBuilder("Invalid Redis configuration: unknown ")
			.append((unknown.size() == 1) ? "property" : "properties");
		StringBuilder action = new StringBuilder();
		for (ConfigurationProperty property : unknown) {
			String name = property.getName().toString();
			String closest = RedisPropertyNames.closest(name);
			description.append(System.lineSeparator()).append("    ").append(name);
			if (property.getOrigin() != null) {
				description.append(" (from ").append(property.getOrigin()).append(")");
			}
			description.append((closest != null) ? "; did you mean " + closest + "?" : "; no redis.* property is "
					+ "close to it");
			action.append((closest != null) ? "Rename " + name + " to " + closest + ", or remove it. "
					: "Remove " + name + ". ");
		}
		action.append("Every redis.* property is listed in the README and in your IDE's completion. Environment "
				+ "variables and system properties are not checked: Docker and Kubernetes set REDIS_* variables of "
				+ "their own.");
		return new FailureAnalysis(description.toString(), action.toString(), cause);
	}

	@Override
	public int getOrder() {
		// Before Boot's UnboundConfigurationPropertiesFailureAnalyzer, which prints the value.
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
