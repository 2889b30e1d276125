package io.github.resilientredis.autoconfigure;

import java.time.Duration;
import java.util.Collection;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.BeanWrapperImpl;
import org.springframework.beans.BeansException;
import org.springframework.core.Conventions;
import org.springframework.util.StringUtils;
import org.springframework.validation.BindingResult;
import org.springframework.validation.Errors;
import org.springframework.validation.FieldError;

import io.github.resilientredis.connection.InvalidRedisConfigurationException;
import io.github.resilientredis.connection.RedisUrl;

/**
 * Turns a rejected {@code redis.*} value into the field error Boot's
 * {@code BindValidationFailureAnalyzer} prints as {@code Property / Value / Reason}, with
 * the value masked: Boot prints it as given, and a URL, host, node list or password may
 * hold a secret.
 */
final class RedisValidationErrors {

	static final String CODE = "invalid";

	private static final String PREFIX = "redis.";

	private static final String MASK = "****";

	private RedisValidationErrors() {
	}

	/** Record the rejection, reachable through {@link FieldError#unwrap(Class)}. */
	static void reject(Object target, Errors errors, InvalidRedisConfigurationException ex) {
		String property = ex.getProperty();
		String field = property.startsWith(PREFIX) ? property.substring(PREFIX.length()) : property;
		String reason = ex.getMessage() + ". " + ex.getAction();
		if (!(errors instanceof BindingResult result)) {
			errors.reject(CODE, reason);
			return;
		}
		FieldError error = new FieldError(result.getObjectName(), field, display(field, value(target, field)), false,
				new String[] { CODE + "." + field, CODE }, null, reason);
		error.wrap(ex);
		result.addError(error);
	}

	/**
	 * A {@code redis.*} value, bound or as given, as an error message may show it.
	 * @param field the property below {@code redis.}, e.g. {@code pool.max-active}
	 */
	static @Nullable Object display(String field, @Nullable Object value) {
		if (value == null) {
			return null;
		}
		if (field.contains("password")) {
			return MASK;
		}
		if (value instanceof Duration duration) {
			return RedisPropertiesValidator.format(duration);
		}
		String text = (value instanceof Collection<?> values) ? StringUtils.collectionToCommaDelimitedString(values)
				: String.valueOf(value);
		if (field.equals("url")) {
			return RedisUrl.maskCredentials(text);
		}
		if (field.equals("host") || field.endsWith(".nodes") || text.contains("@") || text.contains("://")) {
			// a value that is no host name may be a password set in the wrong variable
			return RedisUrl.maskInvalid(text);
		}
		return text;
	}

	private static @Nullable Object value(Object target, String field) {
		try {
			return new BeanWrapperImpl(target).getPropertyValue(Conventions.attributeNameToPropertyName(field));
		}
		catch (BeansException ex) {
			return null;
		}
	}

}
