package io.github.resilientredis.test;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;

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
