package io.github.resilientredis.autoconfigure;

import org.jspecify.annotations.Nullable;

import io.github.resilientredis.autoconfigure.RedisResilienceProperties.VerifyMode;

/**
 * TLS settings.
 * <p>
 * Bound under {@code redis.tls.*} as part of {@link RedisResilienceProperties}.
 */
public class RedisTlsProperties {

	/**
	 * Whether to use TLS. Unset means: on for a rediss:// URL, off otherwise; true
	 * forces TLS for a redis:// URL.
	 */
	private @Nullable Boolean enabled;

	/**
	 * How the server certificate is verified.
	 */
	private VerifyMode verifyMode = VerifyMode.FULL;

	/**
	 * PEM file of the CA certificate(s) that signed the server certificate. The JVM
	 * trust store is used when unset.
	 */
	private @Nullable String caFile;

	/**
	 * PEM file of the client certificate chain, for mutual TLS.
	 */
	private @Nullable String clientCertFile;

	/**
	 * PEM file of the client private key (PKCS#8, PKCS#1 or EC), for mutual TLS.
	 */
	private @Nullable String clientKeyFile;

	/**
	 * Password of the client private key, when client-key-file holds an encrypted
	 * PKCS#8 key.
	 */
	private @Nullable String clientKeyPassword;

	/**
	 * Name of a Spring SSL bundle (spring.ssl.bundle.*) providing trust and key
	 * material. Takes precedence over the PEM files.
	 */
	private @Nullable String bundle;

	public @Nullable Boolean getEnabled() {
		return this.enabled;
	}

	public void setEnabled(@Nullable Boolean enabled) {
		this.enabled = enabled;
	}

	public VerifyMode getVerifyMode() {
		return this.verifyMode;
	}

	public void setVerifyMode(VerifyMode verifyMode) {
		this.verifyMode = verifyMode;
	}

	public @Nullable String getCaFile() {
		return this.caFile;
	}

	public void setCaFile(@Nullable String caFile) {
		this.caFile = caFile;
	}

	public @Nullable String getClientCertFile() {
		return this.clientCertFile;
	}

	public void setClientCertFile(@Nullable String clientCertFile) {
		this.clientCertFile = clientCertFile;
	}

	public @Nullable String getClientKeyFile() {
		return this.clientKeyFile;
	}

	public void setClientKeyFile(@Nullable String clientKeyFile) {
		this.clientKeyFile = clientKeyFile;
	}

	public @Nullable String getClientKeyPassword() {
		return this.clientKeyPassword;
	}

	public void setClientKeyPassword(@Nullable String clientKeyPassword) {
		this.clientKeyPassword = clientKeyPassword;
	}

	public @Nullable String getBundle() {
		return this.bundle;
	}

	public void setBundle(@Nullable String bundle) {
		this.bundle = bundle;
	}

}
