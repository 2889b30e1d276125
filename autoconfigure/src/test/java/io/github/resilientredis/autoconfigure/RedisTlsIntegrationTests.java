package io.github.resilientredis.autoconfigure;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.resilientredis.test.RedisServer;
import io.github.resilientredis.test.RedisServerExtension;
import io.github.resilientredis.test.TlsMaterial;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * TLS against a real TLS-only redis-server whose certificate is signed by a CA generated
 * at test time: verify modes, CA file, and mutual TLS with a client certificate whose key
 * is PKCS#8, PKCS#1, SEC1 EC or encrypted PKCS#8 (RSA and EC).
 */
class RedisTlsIntegrationTests {

	@RegisterExtension
	static final RedisServerExtension tls = new RedisServerExtension(RedisServer.builder().tls());

	// plain port too: the fixture's admin connection presents no client certificate
	@RegisterExtension
	static final RedisServerExtension mutualTls = new RedisServerExtension(
			RedisServer.builder().tlsAndPlain().arg("--tls-auth-clients", "yes"));

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(RedisConnectionAutoConfiguration.class, DataRedisAutoConfiguration.class))
		.withPropertyValues("redis.client-name=tls-it", "redis.connect-timeout=2s", "redis.command-timeout=3s");

	@Test
	void redissWhenVerifyModeFullWithCaFileShouldConnect() {
		this.contextRunner
			.withPropertyValues("redis.url=" + tls.server().url(), "redis.tls.verify-mode=full",
					"redis.tls.ca-file=" + material().caCertFile())
			.run((context) -> assertRoundTrip(context.getBean(StringRedisTemplate.class)));
	}

	@Test
	void redissWhenCaFileGivenAsFileUrlShouldConnect() {
		this.contextRunner
			.withPropertyValues("redis.url=" + tls.server().url(),
					"redis.tls.ca-file=" + material().caCertFile().toUri())
			.run((context) -> assertRoundTrip(context.getBean(StringRedisTemplate.class)));
	}

	@Test
	void redissWhenVerifyModeCaWithCaFileShouldConnect() {
		this.contextRunner
			.withPropertyValues("redis.url=rediss://127.0.0.1:" + tls.server().tlsPort(), "redis.tls.verify-mode=ca",
					"redis.tls.ca-file=" + material().caCertFile())
			.run((context) -> assertRoundTrip(context.getBean(StringRedisTemplate.class)));
	}

	@Test
	void redissWhenVerifyModeNoneWithoutCaFileShouldConnect() {
		this.contextRunner.withPropertyValues("redis.url=" + tls.server().url(), "redis.tls.verify-mode=none")
			.run((context) -> assertRoundTrip(context.getBean(StringRedisTemplate.class)));
	}

	@Test
	void redissWhenVerifyModeFullWithoutCaFileShouldFailToConnect() {
		// the JVM trust store does not trust the test CA
		this.contextRunner.withPropertyValues("redis.url=" + tls.server().url(), "redis.tls.verify-mode=full")
			.run((context) -> assertThatExceptionOfType(RedisConnectionFailureException.class)
				.isThrownBy(() -> context.getBean(StringRedisTemplate.class).opsForValue().get("k")));
	}

	@Test
	void tlsEnabledWithPlainSchemeShouldForceTls() {
		this.contextRunner
			.withPropertyValues("redis.url=redis://localhost:" + tls.server().tlsPort(), "redis.tls.enabled=true",
					"redis.tls.ca-file=" + material().caCertFile())
			.run((context) -> assertRoundTrip(context.getBean(StringRedisTemplate.class)));
	}

	@Test
	void sslBundleWhenSetShouldProvideTrustAndKeyMaterial() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class))
			.withPropertyValues("redis.url=rediss://localhost:" + mutualTls.server().tlsPort(), "redis.tls.bundle=redis",
					"spring.ssl.bundle.pem.redis.truststore.certificate=file:" + material().caCertFile(),
					"spring.ssl.bundle.pem.redis.keystore.certificate=file:" + material().clientCertFile(),
					"spring.ssl.bundle.pem.redis.keystore.private-key=file:" + material().clientKeyFile())
			.run((context) -> assertRoundTrip(context.getBean(StringRedisTemplate.class)));
	}

	@Test
	void mutualTlsWhenClientCertificateSetShouldConnect() {
		this.contextRunner
			.withPropertyValues("redis.url=rediss://localhost:" + mutualTls.server().tlsPort(), "redis.tls.ca-file=" + material().caCertFile(),
					"redis.tls.client-cert-file=" + material().clientCertFile(),
					"redis.tls.client-key-file=" + material().clientKeyFile())
			.run((context) -> assertRoundTrip(context.getBean(StringRedisTemplate.class)));
	}

	@Test
	void mutualTlsWhenClientKeyEncryptedShouldConnectWithKeyPassword(@TempDir Path dir) throws Exception {
		Path encryptedKey = dir.resolve("client-encrypted.key");
		Process openssl = new ProcessBuilder("openssl", "pkcs8", "-topk8", "-in", material().clientKeyFile().toString(),
				"-out", encryptedKey.toString(), "-passout", "pass:key-s3cret")
			.redirectErrorStream(true)
			.start();
		assertThat(openssl.waitFor(30, TimeUnit.SECONDS) && openssl.exitValue() == 0).isTrue();
		this.contextRunner
			.withPropertyValues("redis.url=rediss://localhost:" + mutualTls.server().tlsPort(),
					"redis.tls.ca-file=" + material().caCertFile(),
					"redis.tls.client-cert-file=" + material().clientCertFile(),
					"redis.tls.client-key-file=" + encryptedKey, "redis.tls.client-key-password=key-s3cret")
			.run((context) -> assertRoundTrip(context.getBean(StringRedisTemplate.class)));
	}

	@Test
	void mutualTlsWhenClientKeyIsPkcs1ShouldConnect(@TempDir Path dir) throws Exception {
		Path pkcs1Key = dir.resolve("client-pkcs1.key");
		openssl(dir, "pkey", "-in", material().clientKeyFile().toString(), "-traditional", "-out", pkcs1Key.toString());
		assertThat(pkcs1Key).content().startsWith("-----BEGIN RSA PRIVATE KEY-----");
		this.contextRunner
			.withPropertyValues("redis.url=rediss://localhost:" + mutualTls.server().tlsPort(),
					"redis.tls.ca-file=" + material().caCertFile(),
					"redis.tls.client-cert-file=" + material().clientCertFile(),
					"redis.tls.client-key-file=" + pkcs1Key)
			.run((context) -> assertRoundTrip(context.getBean(StringRedisTemplate.class)));
	}

	@Test
	void mutualTlsWhenClientKeyIsEcShouldConnect(@TempDir Path dir) throws Exception {
		Path ecCert = ecClientCertificate(dir);
		assertThat(dir.resolve("ec.key")).content().startsWith("-----BEGIN EC PRIVATE KEY-----");
		this.contextRunner
			.withPropertyValues("redis.url=rediss://localhost:" + mutualTls.server().tlsPort(),
					"redis.tls.ca-file=" + material().caCertFile(), "redis.tls.client-cert-file=" + ecCert,
					"redis.tls.client-key-file=" + dir.resolve("ec.key"))
			.run((context) -> assertRoundTrip(context.getBean(StringRedisTemplate.class)));
	}

	@Test
	void mutualTlsWhenClientKeyIsEncryptedEcShouldConnectWithKeyPassword(@TempDir Path dir) throws Exception {
		Path ecCert = ecClientCertificate(dir);
		Path encryptedKey = dir.resolve("ec-encrypted.key");
		openssl(dir, "pkcs8", "-topk8", "-in", "ec.key", "-out", encryptedKey.toString(), "-passout",
				"pass:ec-s3cret");
		assertThat(encryptedKey).content().startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----");
		this.contextRunner
			.withPropertyValues("redis.url=rediss://localhost:" + mutualTls.server().tlsPort(),
					"redis.tls.ca-file=" + material().caCertFile(), "redis.tls.client-cert-file=" + ecCert,
					"redis.tls.client-key-file=" + encryptedKey, "redis.tls.client-key-password=ec-s3cret")
			.run((context) -> assertRoundTrip(context.getBean(StringRedisTemplate.class)));
	}

	@Test
	void mutualTlsWhenClientCertificateReplacedOnDiskShouldUseItForTheNextConnection(@TempDir Path dir)
			throws Exception {
		// a self-signed client certificate, which the server (trusting the fixture CA) rejects
		openssl(dir, "req", "-x509", "-new", "-nodes", "-newkey", "rsa:2048", "-sha256", "-days", "2", "-subj",
				"/CN=untrusted-client", "-keyout", "client.key", "-out", "client.crt");
		Path cert = dir.resolve("client.crt");
		Path key = dir.resolve("client.key");
		this.contextRunner
			.withPropertyValues("redis.url=rediss://localhost:" + mutualTls.server().tlsPort(),
					"redis.tls.ca-file=" + material().caCertFile(), "redis.tls.client-cert-file=" + cert,
					"redis.tls.client-key-file=" + key)
			.run((context) -> {
				StringRedisTemplate template = context.getBean(StringRedisTemplate.class);
				assertThatExceptionOfType(RedisConnectionFailureException.class)
					.isThrownBy(() -> template.opsForValue().get("k"));
				Files.copy(material().clientCertFile(), cert, StandardCopyOption.REPLACE_EXISTING);
				Files.copy(material().clientKeyFile(), key, StandardCopyOption.REPLACE_EXISTING);
				await().atMost(Duration.ofSeconds(20))
					.ignoreExceptionsInstanceOf(RedisConnectionFailureException.class)
					.untilAsserted(() -> assertRoundTrip(template));
			});
	}

	/**
	 * A client certificate for a SEC1 EC key ({@code ec.key} in {@code dir}), signed by
	 * the fixture CA whose key sits next to its certificate.
	 */
	private static Path ecClientCertificate(Path dir) throws Exception {
		Path caDir = material().caCertFile().getParent();
		Files.writeString(dir.resolve("ec.ext"), "basicConstraints=CA:FALSE\nkeyUsage=digitalSignature\n"
				+ "extendedKeyUsage=clientAuth\n");
		openssl(dir, "ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "ec.key");
		openssl(dir, "req", "-new", "-key", "ec.key", "-subj", "/CN=fixture-ec-client", "-out", "ec.csr");
		openssl(dir, "x509", "-req", "-in", "ec.csr", "-CA", material().caCertFile().toString(), "-CAkey",
				caDir.resolve("ca.key").toString(), "-CAcreateserial", "-CAserial", "ec.srl", "-days", "2", "-sha256",
				"-extfile", "ec.ext", "-out", "ec.crt");
		return dir.resolve("ec.crt");
	}

	private static void openssl(Path dir, String... args) throws Exception {
		List<String> command = new ArrayList<>();
		command.add("openssl");
		command.addAll(List.of(args));
		Path log = dir.resolve("openssl.log");
		Process openssl = new ProcessBuilder(command).directory(dir.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		assertThat(openssl.waitFor(30, TimeUnit.SECONDS)).isTrue();
		assertThat(openssl.exitValue()).as("%s: %s", command, Files.readString(log)).isZero();
	}

	@Test
	void mutualTlsWhenClientCertificateMissingShouldFailToConnect() {
		this.contextRunner
			.withPropertyValues("redis.url=rediss://localhost:" + mutualTls.server().tlsPort(), "redis.tls.ca-file=" + material().caCertFile())
			.run((context) -> assertThatExceptionOfType(RedisConnectionFailureException.class)
				.isThrownBy(() -> context.getBean(StringRedisTemplate.class).opsForValue().get("k")));
	}

	private static void assertRoundTrip(StringRedisTemplate template) {
		template.opsForValue().set("tls-key", "tls-value");
		assertThat(template.opsForValue().get("tls-key")).isEqualTo("tls-value");
	}

	private static TlsMaterial material() {
		return tls.server().tls();
	}

}
