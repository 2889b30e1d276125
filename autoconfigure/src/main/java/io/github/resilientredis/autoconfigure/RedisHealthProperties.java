package io.github.resilientredis.autoconfigure;

import java.time.Duration;

/**
 * The redis health indicator.
 * <p>
 * Bound under {@code redis.health.*} as part of {@link RedisResilienceProperties}.
 */
public class RedisHealthProperties {

	/**
	 * Hard deadline of the health PING.
	 */
	private Duration timeout = Duration.ofMillis(500);

	/**
	 * How long a health result is reused.
	 */
	private Duration cacheTtl = Duration.ofSeconds(1);

	/**
	 * Status reported while the fallback serves: DEGRADED (HTTP 200) or DOWN (HTTP
	 * 503).
	 */
	private String fallbackStatus = "DEGRADED";

	/**
	 * Status reported while Redis refuses the configuration (wrong password, TLS,
	 * permissions, database): MISCONFIGURED (HTTP 503), DOWN (HTTP 503) or DEGRADED
	 * (HTTP 200).
	 */
	private String misconfiguredStatus = "MISCONFIGURED";

	public Duration getTimeout() {
		return this.timeout;
	}

	public void setTimeout(Duration timeout) {
		this.timeout = timeout;
	}

	public Duration getCacheTtl() {
		return this.cacheTtl;
	}

	public void setCacheTtl(Duration cacheTtl) {
		this.cacheTtl = cacheTtl;
	}

	public String getFallbackStatus() {
		return this.fallbackStatus;
	}

	public void setFallbackStatus(String fallbackStatus) {
		this.fallbackStatus = fallbackStatus;
	}

	public String getMisconfiguredStatus() {
		return this.misconfiguredStatus;
	}

	public void setMisconfiguredStatus(String misconfiguredStatus) {
		this.misconfiguredStatus = misconfiguredStatus;
	}

}
