package io.github.resilientredis.test;

import java.time.Duration;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.testkit.engine.EngineTestKit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

/**
 * Integration tests for {@link WithRedisServer}: one server per class, injected into
 * constructors and methods, its options applied, restored between tests, and
 * {@link RedisServer#killClients(String)}.
 */
@WithRedisServer(requirePass = "s3cret", maxClients = 20)
class WithRedisServerIntegrationTests {

	private final RedisServer constructorServer;

	WithRedisServerIntegrationTests(RedisServer server) {
		this.constructorServer = server;
	}

	@Test
	void parameterWhenDeclaredByConstructorAndMethodShouldBeTheOneRunningServer(RedisServer server) {
		assertThat(server).isSameAs(this.constructorServer);
		assertThat(server.isRunning()).isTrue();
		assertThat(server.port()).isPositive().isNotEqualTo(6379);
		assertThat(server.admin().configGet("maxclients")).containsEntry("maxclients", "20");
		assertThat(server.admin().configGet("requirepass")).containsEntry("requirepass", "s3cret");
	}

	@Test
	void restoreWhenKilledOrPausedShouldBringItBackOnTheSamePort(RedisServer server) {
		int port = server.port();
		server.kill();
		server.restore();
		assertThat(server.port()).isEqualTo(port);
		assertThat(server.admin().ping()).isEqualTo("PONG");
		server.pause();
		server.restore();
		assertThat(server.isPaused()).isFalse();
		assertThat(server.admin().ping()).isEqualTo("PONG");
	}

	@Test
	void killClientsWhenNamedShouldCloseOnlyThoseConnections(RedisServer server) {
		RedisClient client = RedisClient.create();
		client.setOptions(ClientOptions.builder().autoReconnect(false).build());
		try {
			StatefulRedisConnection<String, String> victim1 = client.connect(uri(server, "victim"));
			StatefulRedisConnection<String, String> victim2 = client.connect(uri(server, "victim"));
			StatefulRedisConnection<String, String> bystander = client.connect(uri(server, "bystander"));
			assertThat(server.clientCount("victim")).isEqualTo(2);
			assertThat(server.killClients("victim")).isEqualTo(2);
			await().atMost(Duration.ofSeconds(5))
				.untilAsserted(() -> assertThat(victim1.isOpen() || victim2.isOpen()).isFalse());
			assertThat(server.clientCount("victim")).isZero();
			assertThat(bystander.sync().ping()).isEqualTo("PONG");
			assertThat(server.killClients("nobody")).isZero();
			assertThatIllegalArgumentException().isThrownBy(() -> server.killClients(RedisServer.ADMIN_CLIENT_NAME));
		}
		finally {
			client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
		}
	}

	private static RedisURI uri(RedisServer server, String name) {
		return RedisURI.builder(RedisURI.create(server.url()))
			.withPassword("s3cret".toCharArray())
			.withClientName(name)
			.build();
	}

	@Nested
	class NestedTests {

		@Test
		void parameterWhenNestedShouldBeTheEnclosingClassServer(RedisServer server) {
			assertThat(server).isSameAs(WithRedisServerIntegrationTests.this.constructorServer);
			assertThat(server.admin().ping()).isEqualTo("PONG");
		}

	}

	@Test
	void extensionWhenRegisteredWithoutTheAnnotationShouldSayToUseTheAnnotation() {
		EngineTestKit.engine("junit-jupiter")
			.selectors(selectClass(ExtensionWithoutAnnotation.class))
			.execute()
			.testEvents()
			.assertThatEvents()
			.haveExactly(1, event(finishedWithFailure(instanceOf(IllegalStateException.class),
					message((text) -> text.contains("No @WithRedisServer on " + ExtensionWithoutAnnotation.class.getName())
							&& text.contains("annotate the test class with @WithRedisServer")))));
	}

	/** Run only by the engine test kit (surefire skips nested classes). */
	@ExtendWith(WithRedisServerExtension.class)
	static class ExtensionWithoutAnnotation {

		@Test
		void needsAServer(RedisServer server) {
		}

	}

}
