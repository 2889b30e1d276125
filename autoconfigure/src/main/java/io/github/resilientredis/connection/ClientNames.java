package io.github.resilientredis.connection;

import org.jspecify.annotations.Nullable;

import org.springframework.util.StringUtils;

/**
 * The one derivation of client names ({@code CLIENT SETNAME}): the application's
 * connections are named {@code redis.client-name}, else {@code spring.application.name}
 * (whitespace becomes {@code -}, which {@code CLIENT SETNAME} rejects), else
 * {@value #DEFAULT}; out-of-band connections (health, monitoring, hang detection) add
 * {@value #OUT_OF_BAND_SUFFIX}.
 */
public final class ClientNames {

	/**
	 * Client name used when neither {@code redis.client-name} nor
	 * {@code spring.application.name} is set.
	 */
	public static final String DEFAULT = "resilient-redis-app";

	/**
	 * Ends the client name of every out-of-band connection.
	 */
	public static final String OUT_OF_BAND_SUFFIX = ":oob";

	private ClientNames() {
	}

	/**
	 * The configured client name, if any.
	 * @param clientName {@code redis.client-name}
	 * @param applicationName {@code spring.application.name}
	 * @return the client name, or {@code null} when neither is set
	 */
	public static @Nullable String configured(@Nullable String clientName, @Nullable String applicationName) {
		if (StringUtils.hasText(clientName)) {
			return clientName;
		}
		return StringUtils.hasText(applicationName) ? applicationName.trim().replaceAll("\\s+", "-") : null;
	}

	/**
	 * The client name of the application's connections.
	 * @param clientName {@code redis.client-name}
	 * @param applicationName {@code spring.application.name}
	 * @return the client name, {@value #DEFAULT} when neither is set
	 */
	public static String of(@Nullable String clientName, @Nullable String applicationName) {
		String configured = configured(clientName, applicationName);
		return (configured != null) ? configured : DEFAULT;
	}

	/**
	 * The client name of out-of-band connections.
	 * @param clientName the application's client name, {@code null} when it has none
	 * @return {@code <clientName>:oob}
	 */
	public static String outOfBand(@Nullable String clientName) {
		return (StringUtils.hasText(clientName) ? clientName : DEFAULT) + OUT_OF_BAND_SUFFIX;
	}

}
