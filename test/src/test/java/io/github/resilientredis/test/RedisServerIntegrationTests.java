package io.github.resilientredis.test;

import java.net.ConnectException;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.SslOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Integration tests for {@link RedisServer} and {@link RedisServerExtension} against real
 * {@code redis-server} processes.
 */
class RedisServerIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(2);

	@RegisterExtension
	static RedisServerExtension redis = new RedisServerExtension();

	private final List<RedisClient> clients = new ArrayList<>();

	@AfterEach
	void closeClients() {
		this.clients.forEach((client) -> client.shutdown(Duration.ZERO, TIMEOUT));
	}

	@Test
	void startWhenDefaultShouldAnswerPingOnFreeLoopbackPort() {
		RedisServer server = redis.server();
		assertThat(server.host()).isEqualTo("127.0.0.1");
		assertThat(server.port()).isPositive().isNotEqualTo(6379);
		assertThat(server.tlsPort()).isEqualTo(-1);
		assertThat(server.tls()).isNull();
		assertThat(server.url()).isEqualTo("redis://127.0.0.1:" + server.port());
		assertThat(server.isRunning()).isTrue();
		assertThat(connect(RedisURI.create(server.url())).sync().ping()).isEqualTo("PONG");
		assertThat(server.admin().configGet("save")).containsEntry("save", "");
		assertThat(server.admin().configGet("appendonly")).containsEntry("appendonly", "no");
	}

	@Test
	void killWhenRestartedShouldServeOnSamePortAndClientsReconnect() {
		try (RedisServer server = RedisServer.builder().start()) {
			int port = server.port();
			StatefulRedisConnection<String, String> connection = connect(RedisURI.create(server.url()));
			connection.sync().set("k", "v");
			server.kill();
			assertThat(server.isRunning()).isFalse();
			assertThatThrownBy(() -> connection.sync().get("k")).isInstanceOf(RuntimeException.class);
			server.restart();
			assertThat(server.isRunning()).isTrue();
			assertThat(server.port()).isEqualTo(port);
			assertThat(server.admin().ping()).isEqualTo("PONG");
			// nothing is persisted: the key is gone after a restart
			await().atMost(Duration.ofSeconds(10))
				.ignoreExceptions()
				.untilAsserted(() -> assertThat(connection.sync().exists("k")).isZero());
		}
	}

	@Test
	void stopWhenPausedShouldStopAndRestartShouldWork() {
		try (RedisServer server = RedisServer.builder().start()) {
			server.pause();
			assertThat(server.isPaused()).isTrue();
			server.stop();
			assertThat(server.isRunning()).isFalse();
			assertThatThrownBy(() -> new Socket(server.host(), server.port()).close())
				.isInstanceOf(ConnectException.class);
			server.restart();
			assertThat(server.admin().ping()).isEqualTo("PONG");
			server.pause();
			server.kill();
			assertThat(server.isRunning()).isFalse();
			server.restart();
			assertThat(server.isPaused()).isFalse();
			assertThat(server.admin().ping()).isEqualTo("PONG");
		}
	}

	@Test
	void pauseShouldMakeCommandsTimeOutAndResumeShouldMakeThemAnswer() {
		RedisServer server = redis.server();
		StatefulRedisConnection<String, String> connection = connect(RedisURI.create(server.url()));
		connection.setTimeout(Duration.ofMillis(300));
		server.pause();
		try {
			assertThatThrownBy(() -> connection.sync().ping()).isInstanceOf(RedisCommandTimeoutException.class);
		}
		finally {
			server.resume();
		}
		assertThat(server.isPaused()).isFalse();
		connection.setTimeout(TIMEOUT);
		assertThat(connection.sync().ping()).isEqualTo("PONG");
	}

	@Test
	void requirePassShouldRejectWrongPasswordAndAcceptRightOne() {
		try (RedisServer server = RedisServer.builder().requirePass("s3cret").start()) {
			RedisURI wrong = RedisURI.builder(RedisURI.create(server.url())).withPassword("wrong".toCharArray()).build();
			assertThatThrownBy(() -> connect(wrong).sync().ping()).hasStackTraceContaining("WRONGPASS");
			assertThatThrownBy(() -> connect(RedisURI.create(server.url())).sync().ping())
				.hasStackTraceContaining("NOAUTH");
			RedisURI right = RedisURI.builder(RedisURI.create(server.url())).withPassword("s3cret".toCharArray()).build();
			assertThat(connect(right).sync().ping()).isEqualTo("PONG");
			assertThat(server.admin().ping()).isEqualTo("PONG");
			assertThat(server.toString()).doesNotContain("s3cret");
		}
	}

	@Test
	void aclUserShouldAuthenticateWithAllPermissions() {
		try (RedisServer server = RedisServer.builder().aclUser("app", "app-pass").requirePass("s3cret").start()) {
			RedisURI app = RedisURI.builder(RedisURI.create(server.url())).withAuthentication("app", "app-pass").build();
			StatefulRedisConnection<String, String> connection = connect(app);
			assertThat(connection.sync().aclWhoami()).isEqualTo("app");
			connection.sync().set("k", "v");
			assertThat(connection.sync().get("k")).isEqualTo("v");
			RedisURI wrong = RedisURI.builder(RedisURI.create(server.url())).withAuthentication("app", "nope").build();
			assertThatThrownBy(() -> connect(wrong).sync().ping()).hasStackTraceContaining("WRONGPASS");
			assertThat(server.admin().aclWhoami()).isEqualTo("app");
		}
	}

	@Test
	void maxClientsShouldRejectConnectionsBeyondTheLimitCountingTheAdminConnection() {
		try (RedisServer server = RedisServer.builder().maxClients(3).start()) {
			assertThat(server.admin().ping()).isEqualTo("PONG");
			assertThat(connect(RedisURI.create(server.url())).sync().ping()).isEqualTo("PONG");
			assertThat(connect(RedisURI.create(server.url())).sync().ping()).isEqualTo("PONG");
			assertThatThrownBy(() -> connect(RedisURI.create(server.url())).sync().ping())
				.hasStackTraceContaining("max number of clients reached");
		}
	}

	@Test
	void tlsOnlyShouldAcceptVerifiedTlsAndRejectPlaintext() {
		try (RedisServer server = RedisServer.builder().tls().start()) {
			assertThat(server.port()).isEqualTo(-1);
			assertThat(server.tlsPort()).isPositive();
			assertThat(server.url()).isEqualTo("rediss://localhost:" + server.tlsPort());
			assertThat(server.tls().caCertFile()).exists();
			assertThat(connect(RedisURI.create(server.url()), server.tls().sslOptions()).sync().ping())
				.isEqualTo("PONG");
			assertThat(connect(RedisURI.create(server.url()), server.tls().mutualSslOptions()).sync().ping())
				.isEqualTo("PONG");
			RedisURI plaintext = RedisURI.create("redis://127.0.0.1:" + server.tlsPort());
			assertThatThrownBy(() -> connect(plaintext).sync().ping()).isInstanceOf(RuntimeException.class);
			assertThat(server.admin().ping()).isEqualTo("PONG");
			// the two TLS clients above, not the admin connection
			assertThat(server.clients()).hasSize(2)
				.noneMatch((client) -> RedisServer.ADMIN_CLIENT_NAME.equals(client.get("name")));
		}
	}

	@Test
	void tlsShouldNotTrustAnUnknownCa() {
		try (RedisServer server = RedisServer.builder().tlsAndPlain().start()) {
			assertThat(server.port()).isPositive();
			assertThat(server.tlsPort()).isPositive().isNotEqualTo(server.port());
			RedisURI tls = RedisURI.create("rediss://localhost:" + server.tlsPort());
			assertThatThrownBy(() -> connect(tls, SslOptions.create()).sync().ping())
				.hasStackTraceContaining("PKIX");
			assertThat(connect(tls, server.tls().sslOptions()).sync().ping()).isEqualTo("PONG");
			assertThat(connect(RedisURI.create(server.url())).sync().ping()).isEqualTo("PONG");
		}
	}

	@Test
	void clientCountShouldCountNamedConnectionsWithoutTheAdminConnection() {
		RedisServer server = redis.server();
		RedisURI named = RedisURI.builder(RedisURI.create(server.url())).withClientName("worker").build();
		connect(named).sync().ping();
		connect(named).sync().ping();
		assertThat(server.clientCount("worker")).isEqualTo(2);
		assertThat(server.clientCount(RedisServer.ADMIN_CLIENT_NAME)).isZero();
		assertThat(server.clients()).extracting((client) -> client.get("name")).contains("worker");
		assertThat(server.clients()).allSatisfy((client) -> assertThat(client).containsKeys("id", "addr", "cmd"));
	}

	@Test
	void commandCallsShouldCountCallsOfACommand() {
		RedisServer server = redis.server();
		long before = server.commandCalls("get");
		StatefulRedisConnection<String, String> connection = connect(RedisURI.create(server.url()));
		for (int i = 0; i < 3; i++) {
			connection.sync().get("missing");
		}
		assertThat(server.commandCalls("GET")).isEqualTo(before + 3);
		assertThat(server.commandCalls("blpop")).isZero();
	}

	@Test
	void startWhenRedisRejectsAnArgumentShouldFailWithTheLogTail() {
		assertThatIllegalStateException().isThrownBy(() -> RedisServer.builder().arg("--no-such-option", "x").start())
			.withMessageContaining("Log tail")
			.withMessageContaining("no-such-option");
	}

	@Test
	void extensionShouldRestartAServerAnEarlierTestLeftDown() throws Exception {
		RedisServerExtension extension = new RedisServerExtension();
		extension.beforeAll(null);
		try {
			RedisServer server = extension.server();
			int port = server.port();
			server.kill();
			extension.beforeEach(null);
			assertThat(server.isRunning()).isTrue();
			assertThat(server.port()).isEqualTo(port);
			server.pause();
			extension.beforeEach(null);
			assertThat(server.isPaused()).isFalse();
			assertThat(server.admin().ping()).isEqualTo("PONG");
		}
		finally {
			extension.afterAll(null);
		}
		assertThatIllegalStateException().isThrownBy(extension::server);
	}

	private StatefulRedisConnection<String, String> connect(RedisURI uri) {
		return connect(uri, null);
	}

	private StatefulRedisConnection<String, String> connect(RedisURI uri, SslOptions ssl) {
		uri.setTimeout(TIMEOUT);
		RedisClient client = RedisClient.create(uri);
		ClientOptions.Builder options = ClientOptions.builder()
			.socketOptions(SocketOptions.builder().connectTimeout(TIMEOUT).build());
		if (ssl != null) {
			options.sslOptions(ssl);
		}
		client.setOptions(options.build());
		this.clients.add(client);
		return client.connect();
	}

}
