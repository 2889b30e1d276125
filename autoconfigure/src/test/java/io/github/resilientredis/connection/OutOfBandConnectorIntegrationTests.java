package io.github.resilientredis.connection;

import io.github.resilientredis.test.RedisServer;
import io.github.resilientredis.test.RedisServerExtension;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisCredentials;
import io.lettuce.core.RedisCredentialsProvider;
import io.lettuce.core.api.StatefulRedisConnection;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;

import org.springframework.data.redis.connection.RedisConfiguration;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.RedisCredentialsProviderFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link OutOfBandConnector} against a real redis-server with an ACL user: connections to
 * the endpoint and to a given node authenticate as the application's connections do,
 * including through a custom {@link RedisCredentialsProviderFactory}.
 */
class OutOfBandConnectorIntegrationTests {

	private static final String USER = "app";

	private static final String PASSWORD = "oob-s3cret";

	@RegisterExtension
	static final RedisServerExtension redis = new RedisServerExtension(
			RedisServer.builder().aclUser(USER, PASSWORD).requirePass("default-s3cret"));

	private @Nullable ResilientLettuceConnectionFactory factory;

	@AfterEach
	void destroyFactory() {
		if (this.factory != null) {
			this.factory.destroy();
		}
	}

	@Test
	void connectWhenCredentialsComeFromAProviderFactoryShouldAuthenticateEndpointAndNode() {
		ResilientLettuceConnectionFactory factory = start(new RedisCredentialsProviderFactory() {

			@Override
			public RedisCredentialsProvider createCredentialsProvider(RedisConfiguration configuration) {
				return () -> Mono.just(RedisCredentials.just(USER, PASSWORD));
			}

		});
		try (StatefulRedisConnection<String, String> endpoint = factory.connectOutOfBand()) {
			assertThat(endpoint.sync().aclWhoami()).isEqualTo(USER);
			assertThat(endpoint.sync().clientGetname()).isEqualTo("oob-it" + ClientNames.OUT_OF_BAND_SUFFIX);
		}
		try (OutOfBandConnector connector = new OutOfBandConnector(factory);
				StatefulRedisConnection<String, String> node = connector.connect(redis.server().host(),
						redis.server().port())) {
			assertThat(node.sync().aclWhoami()).isEqualTo(USER);
			assertThat(node.sync().clientGetname()).isEqualTo("oob-it:oob");
		}
	}

	@Test
	void connectWhenNoCredentialsShouldBeRefused() {
		ResilientLettuceConnectionFactory factory = start(null);
		try (OutOfBandConnector connector = new OutOfBandConnector(factory)) {
			assertThatExceptionOfType(RedisConnectionException.class)
				.isThrownBy(() -> connector.connect(redis.server().host(), redis.server().port()).close());
		}
	}

	private ResilientLettuceConnectionFactory start(@Nullable RedisCredentialsProviderFactory credentials) {
		RedisStandaloneConfiguration configuration = new RedisStandaloneConfiguration(redis.server().host(),
				redis.server().port());
		LettuceClientConfiguration.LettuceClientConfigurationBuilder builder = LettuceClientConfiguration.builder()
			.clientName("oob-it");
		if (credentials != null) {
			builder.redisCredentialsProviderFactory(credentials);
		}
		ResilientLettuceConnectionFactory created = new ResilientLettuceConnectionFactory(configuration,
				builder.build(), null, false);
		created.afterPropertiesSet();
		created.start();
		this.factory = created;
		return created;
	}

}
