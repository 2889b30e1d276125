package io.github.resilientredis.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.pem.PemSslStoreBundle;
import org.springframework.boot.ssl.pem.PemSslStoreDetails;

/**
 * Spring Boot connection details of a {@link RedisServer}: its address, the credentials it
 * was started with (the ACL user if any, else the {@code requirepass} password) and, for a
 * TLS-only server, an {@link SslBundle} trusting the fixture's CA.
 */
final class RedisServerConnectionDetails implements DataRedisConnectionDetails {

	private final RedisServer server;

	RedisServerConnectionDetails(RedisServer server) {
		this.server = server;
	}

	@Override
	public String getUsername() {
		return this.server.options().aclUser();
	}

	@Override
	public String getPassword() {
		RedisServerOptions options = this.server.options();
		return (options.aclUser() != null) ? options.aclPassword() : options.requirePass();
	}

	@Override
	public Standalone getStandalone() {
		if (isTlsOnly()) {
			// the server certificate names localhost and 127.0.0.1
			return Standalone.of("localhost", this.server.tlsPort());
		}
		return Standalone.of(this.server.host(), this.server.port());
	}

	@Override
	public SslBundle getSslBundle() {
		if (!isTlsOnly()) {
			return null;
		}
		try {
			String ca = Files.readString(this.server.tls().caCertFile(), StandardCharsets.US_ASCII);
			return SslBundle.of(new PemSslStoreBundle(null, PemSslStoreDetails.forCertificate(ca)));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read the Redis test fixture's CA certificate", ex);
		}
	}

	private boolean isTlsOnly() {
		return this.server.port() <= 0;
	}

	@Override
	public String toString() {
		return "RedisServerConnectionDetails[" + this.server.url() + "]";
	}

}
