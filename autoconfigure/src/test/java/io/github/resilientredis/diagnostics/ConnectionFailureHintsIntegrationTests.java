package io.github.resilientredis.diagnostics;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionException;
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
import org.springframework.core.NestedExceptionUtils;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettucePoolingClientConfiguration;

import io.github.resilientredis.diagnostics.ConnectionFailureHints.Hint;
import io.github.resilientredis.diagnostics.ConnectionFailureHints.Kind;
import io.github.resilientredis.test.RedisServer;
import io.github.resilientredis.test.RedisServerExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Connects Lettuce to real {@code redis-server} processes the wrong way (TLS mismatch
 * both ways, untrusted certificate, missing client certificate, wrong password,
 * {@code maxclients} used up) and checks that {@link ConnectionFailureHints} recognizes
 * what Lettuce 7 actually throws, within the connect timeout, without leaking the
 * password.
 * <p>
 * Under load Lettuce 7.5 sometimes loses the cause of a failed connect (see
 * {@link #causeLost(Throwable)}); such a failure must get no hint, any other failure the
 * right one.
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
		assertHint(failure, "redis://localhost:" + server.tlsPort(), Kind.TLS_EXPECTED,
				(message) -> assertThat(message).contains("rediss://").contains("redis.tls.enabled=true"));
	}

	@Test
	void hintWhenTlsClientAgainstPlaintextPortShouldSayTlsNotSupported() {
		RedisServer server = plain.server();
		RedisURI uri = RedisURI.builder().withHost("localhost").withPort(server.port()).withSsl(true).build();
		Failure failure = connect(uri, trustingFixtureCa(tlsOnly.server()));
		assertHint(failure, "rediss://localhost:" + server.port(), Kind.TLS_NOT_SUPPORTED,
				(message) -> assertThat(message).contains("redis.tls.enabled=false"));
	}

	@Test
	void hintWhenServerCertificateNotTrustedShouldPointToCaFile() {
		RedisServer server = tlsOnly.server();
		RedisURI uri = RedisURI.builder().withHost("localhost").withPort(server.tlsPort()).withSsl(true).build();
		Failure failure = connect(uri, SslOptions.builder().jdkSslProvider().handshakeTimeout(CONNECT_TIMEOUT).build());
		assertHint(failure, "rediss://localhost:" + server.tlsPort(), Kind.CERTIFICATE_UNTRUSTED,
				(message) -> assertThat(message).contains("redis.tls.ca-file"));
	}

	@Test
	void hintWhenServerRequiresClientCertificateShouldPointToClientCertProperties() {
		RedisServer server = mutualTls.server();
		RedisURI uri = RedisURI.builder().withHost("localhost").withPort(server.tlsPort()).withSsl(true).build();
		Failure failure = connect(uri, trustingFixtureCa(server));
		assertHint(failure, "rediss://localhost:" + server.tlsPort(), Kind.CLIENT_CERTIFICATE_REJECTED,
				(message) -> assertThat(message).contains("redis.tls.client-cert-file"));
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
		assertHint(failure, "redis://:" + wrong + "@" + server.host() + ":" + server.port(),
				Kind.AUTHENTICATION_FAILED,
				(message) -> assertThat(message).contains("redis.password").doesNotContain(wrong));
	}

	@Test
	void hintWhenNoPasswordShouldPointToPasswordProperty() {
		RedisServer server = secured.server();
		RedisURI uri = RedisURI.builder().withHost(server.host()).withPort(server.port()).build();
		assertHint(connect(uri, null), "redis://" + server.host() + ":" + server.port(), Kind.AUTHENTICATION_FAILED,
				(message) -> assertThat(message).contains("redis.password"));
	}

	@Test
	void hintWhenMaxClientsReachedShouldExplain() {
		RedisServer server = crowded.server();
		// maxclients 2: the fixture's admin connection and this one fill the server.
		RedisClient holder = RedisClient.create(RedisURI.create(server.url()));
		try (StatefulRedisConnection<String, String> held = holder.connect()) {
			assertThat(held.sync().ping()).isEqualTo("PONG");
			Failure failure = connect(RedisURI.create(server.url()), null);
			assertHint(failure, server.url(), Kind.MAX_CLIENTS_REACHED,
					(message) -> assertThat(message).contains("redis.pool.max-active").contains("CLIENT LIST"));
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
		int explained = 0;
		for (int attempt = 0; attempt < 3; attempt++) {
			RuntimeException error = connect(uri, null).error();
			Optional<Kind> kind = reporter.report(error, Endpoint.url(endpoint)).map(Hint::kind);
			if (causeLost(error)) {
				assertThat(kind).as("hint for %s", causeChain(error)).isEmpty();
			}
			else {
				assertThat(kind).as("hint for %s", causeChain(error)).contains(Kind.AUTHENTICATION_FAILED);
				explained++;
			}
		}
		String log = output.getOut();
		assertThat(log).doesNotContain(wrong).doesNotContain("expects TLS");
		// once for the whole loop; never only when all three attempts lost the WRONGPASS reply
		assertThat(log.split("authentication failed", -1)).hasSize((explained > 0) ? 2 : 1);
		if (explained > 0) {
			assertThat(log).contains("WRONGPASS");
		}
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
			// this test once failed with an empty hint: the cause lost as "RedisHandshakeHandler not
			// registered", which says nothing about TLS (see causeLost)
			assertHint(failure, "redis://localhost:" + server.tlsPort(), Kind.TLS_EXPECTED,
					(message) -> assertThat(message).contains("rediss://"));
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

	/**
	 * Assert that the failure came within the connect timeout and got the hint of the given
	 * kind, or none when Lettuce lost its cause.
	 */
	private static void assertHint(Failure failure, String endpoint, Kind kind, Consumer<String> message) {
		assertThat(failure.took()).as("failure of %s", failure.error()).isLessThan(FAILS_WITHIN);
		Optional<Hint> hint = ConnectionFailureHints.hint(failure.error(), Endpoint.url(endpoint));
		if (causeLost(failure.error())) {
			assertThat(hint).as("hint for %s", causeChain(failure.error())).isEmpty();
			return;
		}
		assertThat(hint).as("hint for %s", causeChain(failure.error())).map(Hint::kind).contains(kind);
		assertThat(hint.get().message()).contains("redis.").doesNotContain(PASSWORD).satisfies(message);
	}

	/**
	 * Whether Lettuce 7.5 lost the cause of a failed connect, which no fix on our side can
	 * bring back. Two races do it, both seen on a loaded 2-core machine: the reply to HELLO
	 * is handled off the event loop, so Lettuce's own close of the channel fires
	 * channelInactive first and the connect fails with "Connection closed prematurely"
	 * (about 1 wrong-password attempt in 30); or the channel is closed and its pipeline torn
	 * down before the connecting thread adds its listener, and the connect fails with
	 * "RedisHandshakeHandler not registered" (about 1 attempt in 3000 against a TLS port).
	 * Neither says who closed the connection or why, so no hint is the only honest answer;
	 * "probably expects TLS" for a wrong password would send users to the wrong fix.
	 */
	private static boolean causeLost(Throwable error) {
		Throwable root = NestedExceptionUtils.getMostSpecificCause(error);
		return (root instanceof RedisConnectionException && "Connection closed prematurely".equals(root.getMessage()))
				|| (root instanceof IllegalStateException
						&& "RedisHandshakeHandler not registered".equals(root.getMessage()));
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
