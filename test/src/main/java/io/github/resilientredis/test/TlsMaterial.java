package io.github.resilientredis.test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.SslOptions;

/**
 * PEM certificates and unencrypted PKCS#8 keys for TLS tests: a throw-away CA, a server
 * certificate (SAN {@code DNS:localhost, IP:127.0.0.1}) and a client certificate, all
 * signed by that CA. Generated once per JVM with the {@code openssl} CLI.
 *
 * @param caCertFile the CA certificate that signed the server and client certificates
 * @param serverCertFile the server certificate
 * @param serverKeyFile the server private key
 * @param clientCertFile the client certificate (for mutual TLS)
 * @param clientKeyFile the client private key (for mutual TLS)
 */
public record TlsMaterial(Path caCertFile, Path serverCertFile, Path serverKeyFile, Path clientCertFile,
		Path clientKeyFile) {

	private static TlsMaterial shared;

	/**
	 * Return the TLS material of this JVM, generating it on first use.
	 * @return the shared TLS material
	 * @throws IllegalStateException when {@code openssl} is missing or fails
	 */
	public static synchronized TlsMaterial shared() {
		if (shared == null) {
			shared = generate();
		}
		return shared;
	}

	/**
	 * Lettuce SSL options that trust the fixture CA (server verification only).
	 * @return the SSL options
	 */
	public SslOptions sslOptions() {
		return SslOptions.builder().jdkSslProvider().trustManager(this.caCertFile.toFile()).build();
	}

	/**
	 * Lettuce SSL options that trust the fixture CA and present the client certificate.
	 * @return the SSL options for mutual TLS
	 */
	public SslOptions mutualSslOptions() {
		return SslOptions.builder()
			.jdkSslProvider()
			.trustManager(this.caCertFile.toFile())
			.keyManager(this.clientCertFile.toFile(), this.clientKeyFile.toFile(), null)
			.build();
	}

	private static TlsMaterial generate() {
		try {
			Path dir = Files.createTempDirectory("redis-fixture-tls-");
			TempDirs.deleteOnExit(dir);
			openssl(dir, "req", "-x509", "-new", "-nodes", "-newkey", "rsa:2048", "-sha256", "-days", "30", "-subj",
					"/CN=resilient-redis-fixture-ca", "-keyout", "ca.key", "-out", "ca.crt");
			issue(dir, "server", "/CN=localhost", "extendedKeyUsage=serverAuth\nsubjectAltName=DNS:localhost,IP:127.0.0.1\n");
			issue(dir, "client", "/CN=fixture-client", "extendedKeyUsage=clientAuth\n");
			return new TlsMaterial(dir.resolve("ca.crt"), dir.resolve("server.crt"), dir.resolve("server.key"),
					dir.resolve("client.crt"), dir.resolve("client.key"));
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not generate TLS material for the Redis test fixture", ex);
		}
	}

	private static void issue(Path dir, String name, String subject, String extensions) throws IOException {
		Files.writeString(dir.resolve(name + ".ext"),
				"basicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\n" + extensions,
				StandardCharsets.US_ASCII);
		openssl(dir, "req", "-new", "-nodes", "-newkey", "rsa:2048", "-subj", subject, "-keyout", name + ".key",
				"-out", name + ".csr");
		openssl(dir, "x509", "-req", "-in", name + ".csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial",
				"-days", "30", "-sha256", "-extfile", name + ".ext", "-out", name + ".crt");
	}

	private static void openssl(Path dir, String... args) throws IOException {
		List<String> command = new ArrayList<>();
		command.add("openssl");
		command.addAll(List.of(args));
		Path output = dir.resolve("openssl.out");
		Process process;
		try {
			process = new ProcessBuilder(command).directory(dir.toFile())
				.redirectErrorStream(true)
				.redirectOutput(output.toFile())
				.start();
		}
		catch (IOException ex) {
			throw new IllegalStateException(
					"TLS tests need the openssl CLI on the PATH (e.g. apt-get install openssl): " + ex.getMessage(), ex);
		}
		try {
			if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
				process.destroyForcibly();
				throw new IllegalStateException("'" + String.join(" ", command) + "' failed:\n"
						+ Files.readString(output, StandardCharsets.UTF_8));
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while generating TLS material", ex);
		}
	}

}
