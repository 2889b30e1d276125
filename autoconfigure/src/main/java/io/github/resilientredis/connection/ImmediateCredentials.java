package io.github.resilientredis.connection;

import io.lettuce.core.RedisCredentialsProvider;
import io.lettuce.core.StaticCredentialsProvider;

import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.connection.RedisConfiguration;
import org.springframework.data.redis.connection.RedisPassword;
import org.springframework.data.redis.connection.RedisSentinelConfiguration;
import org.springframework.data.redis.connection.lettuce.RedisCredentialsProviderFactory;
import org.springframework.util.StringUtils;

/**
 * Hands Lettuce the configured username and password as a {@link StaticCredentialsProvider},
 * which Lettuce reads at once, so the connect handshake runs and fails on the event loop.
 * Hand-written because the providers of Spring Data Redis (its default factory and
 * {@code RedisURI.Builder#withPassword}) are not {@code ImmediateRedisCredentialsProvider}s:
 * Lettuce 7.5 then sends {@code HELLO} from {@code thenComposeAsync}, may handle its
 * {@code WRONGPASS} reply off the event loop, and its {@code RedisHandshakeHandler.fail}
 * then races its own {@code channelInactive}, so the connect fails with "Connection closed
 * prematurely" and the server's answer is lost.
 */
public final class ImmediateCredentials implements RedisCredentialsProviderFactory {

	@Override
	public RedisCredentialsProvider createCredentialsProvider(RedisConfiguration configuration) {
		if (configuration instanceof RedisConfiguration.WithAuthentication authentication) {
			return of(authentication.getUsername(), authentication.getPassword());
		}
		return of(null, RedisPassword.none());
	}

	@Override
	public RedisCredentialsProvider createSentinelCredentialsProvider(RedisSentinelConfiguration configuration) {
		return of(configuration.getSentinelUsername(), configuration.getSentinelPassword());
	}

	// like Spring Data Redis: a username without a password is not sent
	private static RedisCredentialsProvider of(@Nullable String username, RedisPassword password) {
		return password.map((chars) -> new StaticCredentialsProvider(StringUtils.hasText(username) ? username : null,
				chars)).orElseGet(() -> new StaticCredentialsProvider(null, null));
	}

}
