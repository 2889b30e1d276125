package io.github.resilientredis.resilience;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;

import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import io.github.resilientredis.connection.ConnectionInterceptor;
import io.github.resilientredis.fallback.RecoveryAccess;

/**
 * Test-only stand-in for the starter's connection factory: a plain Lettuce factory with
 * short timeouts, REJECT_COMMANDS while disconnected and a jittered reconnect backoff,
 * that routes getConnection() through a {@link ConnectionInterceptor}.
 */
class InterceptingTestConnectionFactory extends LettuceConnectionFactory implements RecoveryAccess {

	static final Duration COMMAND_TIMEOUT = Duration.ofMillis(500);

	static final String CLIENT_NAME = "resilience-test";

	private volatile ConnectionInterceptor interceptor = ConnectionInterceptor.NONE;

	InterceptingTestConnectionFactory(String host, int port) {
		super(new RedisStandaloneConfiguration(host, port), clientConfiguration());
	}

	private static LettuceClientConfiguration clientConfiguration() {
		ClientOptions options = ClientOptions.builder()
			.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
			.timeoutOptions(TimeoutOptions.enabled(COMMAND_TIMEOUT))
			.socketOptions(SocketOptions.builder().connectTimeout(Duration.ofMillis(500)).build())
			.build();
		ClientResources resources = ClientResources.builder()
			.reconnectDelay(Delay.equalJitter(Duration.ofMillis(100), Duration.ofSeconds(3), 2, TimeUnit.MILLISECONDS))
			.build();
		return LettuceClientConfiguration.builder()
			.clientOptions(options)
			.clientResources(resources)
			.commandTimeout(COMMAND_TIMEOUT)
			.clientName(CLIENT_NAME)
			.shutdownTimeout(Duration.ZERO)
			.build();
	}

	void setConnectionInterceptor(ConnectionInterceptor interceptor) {
		this.interceptor = interceptor;
	}

	@Override
	public RedisConnection getConnection() {
		return this.interceptor.intercept(super::getConnection);
	}

	@Override
	public RedisConnection uninterceptedConnection() {
		return super.getConnection();
	}

	@Override
	public void resetConnections() {
		resetConnection();
	}

}
