package io.github.resilientredis.test;

import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.platform.testkit.engine.EngineTestKit;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * {@link WithRedisServer} in {@code @SpringBootTest}s of plain Spring Boot Data Redis (no
 * starter): the connection details bean points the auto-configured Lettuce connection
 * factory at the started server, with its credentials, over TLS when the server is TLS-only.
 */
class WithRedisServerSpringBootIntegrationTests {

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Application {

	}

	@Nested
	@SpringBootTest(classes = Application.class)
	@WithRedisServer(requirePass = "s3cret")
	class Password {

		@Autowired
		StringRedisTemplate template;

		@Autowired
		LettuceConnectionFactory connectionFactory;

		@Autowired
		DataRedisConnectionDetails connectionDetails;

		@Test
		void templateWhenPasswordRequiredShouldReachTheServerWithIt(RedisServer server) {
			assertThat(this.connectionDetails).isInstanceOf(RedisServerConnectionDetails.class);
			assertThat(this.connectionFactory.getPort()).isEqualTo(server.port());
			assertThat(this.connectionFactory.isUseSsl()).isFalse();
			this.template.opsForValue().set("greeting", "hello");
			assertThat(server.admin().get("greeting")).isEqualTo("hello");
		}

	}

	@Nested
	@SpringBootTest(classes = Application.class)
	@WithRedisServer(tls = true, aclUser = "app", aclPassword = "app-pass")
	class TlsAndAclUser {

		@Autowired
		StringRedisTemplate template;

		@Autowired
		LettuceConnectionFactory connectionFactory;

		@Test
		void templateWhenTlsOnlyShouldConnectOverTlsAsTheAclUser(RedisServer server) {
			assertThat(this.connectionFactory.isUseSsl()).isTrue();
			assertThat(this.connectionFactory.getPort()).isEqualTo(server.tlsPort());
			this.template.opsForValue().set("secure", "yes");
			assertThat(server.admin().get("secure")).isEqualTo("yes");
			assertThat(server.connectedClients()).extracting(ConnectedClient::user).containsOnly("app");
		}

	}

	@Test
	void contextWhenTheClassIsDoneShouldBeClosedBeforeItsServer() {
		EngineTestKit.engine("junit-jupiter")
			.selectors(selectClass(RecordsItsContext.class))
			.execute()
			.testEvents()
			.assertStatistics((stats) -> stats.succeeded(1).failed(0));
		// closed, not left in the context cache reconnecting to a server that is gone
		assertThat(RecordsItsContext.context.get().isActive()).isFalse();
		assertThat(RecordsItsContext.server.get().isRunning()).isFalse();
	}

	/** Run only by the engine test kit (surefire skips nested classes). */
	@SpringBootTest(classes = Application.class)
	@WithRedisServer
	static class RecordsItsContext {

		static final AtomicReference<ConfigurableApplicationContext> context = new AtomicReference<>();

		static final AtomicReference<RedisServer> server = new AtomicReference<>();

		@Autowired
		ConfigurableApplicationContext applicationContext;

		@Autowired
		StringRedisTemplate template;

		@Test
		void record(RedisServer redis) {
			this.template.opsForValue().set("k", "v");
			context.set(this.applicationContext);
			server.set(redis);
		}

	}

	@Nested
	@TestInstance(TestInstance.Lifecycle.PER_CLASS)
	@SpringBootTest(classes = Application.class)
	@WithRedisServer
	class ContextBeforeExtension {

		@Autowired
		StringRedisTemplate template;

		@Test
		void contextWhenLoadedBeforeBeforeAllShouldUseTheSameServer(RedisServer server) {
			// PER_CLASS: the context is loaded (and the server started) before beforeAll
			this.template.opsForValue().set("k", "v");
			assertThat(server.admin().get("k")).isEqualTo("v");
		}

	}

}
