package io.github.resilientredis.connection;

import java.time.Duration;
import java.util.Optional;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.SslOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettucePoolingClientConfiguration;

import io.github.resilientredis.connection.ConnectionFailureHints.Hint;
import io.github.resilientredis.connection.ConnectionFailureHints.Kind;
import io.github.resilientredis.testsupport.RedisServer;
import io.github.resilientredis.testsupport.RedisServerExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Connects Lettuce to real {@code redis-server} processes the wrong way (TLS mismatch
 * both ways, untrusted certificate, missing client certificate, wrong password,
 * {@code maxclients} used up) and checks that {@link ConnectionFailureHints} recognizes
 * what Lettuce 7 actually throws, within the connect timeout, without leaking the
 * password.
 */
@ExtendWith(OutputCaptureExtension.class)
class ConnectionFailureHintsIntegrationTests {

	private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

	/** Generous: the connect timeout plus scheduling slack on a busy 2-core machine. */
	private static final Duration FAILS_WITHIN = CONNECT_TIMEOUT.plusSeconds(3);

	private static final String PASSWORD = "s3cret-pw";

	@RegisterExtension
	static final RedisServerExtension tlsOnly = new RedisServerExtension(RedisServer.builder().tls());

	@RegisterExtension
	static final RedisServerExtension plain = new RedisServerExtension(RedisServer.builder());

	@RegisterExtension
	static final RedisServerExtension mutualTls = new RedisServerExtension(
			RedisServer.builder().tlsAndPlain().arg("--tls-auth-clients", "yes"));

	@RegisterExtension
	static final RedisServerExtension secured = new RedisServerExtension(RedisServer.builder().requirePass(PASSWORD));

	@RegisterExtension
	static final RedisServerExtension crowded = new RedisServerExtension(RedisServer.builder().maxClients(2));

	@Test
	void hintWhenPlaintextClientAgainstTlsPortShouldSayTlsExpected() {
		RedisServer server = tlsOnly.server();
		RedisURI uri = RedisURI.builder().withHost("localhost").withPort(server.tlsPort()).build();
		Failure failure = connect(uri, null);
		Hint hint = assertHint(failure, "redis://localhost:" + server.tlsPort(), Kind.TLS_EXPECTED);
		assertThat(hint.message()).contains("rediss://").contains("redis.tls.enabled=true");
	}

	@Test
	void hintWhenTlsClientAgainstPlaintextPortShouldSayTlsNotSupported() {
		RedisServer server = plain.server();
		RedisURI uri = RedisURI.builder().withHost("localhost").withPort(server.port()).withSsl(true).build();
		Failure failure = connect(uri, trustingFixtureCa(tlsOnly.server()));
		Hint hint = assertHint(failure, "rediss://localhost:" + server.port(), Kind.TLS_NOT_SUPPORTED);
		assertThat(hint.message()).contains("redis.tls.enabled=false");
	}

	@Test
	void hintWhenServerCertificateNotTrustedShouldPointToCaFile() {
		RedisServer server = tlsOnly.server();
		RedisURI uri = RedisURI.builder().withHost("localhost").withPort(server.tlsPort()).withSsl(true).build();
		Failure failure = connect(uri, SslOptions.builder().jdkSslProvider().handshakeTimeout(CONNECT_TIMEOUT).build());
		Hint hint = assertHint(failure, "rediss://localhost:" + server.tlsPort(), Kind.CERTIFICATE_UNTRUSTED);
		assertThat(hint.message()).contains("redis.tls.ca-file");
	}

	@Test
	void hintWhenServerRequiresClientCertificateShouldPointToClientCertProperties() {
		RedisServer server = mutualTls.server();
		RedisURI uri = RedisURI.builder().withHost("localhost").withPort(server.tlsPort()).withSsl(true).build();
		Failure failure = connect(uri, trustingFixtureCa(server));
		Hint hint = assertHint(failure, "rediss://localhost:" + server.tlsPort(), Kind.CLIENT_CERTIFICATE_REJECTED);
		assertThat(hint.message()).contains("redis.tls.client-cert-file");
	}

	@Test
	void hintWhenWrongPasswordShouldPointToPasswordProperty() {
		RedisServer server = secured.server();
		String wrong = "wrong-" + PASSWORD;
		RedisURI uri = RedisURI.builder()
			.withHost(server.host())
			.withPort(server.port())
			.withPassword(wrong.toCharArray())
			.build();
		Failure failure = connect(uri, null);
		Hint hint = assertHint(failure, "redis://:" + wrong + "@" + server.host() + ":" + server.port(),
				Kind.AUTHENTICATION_FAILED);
		assertThat(hint.message()).contains("redis.password").doesNotContain(wrong);
	}

	@Test
	void hintWhenNoPasswordShouldPointToPasswordProperty() {
		RedisServer server = secured.server();
		RedisURI uri = RedisURI.builder().withHost(server.host()).withPort(server.port()).build();
		assertHint(connect(uri, null), "redis://" + server.host() + ":" + server.port(), Kind.AUTHENTICATION_FAILED);
	}

	@Test
	void hintWhenMaxClientsReachedShouldExplain() {
		RedisServer server = crowded.server();
		// maxclients 2: the fixture's admin connection and this one fill the server.
		RedisClient holder = RedisClient.create(RedisURI.create(server.url()));
		try (StatefulRedisConnection<String, String> held = holder.connect()) {
			assertThat(held.sync().ping()).isEqualTo("PONG");
			Failure failure = connect(RedisURI.create(server.url()), null);
			Hint hint = assertHint(failure, server.url(), Kind.MAX_CLIENTS_REACHED);
			assertThat(hint.message()).contains("redis.pool.max-active").contains("CLIENT LIST");
		}
		finally {
			holder.shutdown(Duration.ZERO, Duration.ofSeconds(2));
		}
	}

	@Test
	void reporterWhenReconnectLoopFailsTheSameWayShouldLogOnceWithoutPassword(CapturedOutput output) {
		RedisServer server = secured.server();
		String wrong = "wrong-" + PASSWORD;
		RedisURI uri = RedisURI.builder()
			.withHost(server.host())
			.withPort(server.port())
			.withPassword(wrong.toCharArray())
			.build();
		ConnectionFailureReporter reporter = new ConnectionFailureReporter();
		String endpoint = "redis://:" + wrong + "@" + server.host() + ":" + server.port();
		for (int attempt = 0; attempt < 3; attempt++) {
			assertThat(reporter.report(connect(uri, null).error(), endpoint)).map(Hint::kind)
				.contains(Kind.AUTHENTICATION_FAILED);
		}
		String log = output.getOut();
		assertThat(log.split("authentication failed", -1)).hasSize(2);
		assertThat(log).contains("WRONGPASS").doesNotContain(wrong);
	}

	@Test
	void hintWhenPooledSpringDataRedisFactoryFailsShouldFindLettuceCause() {
		RedisServer server = tlsOnly.server();
		LettuceClientConfiguration configuration = LettucePoolingClientConfiguration.builder()
			.clientOptions(clientOptions(null))
			.commandTimeout(CONNECT_TIMEOUT)
			.build();
		LettuceConnectionFactory factory = new LettuceConnectionFactory(
				new RedisStandaloneConfiguration("localhost", server.tlsPort()), configuration);
		factory.afterPropertiesSet();
		factory.start();
		try {
			long start = System.nanoTime();
			RuntimeException error = catchThrowableOfType(RuntimeException.class,
					() -> factory.getConnection().ping());
			Failure failure = new Failure(error, Duration.ofNanos(System.nanoTime() - start));
			assertHint(failure, "redis://localhost:" + server.tlsPort(), Kind.TLS_EXPECTED);
		}
		finally {
			factory.destroy();
		}
	}

	private static SslOptions trustingFixtureCa(RedisServer server) {
		// The handshake must give up within the connect timeout (Lettuce's default is 10 s).
		return SslOptions.builder()
			.jdkSslProvider()
			.trustManager(server.tls().caCertFile().toFile())
			.handshakeTimeout(CONNECT_TIMEOUT)
			.build();
	}

	private static Failure connect(RedisURI uri, SslOptions sslOptions) {
		RedisClient client = RedisClient.create(uri);
		client.setOptions(clientOptions(sslOptions));
		long start = System.nanoTime();
		try (StatefulRedisConnection<String, String> connection = client.connect()) {
			throw new AssertionError("Expected the connection to " + uri.getHost() + ":" + uri.getPort()
					+ " to fail, but PING answered " + connection.sync().ping());
		}
		catch (RuntimeException ex) {
			return new Failure(ex, Duration.ofNanos(System.nanoTime() - start));
		}
		finally {
			client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
		}
	}

	private static ClientOptions clientOptions(SslOptions sslOptions) {
		ClientOptions.Builder options = ClientOptions.builder()
			.socketOptions(SocketOptions.builder().connectTimeout(CONNECT_TIMEOUT).build())
			.timeoutOptions(TimeoutOptions.enabled(CONNECT_TIMEOUT));
		if (sslOptions != null) {
			options.sslOptions(sslOptions);
		}
		return options.build();
	}

	private static Hint assertHint(Failure failure, String endpoint, Kind kind) {
		assertThat(failure.took()).as("failure of %s", failure.error()).isLessThan(FAILS_WITHIN);
		Optional<Hint> hint = ConnectionFailureHints.hint(failure.error(), endpoint);
		assertThat(hint).as("hint for %s", causeChain(failure.error())).map(Hint::kind).contains(kind);
		assertThat(hint.get().message()).contains("redis.").doesNotContain(PASSWORD);
		return hint.get();
	}

	private static String causeChain(Throwable error) {
		StringBuilder chain = new StringBuilder();
		for (Throwable t = error; t != null; t = t.getCause()) {
			chain.append((chain.length() > 0) ? " <- " : "").append(t);
		}
		return chain.toString();
	}

	private record Failure(RuntimeException error, Duration took) {
	}

}
