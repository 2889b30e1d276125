package io.github.resilientredis.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;

import org.apache.commons.logging.Log;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.pem.PemContent;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.util.ResourceUtils;
import org.springframework.util.StringUtils;

import io.github.resilientredis.autoconfigure.RedisResilienceProperties.VerifyMode;
import io.github.resilientredis.connection.InvalidRedisConfigurationException;
import io.github.resilientredis.connection.RedisUrl;

import static io.github.resilientredis.autoconfigure.RedisPropertiesValidator.require;

/**
 * Checks the {@code redis.tls.*} properties: consistent with the URL, and PEM files that
 * hold what the property expects as Spring Boot's {@link PemContent} reads them, the
 * way the connection's {@code PemSslStoreBundle} loads them. No message shows the key
 * password.
 */
class RedisTlsPropertiesValidator {

	private static final int MAX_PEM_SIZE = 1024 * 1024;

	private static final String PKCS8_CONVERSION = "openssl pkcs8 -topk8 -nocrypt -in client.key -out client-pkcs8.key";

	private static final String KEY_PASSWORD = "redis.tls.client-key-password";

	private final Log log;

	RedisTlsPropertiesValidator(Log log) {
		this.log = log;
	}

	void validate(RedisTlsProperties tls, @Nullable RedisUrl url) {
		require(!Boolean.FALSE.equals(tls.getEnabled()) || url == null || !url.tls(), "redis.tls.enabled",
				"is false but redis.url uses rediss://, which asks for TLS",
				"Remove redis.tls.enabled to follow the URL, or use a redis:// URL for a plaintext connection.");
		if (hasFiles(tls) && StringUtils.hasText(tls.getBundle())) {
			this.log.warn("redis.tls.ca-file, client-cert-file and client-key-file are ignored because "
					+ "redis.tls.bundle is set; the bundle provides the trust and key material.");
		}
		require(tls.getBundle() == null || StringUtils.hasText(tls.getBundle()), "redis.tls.bundle", "is empty",
				"Name a bundle defined under spring.ssl.bundle.*, e.g. redis.tls.bundle=redis, or remove "
						+ "redis.tls.bundle.");
		require(tls.getClientCertFile() == null || tls.getClientKeyFile() != null, "redis.tls.client-key-file",
				"is missing while redis.tls.client-cert-file is set; mutual TLS needs both",
				"Set redis.tls.client-key-file to the PEM private key (PKCS#8, PKCS#1 or EC) of the client "
						+ "certificate, e.g. redis.tls.client-key-file=/etc/redis/tls/client.key.");
		require(tls.getClientKeyFile() == null || tls.getClientCertFile() != null, "redis.tls.client-cert-file",
				"is missing while redis.tls.client-key-file is set; mutual TLS needs both",
				"Set redis.tls.client-cert-file to the PEM client certificate, e.g. "
						+ "redis.tls.client-cert-file=/etc/redis/tls/client.crt.");
		require(!StringUtils.hasText(tls.getClientKeyPassword()) || tls.getClientKeyFile() != null, KEY_PASSWORD,
				"is set but redis.tls.client-key-file is not; it only decrypts that key",
				"Set redis.tls.client-key-file to the encrypted PEM (PKCS#8) private key, e.g. "
						+ "redis.tls.client-key-file=/etc/redis/tls/client.key, or remove " + KEY_PASSWORD + ".");
		certificates("redis.tls.ca-file", tls.getCaFile(), "/etc/redis/tls/ca.crt");
		certificates("redis.tls.client-cert-file", tls.getClientCertFile(), "/etc/redis/tls/client.crt");
		privateKey("redis.tls.client-key-file", tls.getClientKeyFile(), tls.getClientKeyPassword());
	}

	/**
	 * Warn about the {@code redis.tls.*} settings the connection ignores; called once the
	 * connection has decided on TLS and a bundle, which binding cannot know
	 * ({@code REDIS_TLS} and Boot's connection details are read later).
	 */
	void warnIgnored(RedisTlsProperties tls, boolean tlsOn, @Nullable SslBundle sslBundle) {
		if (!tlsOn && tls.getVerifyMode() == VerifyMode.NONE) {
			this.log.warn("redis.tls.verify-mode=none has no effect because TLS is off; use a rediss:// URL or set "
					+ "redis.tls.enabled=true to encrypt the connection.");
		}
		if (!tlsOn && hasFiles(tls)) {
			this.log.warn("redis.tls.* files are ignored because TLS is off; use a rediss:// URL or set "
					+ "redis.tls.enabled=true.");
		}
		if (tlsOn && hasFiles(tls) && sslBundle != null && !StringUtils.hasText(tls.getBundle())) {
			this.log.warn("redis.tls.ca-file, client-cert-file and client-key-file are ignored because the "
					+ "connection details provide an SSL bundle (spring.data.redis.ssl.bundle or a service "
					+ "connection), which gives the trust and key material.");
		}
	}

	private static boolean hasFiles(RedisTlsProperties tls) {
		return tls.getCaFile() != null || tls.getClientCertFile() != null || tls.getClientKeyFile() != null;
	}

	private void certificates(String property, @Nullable String location, String example) {
		if (location == null) {
			return;
		}
		PemContent pem = PemContent.of(read(property, location, example));
		IllegalStateException failure = failure(pem::getCertificates);
		if (failure != null) {
			// Boot fails without a cause when it finds no key at all, with one when it cannot read it
			IllegalStateException keyFailure = failure(pem::getPrivateKey);
			require(keyFailure != null && keyFailure.getCause() == null, property,
					"'" + location + "' holds a private key, not a certificate", certificateAction(property, example));
			require(failure.getCause() != null, property, "'" + location + "' holds no PEM certificate "
					+ "(-----BEGIN CERTIFICATE-----)", certificateAction(property, example));
			throw new InvalidRedisConfigurationException(property, "'" + location + "' holds a malformed certificate (" + failure.getMessage() + ")",
					"Point " + property + " at a valid PEM certificate file, e.g. " + property + "=" + example
							+ "; 'openssl x509 -in <file> -noout -text' shows what is wrong.");
		}
		for (X509Certificate certificate : pem.getCertificates()) {
			if (certificate.getNotAfter().toInstant().isBefore(Instant.now())) {
				this.log.warn(property + ": the certificate '" + certificate.getSubjectX500Principal().getName()
						+ "' in '" + location + "' expired on " + certificate.getNotAfter().toInstant()
						+ "; TLS handshakes that rely on it will fail.");
			}
		}
	}

	private static String certificateAction(String property, String example) {
		return "Point " + property + " at a PEM certificate file, e.g. " + property + "=" + example
				+ ". Convert a DER certificate with 'openssl x509 -inform der -in cert.der -out cert.pem'"
				+ " or extract one from PKCS#12 with 'openssl pkcs12 -in store.p12 -nokeys -out cert.pem'.";
	}

	private void privateKey(String property, @Nullable String location, @Nullable String password) {
		if (location == null) {
			return;
		}
		String example = "/etc/redis/tls/client.key";
		PemContent pem = PemContent.of(read(property, location, example));
		boolean hasPassword = StringUtils.hasText(password);
		IllegalStateException ex = failure(() -> pem.getPrivateKey(hasPassword ? password : null));
		if (ex != null && ex.getCause() == null) {
			String problem = (failure(pem::getCertificates) == null)
					? "holds a certificate, not a private key (are redis.tls.client-cert-file and "
							+ "redis.tls.client-key-file swapped?)"
					: "holds no PEM private key (-----BEGIN PRIVATE KEY-----)";
			throw new InvalidRedisConfigurationException(property, "'" + location + "' " + problem, "Point " + property + " at the PEM private "
					+ "key (PKCS#8, PKCS#1 or EC) of the client certificate, e.g. " + property + "=" + example
					+ "; convert other formats with '" + PKCS8_CONVERSION + "'.");
		}
		if (ex != null) {
			require(hasPassword, property, "'" + location + "' holds a private key that cannot be read without a "
					+ "password (" + ex.getMessage() + ") and " + KEY_PASSWORD + " is not set", "Set " + KEY_PASSWORD
							+ " to its password (e.g. from the environment variable REDIS_TLS_CLIENTKEYPASSWORD), or "
							+ "decrypt the key with '" + PKCS8_CONVERSION + "' (it asks for the passphrase) and point "
							+ property + " at the result.");
			// the cause is not shown: the failure is the password's, and must not echo it
			throw new InvalidRedisConfigurationException(KEY_PASSWORD, "does not decrypt '" + location + "' (" + property + "): the password is "
					+ "wrong, or the JVM does not support the key's encryption", "Set " + KEY_PASSWORD + " to the "
							+ "password the key was encrypted with, or decrypt the key with '" + PKCS8_CONVERSION
							+ "' and remove " + KEY_PASSWORD + ".");
		}
		require(!hasPassword || failure(pem::getPrivateKey) != null, KEY_PASSWORD,
				"is set but '" + location + "' (" + property + ") does not hold an encrypted private key",
				"Remove " + KEY_PASSWORD + " for an unencrypted key, or point " + property
						+ " at the encrypted PEM (PKCS#8) key ('-----BEGIN ENCRYPTED PRIVATE KEY-----').");
	}

	/** How Spring Boot's {@link PemContent} fails to read something, {@code null} if it reads. */
	private static @Nullable IllegalStateException failure(Runnable read) {
		try {
			read.run();
			return null;
		}
		catch (IllegalStateException ex) {
			return ex;
		}
	}

	private String read(String property, String location, String example) {
		boolean url = ResourceUtils.isUrl(location);
		Resource resource = url ? new DefaultResourceLoader().getResource(location) : new FileSystemResource(location);
		@Nullable Path path = url ? null : Path.of(location);
		String where = "'" + location + "'"
				+ ((path == null || path.isAbsolute()) ? "" : " (resolved to " + path.toAbsolutePath() + ")");
		require(resource.exists(), property, "file " + where + " does not exist", "Set " + property
				+ " to the path of an existing PEM file, e.g. " + property + "=" + example + ".");
		// a directory is not readable to Spring's file resources
		require(resource.isReadable(), property, "file " + where + " cannot be read (a "
				+ "directory, or no read permission)", "Make the file readable by the application's user, e.g. "
						+ "chmod 640 and the right group, and set " + property + "=" + example + ".");
		try (InputStream in = resource.getInputStream()) {
			return new String(in.readNBytes(MAX_PEM_SIZE), StandardCharsets.ISO_8859_1);
		}
		catch (IOException ex) {
			throw new InvalidRedisConfigurationException(property, "file " + where + " cannot be read ("
					+ ex.getMessage() + ")", "Check the file and set " + property + "=" + example + ".");
		}
	}

}
