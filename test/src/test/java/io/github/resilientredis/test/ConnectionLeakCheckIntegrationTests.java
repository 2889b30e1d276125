package io.github.resilientredis.test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

/**
 * Integration tests for {@link ConnectionLeakCheck}, on its own and through
 * {@link WithRedisServer#failOnLeakedConnections()} and
 * {@link RedisServerExtension#failOnLeakedConnections()}: test classes that leak a Lettuce
 * connection or close it are run with the JUnit engine test kit.
 */
class ConnectionLeakCheckIntegrationTests {

	/** Clients the deliberately leaking test cases leave behind, shut down at the end. */
	static final List<RedisClient> LEFT_OPEN = new ArrayList<>();

	@AfterAll
	static void shutdownLeftOpen() {
		LEFT_OPEN.forEach((client) -> client.shutdown(Duration.ZERO, Duration.ofSeconds(2)));
		LEFT_OPEN.clear();
	}

	@Test
	void annotationWhenTestLeaksAConnectionShouldFailNamingIt() {
		Events tests = run(LeakingWithAnnotation.class);
		tests.assertStatistics((stats) -> stats.started(2).succeeded(1).failed(1));
		tests.assertThatEvents()
			.haveExactly(1, event(test("leaks"), finishedWithFailure(instanceOf(AssertionError.class),
					message((text) -> text.startsWith("This test left 1 connection open on the server, held by "
							+ "client names [leaky-worker] (addresses [127.0.0.1:")
							&& text.contains("ERR max number of clients reached")))));
	}

	@Test
	void extensionWhenTestLeaksConnectionsShouldFailCountingThem() {
		Events tests = run(LeakingWithExtension.class);
		tests.assertStatistics((stats) -> stats.started(2).succeeded(1).failed(1));
		tests.assertThatEvents()
			.haveExactly(1, event(test("leaksTwo"), finishedWithFailure(instanceOf(AssertionError.class),
					message((text) -> text.startsWith("This test left 2 connections open on the server, held by "
							+ "client names [(no name), named]")))));
	}

	@Test
	void assertNoLeaksWhenServerRestartedShouldCompareByClientName() {
		try (RedisServer server = RedisServer.builder().start()) {
			RedisClient client = RedisClient.create();
			try {
				// a connection from before the check that reconnects after a restart is not a leak
				StatefulRedisConnection<String, String> kept = client.connect(named(server, "kept"));
				ConnectionLeakCheck leaks = server.connectionLeakCheck();
				server.restart();
				assertThat(kept.sync().ping()).isEqualTo("PONG");
				assertThatNoException().isThrownBy(() -> leaks.assertNoLeaks(Duration.ofMillis(200)));
				client.connect(named(server, "kept"));
				assertThatThrownBy(() -> leaks.assertNoLeaks(Duration.ofMillis(200))).isInstanceOf(AssertionError.class)
					.hasMessageStartingWith("This test left 1 connection open on the server, held by client names [kept]");
			}
			finally {
				client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
			}
		}
	}

	private static Events run(Class<?> testClass) {
		return EngineTestKit.engine("junit-jupiter").selectors(selectClass(testClass)).execute().testEvents();
	}

	static RedisURI named(RedisServer server, String name) {
		return RedisURI.builder(RedisURI.create(server.url())).withClientName(name).build();
	}

	/** Run only by the engine test kit (surefire skips nested classes). */
	@WithRedisServer(failOnLeakedConnections = true)
	static class LeakingWithAnnotation {

		@Test
		void leaks(RedisServer server) {
			RedisClient client = RedisClient.create();
			LEFT_OPEN.add(client);
			client.connect(named(server, "leaky-worker")).sync().ping();
		}

		@Test
		void closes(RedisServer server) {
			RedisClient client = RedisClient.create();
			try (StatefulRedisConnection<String, String> connection = client.connect(named(server, "tidy-worker"))) {
				connection.sync().ping();
			}
			finally {
				client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
			}
		}

	}

	/** Run only by the engine test kit (surefire skips nested classes). */
	static class LeakingWithExtension {

		@RegisterExtension
		static RedisServerExtension redis = new RedisServerExtension().failOnLeakedConnections();

		private final List<RedisClient> clients = new ArrayList<>();

		@AfterEach
		void closeTheTidyOnes() {
			this.clients.forEach((client) -> client.shutdown(Duration.ZERO, Duration.ofSeconds(2)));
		}

		@Test
		void leaksTwo() {
			RedisClient client = RedisClient.create();
			LEFT_OPEN.add(client);
			client.connect(RedisURI.create(redis.server().url())).sync().ping();
			client.connect(named(redis.server(), "named")).sync().ping();
		}

		@Test
		void closesInAfterEach() {
			RedisClient client = RedisClient.create();
			this.clients.add(client);
			client.connect(named(redis.server(), "closed-later")).sync().ping();
		}

	}

}
