package io.github.resilientredis.autoconfigure;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.UnboundConfigurationPropertiesException;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.convert.ConversionFailedException;
import org.springframework.core.convert.TypeDescriptor;
import org.springframework.util.ClassUtils;
import org.springframework.util.unit.DataSize;

/**
 * Explains a {@code redis.*} property whose value cannot be converted (an unknown
 * {@code redis.tls.verify-mode}, a timeout that is not a duration, ...) by naming the
 * property and the valid values, masking secrets. Boot's {@code BindFailureAnalyzer}
 * does not fit: it prints the value as given (a URL in the wrong property can show a
 * password) and the converter's exception, never that a duration needs a unit.
 */
class RedisBindFailureAnalyzer extends AbstractFailureAnalyzer<BindException> implements Ordered {

	private static final String PREFIX = "redis.";

	@Override
	protected @Nullable FailureAnalysis analyze(Throwable rootFailure, BindException cause) {
		if (!cause.getName().toString().startsWith(PREFIX) || cause.getCause() instanceof BindValidationException
				|| cause.getCause() instanceof UnboundConfigurationPropertiesException) {
			return null;
		}
		String property = cause.getName().toString();
		ConfigurationProperty bound = cause.getProperty();
		StringBuilder description = new StringBuilder("Invalid Redis configuration: ").append(property).append(": ");
		String field = property.substring(PREFIX.length());
		description.append((bound != null) ? "'" + RedisPropertiesValidator.display(field, bound.getValue()) + "'"
				: "the value");
		ConversionFailedException conversion = findCause(cause, ConversionFailedException.class);
		TypeDescriptor target = (conversion != null) ? conversion.getTargetType() : null;
		Expected expected = (target != null) ? Expected.of(target.getType(), property) : null;
		description.append((expected != null) ? " is not " + expected.name() : " cannot be bound");
		if (bound != null && bound.getOrigin() != null) {
			description.append(" (from ").append(bound.getOrigin()).append(")");
		}
		return new FailureAnalysis(description.toString(), (expected != null) ? expected.action() : review(property),
				cause);
	}

	/**
	 * What a property expects, for the description, and how to set it, for the action.
	 */
	private record Expected(String name, String action) {

		static Expected of(Class<?> type, String property) {
			Class<?> boxed = ClassUtils.resolvePrimitiveIfNecessary(type);
			if (boxed.isEnum()) {
				String values = enumValues(boxed);
				return new Expected("one of " + values, "Set " + property + " to one of: " + values + " (e.g. "
						+ property + "=" + values.split(", ")[0] + ").");
			}
			if (boxed == Duration.class) {
				return of(property, "a duration", "a duration with a unit", "2s (also 500ms, 1m, or ISO-8601 such "
						+ "as PT2S); a bare number means milliseconds");
			}
			if (boxed == DataSize.class) {
				return of(property, "a data size", "a size with a unit", "1KB (also 512B, 2MB); a bare number means bytes");
			}
			if (boxed == Boolean.class) {
				return of(property, "true or false", "true or false", "true");
			}
			if (boxed == Integer.class || boxed == Long.class) {
				return of(property, "a whole number", "a whole number", "8");
			}
			if (boxed == Float.class || boxed == Double.class) {
				return of(property, "a number", "a number", "50");
			}
			return new Expected("a valid " + boxed.getSimpleName(), review(property));
		}

		private static Expected of(String property, String name, String what, String example) {
			return new Expected(name, "Set " + property + " to " + what + ", e.g. " + property + "=" + example + ".");
		}

	}

	private static String review(String property) {
		return "Review the value of " + property + "; the redis.* properties and their defaults are listed in the "
				+ "README and in your IDE's completion.";
	}

	private static String enumValues(Class<?> type) {
		return Arrays.stream(type.getEnumConstants())
			.map((value) -> ((Enum<?>) value).name().toLowerCase(Locale.ROOT).replace('_', '-'))
			.collect(Collectors.joining(", "));
	}

	@Override
	public int getOrder() {
		// Before Boot's BindFailureAnalyzer, which would claim the failure first.
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
