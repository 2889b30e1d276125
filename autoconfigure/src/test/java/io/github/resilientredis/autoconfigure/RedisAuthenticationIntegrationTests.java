package io.github.resilientredis.autoconfigure;

import io.github.resilientredis.test.RedisServer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisCredentialsProvider;
import io.lettuce.core.RedisURI;
import io.github.resilientredis.test.RedisServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Authentication against a real redis-server with {@code requirepass} and an ACL user.
 */
@ExtendWith(OutputCaptureExtension.class)
class RedisAuthenticationIntegrationTests {

	private static final String PASSWORD = "s3cret-pass";

	@RegisterExtension
	static final RedisServerExtension redis = new RedisServerExtension(
			RedisServer.builder().requirePass(PASSWORD).aclUser("app", "app-pass"));

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(RedisConnectionAutoConfiguration.class, DataRedisAutoConfiguration.class))
		.withPropertyValues("redis.client-name=auth-it", "redis.connect-timeout=1s", "redis.command-timeout=2s");

	@Test
	void passwordWhenRightShouldConnect() {
		this.contextRunner
			.withPropertyValues("redis.host=" + redis.server().host(), "redis.port=" + redis.server().port(),
					"redis.password=" + PASSWORD)
			.run((context) -> {
				StringRedisTemplate template = context.getBean(StringRedisTemplate.class);
				template.opsForValue().set("auth", "ok");
				assertThat(template.opsForValue().get("auth")).isEqualTo("ok");
			});
	}

	@Test
	void aclUserInUrlShouldConnect() {
		this.contextRunner
			.withPropertyValues("redis.url=redis://app:app-pass@" + redis.server().host() + ":" + redis.server().port())
			.run((context) -> {
				StringRedisTemplate template = context.getBean(StringRedisTemplate.class);
				template.opsForValue().set("acl", "ok");
				assertThat(template.opsForValue().get("acl")).isEqualTo("ok");
				assertThat(redis.server().clients()).anySatisfy((client) -> {
					assertThat(client).containsEntry("name", "auth-it");
					assertThat(client).containsEntry("user", "app");
				});
			});
	}

	@Test
	void passwordWhenWrongShouldStartContextAndFailCommandsClearly(CapturedOutput output) {
		this.contextRunner
			.withPropertyValues("redis.url=redis://:wrong-pass@" + redis.server().host() + ":" + redis.server().port())
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThatExceptionOfType(RedisConnectionFailureException.class)
					.isThrownBy(() -> context.getBean(StringRedisTemplate.class).opsForValue().get("k"))
					.satisfies((ex) -> {
						assertThat(rootCauseMessages(ex)).contains("WRONGPASS");
						assertThat(rootCauseMessages(ex)).doesNotContain("wrong-pass");
					});
			});
		assertThat(output).contains("authentication failed (WRONGPASS/NOAUTH): check redis.password")
			.doesNotContain("wrong-pass");
	}

	@Test
	void passwordWhenMissingShouldStartContextAndFailCommandsClearly() {
		this.contextRunner.withPropertyValues("redis.url=" + redis.server().url()).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThatExceptionOfType(RuntimeException.class)
				.isThrownBy(() -> context.getBean(StringRedisTemplate.class).opsForValue().get("k"))
				.satisfies((ex) -> assertThat(rootCauseMessages(ex)).contains("NOAUTH"));
		});
	}

	@Test
	void passwordWhenWrongShouldAlwaysFailTheConnectWithTheServersAnswer() {
		this.contextRunner
			.withPropertyValues("redis.url=redis://:wrong-pass@" + redis.server().host() + ":" + redis.server().port())
			.run((context) -> {
				LettuceConnectionFactory factory = context.getBean(LettuceConnectionFactory.class);
				RedisCredentialsProvider credentials = factory.getClientConfiguration()
					.getRedisCredentialsProviderFactory()
					.orElseThrow()
					.createCredentialsProvider(factory.getStandaloneConfiguration());
				// read at once, so Lettuce handles the reply to HELLO on the event loop: a provider
				// it resolves asynchronously lets "Connection closed prematurely" replace WRONGPASS
				assertThat(credentials).isInstanceOf(RedisCredentialsProvider.ImmediateRedisCredentialsProvider.class);
				RedisURI uri = RedisURI.create(redis.server().host(), redis.server().port());
				uri.setCredentialsProvider(credentials);
				RedisClient client = RedisClient.create();
				try {
					for (int attempt = 0; attempt < 300; attempt++) {
						// "RedisHandshakeHandler not registered" is Lettuce's other lost cause, which the
						// connection provider connects once more for; this client has no such provider
						assertThatExceptionOfType(RedisConnectionException.class).isThrownBy(() -> client.connect(uri))
							.satisfies((ex) -> assertThat(rootCauseMessages(ex))
								.containsAnyOf("WRONGPASS", "RedisHandshakeHandler not registered")
								.doesNotContain("Connection closed prematurely"));
					}
				}
				finally {
					client.shutdown();
				}
			});
	}

	private static String rootCauseMessages(Throwable ex) {
		StringBuilder messages = new StringBuilder();
		for (Throwable current = ex; current != null; current = current.getCause()) {
			messages.append(current.getMessage()).append('\n');
		}
		return messages.toString();
	}

}
