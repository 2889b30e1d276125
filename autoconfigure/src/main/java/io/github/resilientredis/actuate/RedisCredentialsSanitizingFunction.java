package io.github.resilientredis.actuate;

import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;

import io.github.resilientredis.connection.RedisUrl;

/**
 * Masks the starter's credentials in the {@code env} and {@code configprops} endpoints,
 * also when {@code management.endpoint.env.show-values} or
 * {@code management.endpoint.configprops.show-values} is {@code always}: every
 * {@code redis.*} key that names a password, secret or token ({@code redis.password},
 * {@code redis.sentinel.password}, {@code redis.tls.client-key-password}) is replaced
 * whole, and a URL ({@code redis.url}, or any {@code redis.*} value with credentials
 * before an {@code @}) keeps scheme, host, port and database while its password becomes
 * {@code ****}. Keys are matched in every form they take in a property source:
 * {@code redis.tls.client-key-password}, {@code redis.tls.clientKeyPassword},
 * {@code REDIS_PASSWORD}, {@code REDIS_URL}.
 */
public final class RedisCredentialsSanitizingFunction implements SanitizingFunction {

	// after the "redis" prefix, in lower case without separators
	private static final Pattern CREDENTIAL = Pattern.compile(".*(password|passwd|secret|token|credential|accesskey)");

	@Override
	public Predicate<SanitizableData> filter() {
		return (data) -> data.getLowerCaseKey().startsWith("redis.") || data.getLowerCaseKey().startsWith("redis_");
	}

	@Override
	public SanitizableData apply(SanitizableData data) {
		String key = normalize(data.getLowerCaseKey());
		if (CREDENTIAL.matcher(key).matches()) {
			return data.withSanitizedValue();
		}
		String text = (data.getValue() instanceof CharSequence value) ? value.toString() : null;
		if (text != null && (key.equals("url") || (text.contains("://") && text.indexOf('@') >= 0))) {
			return data.withValue(RedisUrl.maskCredentials(text));
		}
		return data;
	}

	// redis.tls.client-key-password and REDIS_TLS_CLIENTKEYPASSWORD both become tlsclientkeypassword
	private static String normalize(String lowerCaseKey) {
		return lowerCaseKey.substring("redis.".length()).replaceAll("[-_.\\[\\]]", "").toLowerCase(Locale.ROOT);
	}

}
