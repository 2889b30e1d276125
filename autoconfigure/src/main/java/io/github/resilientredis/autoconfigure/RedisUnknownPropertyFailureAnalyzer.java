package io.github.resilientredis.autoconfigure;

import java.beans.PropertyDescriptor;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.BeanUtils;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.boot.context.properties.bind.UnboundConfigurationPropertiesException;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;

/**
 * Explains an unknown {@code redis.*} key ({@code ignoreUnknownFields = false} on
 * {@link RedisResilienceProperties}): names the key, where it was set, and the closest
 * valid key, read from the JavaBean tree the binder and the configuration metadata are
 * built from. Never shows the value, which may be a misspelt password property.
 */
class RedisUnknownPropertyFailureAnalyzer extends AbstractFailureAnalyzer<UnboundConfigurationPropertiesException>
		implements Ordered {

	private static final String PREFIX = "redis.";

	/** Every {@code redis.*} property name in its canonical (dashed) form, sorted. */
	static final List<String> NAMES = collect();

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
			String closest = closest(name);
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

	/**
	 * Return the known property most likely meant by an unknown one: one whose last part
	 * is the same (a property put in the wrong group), else one within a few typing
	 * mistakes; {@code null} when none is close.
	 */
	static @Nullable String closest(String unknown) {
		String name = unknown.replaceAll("\\[[^\\]]*\\]", "").toLowerCase(Locale.ROOT);
		String lastPart = name.substring(name.lastIndexOf('.') + 1);
		Comparator<String> byDistance = Comparator.comparingInt((candidate) -> distance(name, candidate));
		return NAMES.stream()
			.filter((candidate) -> candidate.endsWith("." + lastPart))
			.min(byDistance)
			// a few typos, not a different word: one mistake per five characters, at least two
			.or(() -> NAMES.stream()
				.min(byDistance)
				.filter((nearest) -> distance(name, nearest) <= Math.max(2, name.length() / 5)))
			.orElse(null);
	}

	private static List<String> collect() {
		// redis.tls=true (REDIS_TLS) is read from the environment, not bound to the tree
		List<String> names = new ArrayList<>(List.of("redis.tls"));
		collect("redis", RedisResilienceProperties.class, names);
		names.sort(null);
		return List.copyOf(names);
	}

	private static void collect(String prefix, Class<?> type, List<String> names) {
		for (PropertyDescriptor descriptor : BeanUtils.getPropertyDescriptors(type)) {
			String name = prefix + "." + DataObjectPropertyName.toDashedForm(descriptor.getName());
			Class<?> propertyType = descriptor.getPropertyType();
			if (descriptor.getReadMethod() != null && descriptor.getWriteMethod() != null) {
				names.add(name);
			}
			// a nested group at any depth: a non-enum type of this package (not getClass())
			else if (descriptor.getReadMethod() != null && !propertyType.isEnum()
					&& propertyType.getPackageName().equals(RedisResilienceProperties.class.getPackageName())) {
				collect(name, propertyType, names);
			}
		}
	}

	/**
	 * Levenshtein distance: neither Spring nor the starter's dependencies offer one, and a
	 * dependency (commons-text) for a dozen lines is not worth it.
	 */
	static int distance(String a, String b) {
		int[] row = IntStream.rangeClosed(0, b.length()).toArray();
		for (int i = 1; i <= a.length(); i++) {
			int diagonal = row[0];
			row[0] = i;
			for (int j = 1; j <= b.length(); j++) {
				int substitution = diagonal + ((a.charAt(i - 1) == b.charAt(j - 1)) ? 0 : 1);
				diagonal = row[j];
				row[j] = Math.min(substitution, Math.min(diagonal, row[j - 1]) + 1);
			}
		}
		return row[b.length()];
	}

}
