package io.github.resilientredis.autoconfigure;

import io.github.resilientredis.connection.ResilientLettuceConnectionFactory;
import io.github.resilientredis.test.ConnectedClient;
import io.github.resilientredis.test.RedisServer;
import io.github.resilientredis.test.WithRedisServer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter honours the connection details {@link WithRedisServer} registers, as it does
 * any {@code DataRedisConnectionDetails} bean: without {@code redis.url} or
 * {@code redis.host} it connects to the test's server over TLS (the details' SSL bundle)
 * as the ACL user.
 */
@SpringBootTest(classes = WithRedisServerConnectionDetailsIntegrationTests.Application.class,
		properties = "redis.client-name=details-it")
@WithRedisServer(tls = true, aclUser = "app", aclPassword = "app-pass")
class WithRedisServerConnectionDetailsIntegrationTests {

	@Autowired
	RedisConnectionFactory connectionFactory;

	@Autowired
	StringRedisTemplate template;

	@Test
	void starterWhenOnlyConnectionDetailsShouldConnectOverTlsAsTheAclUser(RedisServer server) {
		assertThat(this.connectionFactory).isInstanceOf(ResilientLettuceConnectionFactory.class);
		this.template.opsForValue().set("from-starter", "yes");
		assertThat(server.admin().get("from-starter")).isEqualTo("yes");
		assertThat(server.connectedClients()).filteredOn((client) -> client.name().startsWith("details-it"))
			.isNotEmpty()
			.extracting(ConnectedClient::user)
			.containsOnly("app");
		assertThat(((ResilientLettuceConnectionFactory) this.connectionFactory).isUseSsl()).isTrue();
	}

	@SpringBootConfiguration
	@ImportAutoConfiguration({ RedisConnectionAutoConfiguration.class, DataRedisAutoConfiguration.class })
	static class Application {

	}

}
