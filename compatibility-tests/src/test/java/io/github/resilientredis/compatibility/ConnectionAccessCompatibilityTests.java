package io.github.resilientredis.compatibility;

import java.util.concurrent.TimeUnit;

import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnection;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import io.github.resilientredis.test.RedisServerExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Code that reaches below the templates: {@code getConnection()} hands out a genuine
 * {@link LettuceConnection} whose native Lettuce connection works, as with stock Spring Boot.
 */
class ConnectionAccessCompatibilityTests {

	@RegisterExtension
	static final RedisServerExtension redis = new RedisServerExtension();

	@ParameterizedTest
	@EnumSource(Variant.class)
	void getConnectionWhenRedisIsHealthyShouldReturnLettuceConnectionWithWorkingNativeConnection(Variant variant)
			throws Exception {
		try (ConfigurableApplicationContext context = variant.start(redis.server())) {
			RedisConnectionFactory connectionFactory = context.getBean(RedisConnectionFactory.class);
			assertThat(connectionFactory).isInstanceOf(LettuceConnectionFactory.class);
			try (RedisConnection connection = connectionFactory.getConnection()) {
				assertThat(connection).isInstanceOf(LettuceConnection.class);
				assertThat(connection.ping()).isEqualTo("PONG");
				Object nativeConnection = connection.getNativeConnection();
				assertThat(nativeConnection).isInstanceOf(RedisClusterAsyncCommands.class);
				RedisClusterAsyncCommands<byte[], byte[]> commands = asyncCommands(nativeConnection);
				assertThat(commands.ping().get(2, TimeUnit.SECONDS)).isEqualTo("PONG");
				assertThat(commands.echo("compat".getBytes()).get(2, TimeUnit.SECONDS)).asString().isEqualTo("compat");
			}
		}
	}

	@SuppressWarnings("unchecked")
	private static RedisClusterAsyncCommands<byte[], byte[]> asyncCommands(Object nativeConnection) {
		return (RedisClusterAsyncCommands<byte[], byte[]>) nativeConnection;
	}

}
