package io.github.resilientredis.diagnostics;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import java.util.Arrays;

import javax.net.ssl.SSLHandshakeException;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisConnectionException;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.ssl.NotSslRecordException;
import io.netty.handler.ssl.SslHandshakeTimeoutException;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.data.redis.connection.PoolException;

import io.github.resilientredis.diagnostics.ConnectionFailureHints.Hint;
import io.github.resilientredis.diagnostics.ConnectionFailureHints.Kind;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ConnectionFailureHints}: the exception shapes are those Lettuce 7.5
 * produced against real servers (see {@link ConnectionFailureHintsIntegrationTests}).
 */
class ConnectionFailureHintsTests {

	private static final Endpoint ENDPOINT = Endpoint.standalone("127.0.0.1:6390", false);

	@Test
	void hintWhenPlaintextAgainstTlsPortOnEpollShouldSayTlsExpected() {
		Throwable failure = connecting(new SocketException("recvAddress(..) failed with error(-104): "
				+ "Connection reset by peer"));
		assertThat(hint(failure)).satisfies((hint) -> {
			assertThat(hint.kind()).isEqualTo(Kind.TLS_EXPECTED);
			assertThat(hint.message()).contains(ENDPOINT.toString())
				.contains("rediss://")
				.contains("redis.tls.enabled=true");
		});
	}

	@Test
	void hintWhenPlaintextAgainstTlsPortOnNioShouldSayTlsExpected() {
		assertThat(hint(connecting(new SocketException("Connection reset"))).kind()).isEqualTo(Kind.TLS_EXPECTED);
	}

	@Test
	void hintWhenPooledSpringDataRedisFactoryAgainstTlsPortShouldSayTlsExpected() {
		Throwable failure = new RedisConnectionFailureException("Unable to connect to Redis",
				new PoolException("Could not get a resource from the pool",
						new RedisConnectionException("Unable to connect to localhost/<unresolved>:6390",
								new IOException("recvAddress(..) failed with error(-104): Connection reset by peer"))));
		assertThat(hint(failure).kind()).isEqualTo(Kind.TLS_EXPECTED);
	}

	@Test
	void hintWhenLettuceClosedTheChannelBeforeReportingTheHandshakeReplyShouldBeEmpty() {
		// WRONGPASS (or NOAUTH, or any error reply to HELLO) lost to Lettuce's own close: nothing
		// in it says TLS, and "probably expects TLS" would send the user to the wrong fix
		Throwable lost = new RedisConnectionException("Unable to connect to 127.0.0.1/<unresolved>:6390",
				new RedisConnectionException("Connection closed prematurely"));
		assertThat(ConnectionFailureHints.hint(lost, ENDPOINT)).isEmpty();
		assertThat(ConnectionFailureHints.hint(new RedisConnectionException("Connection closed prematurely"),
				ENDPOINT))
			.isEmpty();
	}

	@Test
	void hintWhenLettuceToreDownThePipelineBeforeListeningShouldBeEmpty() {
		Throwable lost = new RedisConnectionException("Unable to connect to localhost/<unresolved>:6390",
				new IllegalStateException("RedisHandshakeHandler not registered"));
		assertThat(ConnectionFailureHints.hint(lost, ENDPOINT)).isEmpty();
		assertThat(ConnectionFailureHints.hint(new RedisConnectionFailureException("Unable to connect to Redis",
				new PoolException("Could not get a resource from the pool", lost)), ENDPOINT))
			.isEmpty();
	}

	@Test
	void hintWhenHandshakeCommandFailsWithConnectionClosedShouldSayTlsExpected() {
		Throwable failure = connecting(new io.lettuce.core.RedisException("Connection closed"));
		assertThat(hint(failure).kind()).isEqualTo(Kind.TLS_EXPECTED);
	}

	@Test
	void hintWhenResetWhileTlsInUseShouldNotSayTlsExpected() {
		assertThat(ConnectionFailureHints.hint(connecting(new SocketException("Connection reset")),
				Endpoint.standalone("127.0.0.1:6390", true)))
			.isEmpty();
	}

	@Test
	void hintWhenResetOutsideConnectShouldBeEmpty() {
		assertThat(ConnectionFailureHints.hint(new SocketException("Connection reset"), ENDPOINT)).isEmpty();
	}

	@Test
	void hintWhenTlsAgainstPlaintextPortShouldSayTlsNotSupported() {
		Hint timeout = hint(connecting(new SslHandshakeTimeoutException("handshake timed out after 2000ms")));
		assertThat(timeout.kind()).isEqualTo(Kind.TLS_NOT_SUPPORTED);
		assertThat(timeout.message()).contains("redis.tls.enabled=false").contains("redis://");
		assertThat(hint(connecting(new NotSslRecordException("not an SSL/TLS record: 2d455252"))).kind())
			.isEqualTo(Kind.TLS_NOT_SUPPORTED);
	}

	@Test
	void hintWhenUntrustedCertificateShouldPointToCaFile() {
		Hint hint = hint(connecting(new SSLHandshakeException("PKIX path building failed: "
				+ "sun.security.provider.certpath.SunCertPathBuilderException: unable to find valid certification "
				+ "path to requested target")));
		assertThat(hint.kind()).isEqualTo(Kind.CERTIFICATE_UNTRUSTED);
		assertThat(hint.message()).contains("redis.tls.ca-file");
	}

	@Test
	void hintWhenHostNameMismatchShouldPointToVerifyModeCa() {
		SSLHandshakeException ex = new SSLHandshakeException("No subject alternative DNS name matching localhost found.");
		ex.initCause(new CertificateException("No subject alternative DNS name matching localhost found."));
		Hint hint = hint(connecting(ex));
		assertThat(hint.kind()).isEqualTo(Kind.HOST_NAME_MISMATCH);
		assertThat(hint.message()).contains("redis.tls.verify-mode=ca");
	}

	@Test
	void hintWhenServerRequiresClientCertificateShouldPointToClientCertProperties() {
		Hint hint = hint(connecting(new SSLHandshakeException("Received fatal alert: certificate_required")));
		assertThat(hint.kind()).isEqualTo(Kind.CLIENT_CERTIFICATE_REJECTED);
		assertThat(hint.message()).contains("redis.tls.client-cert-file").contains("redis.tls.client-key-file");
	}

	@Test
	void hintWhenWrongPassShouldPointToPasswordProperty() {
		Hint hint = hint(connecting(
				new RedisCommandExecutionException("WRONGPASS invalid username-password pair or user is disabled.")));
		assertThat(hint.kind()).isEqualTo(Kind.AUTHENTICATION_FAILED);
		assertThat(hint.message()).contains("redis.password").contains("REDIS_PASSWORD").contains("redis.username");
	}

	@Test
	void hintWhenNoAuthShouldPointToPasswordProperty() {
		assertThat(hint(connecting(new RedisCommandExecutionException("NOAUTH HELLO must be called with the client "
				+ "already authenticated"))).kind()).isEqualTo(Kind.AUTHENTICATION_FAILED);
		assertThat(hint(new RedisCommandExecutionException("NOAUTH Authentication required.")).kind())
			.isEqualTo(Kind.AUTHENTICATION_FAILED);
	}

	@Test
	void hintWhenNoAuthThroughSentinelShouldAlsoPointToSentinelPassword() {
		Hint hint = ConnectionFailureHints
			.hint(new RedisCommandExecutionException("NOAUTH Authentication required."),
					Endpoint.sentinel("[sentinel-1:26379]", "mymaster", false))
			.orElseThrow();
		assertThat(hint.message()).contains("redis.password").contains("redis.sentinel.password");
		assertThat(hint(new RedisCommandExecutionException("NOAUTH Authentication required.")).message())
			.doesNotContain("redis.sentinel.password");
	}

	@Test
	void hintWhenClusterOrSentinelRefusesShouldPointToTheirNodes() {
		RedisConnectionException refused = new RedisConnectionException("Unable to connect",
				new ConnectException("Connection refused"));
		assertThat(ConnectionFailureHints.hint(refused, Endpoint.cluster("[node-1:7000, node-2:7000]", false))
			.orElseThrow()
			.message()).contains("redis.cluster.nodes").doesNotContain("redis.url");
		assertThat(ConnectionFailureHints.hint(refused, Endpoint.sentinel("[sentinel-1:26379]", "mymaster", false))
			.orElseThrow()
			.message()).contains("redis.sentinel.nodes").doesNotContain("redis.url");
	}

	@Test
	void hintWhenMaxClientsReachedShouldExplainAndPointToPool() {
		Hint hint = hint(connecting(new RedisCommandExecutionException("ERR max number of clients reached")));
		assertThat(hint.kind()).isEqualTo(Kind.MAX_CLIENTS_REACHED);
		assertThat(hint.message()).contains("maxclients")
			.contains("redis.pool.max-active")
			.contains("CLIENT LIST")
			.contains("/actuator/redis/clients");
	}

	@Test
	void hintWhenConnectionRefusedShouldPointToUrl() {
		Hint hint = hint(connecting(new ConnectException("finishConnect(..) failed with error(-111): "
				+ "Connection refused")));
		assertThat(hint.kind()).isEqualTo(Kind.CONNECTION_REFUSED);
		assertThat(hint.message()).contains("redis.url");
	}

	@Test
	void hintWhenUnknownHostShouldPointToUrl() {
		Hint hint = hint(connecting(new UnknownHostException("Failed to resolve 'no-such-host.invalid'")));
		assertThat(hint.kind()).isEqualTo(Kind.UNKNOWN_HOST);
		assertThat(hint.message()).contains("redis.host");
	}

	@Test
	void hintWhenConnectTimeoutShouldPointToConnectTimeout() {
		Hint hint = hint(connecting(new ConnectTimeoutException("connection timed out after 2000 ms")));
		assertThat(hint.kind()).isEqualTo(Kind.CONNECT_TIMEOUT);
		assertThat(hint.message()).contains("redis.connect-timeout");
	}

	@Test
	void hintWhenReadOnlyReplicaShouldSayPointAtPrimary() {
		assertThat(hint(new RedisCommandExecutionException("READONLY You can't write against a read only replica."))
			.kind()).isEqualTo(Kind.READ_ONLY_REPLICA);
	}

	@Test
	void hintWhenCommandDeniedByAclShouldNameUsernameAndCommand() {
		// redis-server 7, ACL user with -get, command on an open connection
		Hint hint = hint(new RedisCommandExecutionException(
				"NOPERM this user has no permissions to run the 'get' command"));
		assertThat(hint.kind()).isEqualTo(Kind.NO_PERMISSION);
		assertThat(hint.kind().isConfigurationError()).isTrue();
		assertThat(hint.message()).contains(ENDPOINT.toString())
			.contains("redis.username").contains("'get'").contains("+get")
			.contains("ACL SETUSER");
	}

	@Test
	void hintWhenSubcommandDeniedByAclShouldNameIt() {
		assertThat(hint(new RedisCommandExecutionException(
				"NOPERM User app has no permissions to run the 'cluster|nodes' command")).message())
			.contains("+cluster|nodes");
	}

	@Test
	void hintWhenKeyDeniedByAclShouldBeEmpty() {
		// the application's key patterns are its own business: no configuration error of the starter
		assertThat(ConnectionFailureHints.hint(new RedisCommandExecutionException(
				"NOPERM No permissions to access a key"), ENDPOINT)).isEmpty();
		assertThat(ConnectionFailureHints.hint(new RedisCommandExecutionException(
				"NOPERM this user has no permissions to access one of the keys used as arguments"), ENDPOINT))
			.isEmpty();
	}

	@Test
	void hintWhenDatabaseOutOfRangeShouldNameDatabaseProperty() {
		// redis-server --databases 2, connect with database 5: SELECT in the handshake fails
		Hint hint = hint(new RedisConnectionException("Unable to connect to 127.0.0.1/<unresolved>:6390",
				new RedisCommandExecutionException("ERR DB index is out of range")));
		assertThat(hint.kind()).isEqualTo(Kind.DATABASE_OUT_OF_RANGE);
		assertThat(hint.message()).contains("redis.database").contains("redis.url");
	}

	@Test
	void hintWhenClusterNodesNameStandaloneServerShouldNameClusterNodes() {
		// RedisClusterClient.connect(): CannotRetrieveClusterPartitions with the reply suppressed
		RuntimeException partitions = new RuntimeException(
				"Cannot retrieve cluster partitions from [redis://127.0.0.1:6390]");
		partitions.addSuppressed(
				new RedisCommandExecutionException("ERR This instance has cluster support disabled"));
		Hint hint = ConnectionFailureHints
			.hint(new RedisConnectionException("Unable to establish a connection to Redis Cluster", partitions),
					Endpoint.cluster("[127.0.0.1:6390]", false))
			.orElseThrow();
		assertThat(hint.kind()).isEqualTo(Kind.CLUSTER_SUPPORT_DISABLED);
		assertThat(hint.message()).contains("redis.cluster.nodes").contains("redis.url");
	}

	@Test
	void hintWhenClusterCommandOnStandaloneServerShouldNameClusterNodes() {
		assertThat(hint(new RedisCommandExecutionException("ERR This instance has cluster support disabled")).kind())
			.isEqualTo(Kind.CLUSTER_SUPPORT_DISABLED);
	}

	@Test
	void hintWhenSentinelsDoNotKnowMasterShouldNameSentinelMaster() {
		Hint hint = ConnectionFailureHints
			.hint(new RedisConnectionException("Cannot provide redisAddress using sentinel for masterId nosuchmaster"),
					Endpoint.sentinel("[127.0.0.1:26379]", "nosuchmaster", false))
			.orElseThrow();
		assertThat(hint.kind()).isEqualTo(Kind.UNKNOWN_SENTINEL_MASTER);
		assertThat(hint.message()).contains("redis.sentinel.master");
	}

	@Test
	void kindShouldBeConfigurationErrorOnlyWhenWaitingCannotHelp() {
		assertThat(Arrays.stream(Kind.values()).filter((kind) -> !kind.isConfigurationError())).containsExactlyInAnyOrder(
				Kind.MAX_CLIENTS_REACHED, Kind.READ_ONLY_REPLICA, Kind.CONNECTION_REFUSED, Kind.UNKNOWN_HOST,
				Kind.CONNECT_TIMEOUT);
	}

	@Test
	void hintWhenUnknownFailureShouldBeEmpty() {
		assertThat(ConnectionFailureHints.hint(new IllegalStateException("boom"), ENDPOINT)).isEmpty();
		assertThat(ConnectionFailureHints.hint(null, ENDPOINT)).isEmpty();
	}

	@Test
	void hintWhenEndpointHasPasswordShouldMaskIt() {
		Hint hint = ConnectionFailureHints
			.hint(connecting(new RedisCommandExecutionException("ERR max number of clients reached")),
					Endpoint.url("redis://app:s3cret@127.0.0.1:6390"))
			.orElseThrow();
		assertThat(hint.message()).doesNotContain("s3cret").contains("redis://app:****@127.0.0.1:6390");
	}

	@Test
	void hintWhenCauseChainIsCyclicShouldTerminate() {
		RuntimeException a = new RuntimeException("a");
		RuntimeException b = new RuntimeException("ERR max number of clients reached", a);
		a.initCause(b);
		assertThat(hint(a).kind()).isEqualTo(Kind.MAX_CLIENTS_REACHED);
	}

	private static Hint hint(Throwable failure) {
		return ConnectionFailureHints.hint(failure, ENDPOINT).orElseThrow();
	}

	/**
	 * The shape Spring Data Redis and Lettuce give a failed connect.
	 */
	private static Throwable connecting(Throwable cause) {
		return new RedisConnectionFailureException("Unable to connect to Redis",
				new RedisConnectionException("Unable to connect to 127.0.0.1/<unresolved>:6390", cause));
	}

}
