package io.github.resilientredis.autoconfigure;

import java.time.Duration;

import io.github.resilientredis.test.RedisServer;
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
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A plain-text client against a TLS port and a TLS client against a plain port fail
 * within the connect timeout (the server just closes the socket, or answers garbage to
 * the TLS handshake) instead of hanging, and the log says why, once.
 */
@ExtendWith(OutputCaptureExtension.class)
class RedisTlsMismatchIntegrationTests {

	@RegisterExtension
	static final RedisServerExtension redis = new RedisServerExtension(RedisServer.builder().tlsAndPlain());

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(RedisConnectionAutoConfiguration.class, DataRedisAutoConfiguration.class))
		.withPropertyValues("redis.client-name=mismatch-it", "redis.connect-timeout=1s", "redis.command-timeout=2s");

	@Test
	void plainClientWhenServerPortIsTlsShouldFailWithinConnectTimeoutWithHint(CapturedOutput output) {
		this.contextRunner.withPropertyValues("redis.url=redis://localhost:" + redis.server().tlsPort())
			.run((context) -> {
				StringRedisTemplate template = context.getBean(StringRedisTemplate.class);
				assertFailsQuickly(template);
				assertFailsQuickly(template);
			});
		String hint = "Redis at redis://localhost:" + redis.server().tlsPort()
				+ " closed the connection during the handshake: it probably expects TLS";
		assertThat(output).containsOnlyOnce(hint);
	}

	@Test
	void tlsClientWhenServerPortIsPlainShouldFailWithinConnectTimeoutWithHint(CapturedOutput output) {
		this.contextRunner
			.withPropertyValues("redis.url=rediss://localhost:" + redis.server().port(),
					"redis.tls.ca-file=" + redis.server().tls().caCertFile())
			.run((context) -> assertFailsQuickly(context.getBean(StringRedisTemplate.class)));
		assertThat(output).contains("Redis at rediss://localhost:" + redis.server().port()
				+ " did not answer the TLS handshake: it probably does not speak TLS on this port");
	}

	private static void assertFailsQuickly(StringRedisTemplate template) {
		long start = System.nanoTime();
		assertThatExceptionOfType(RedisConnectionFailureException.class)
			.isThrownBy(() -> template.opsForValue().get("k"));
		// connect timeout 1 s + command timeout 2 s for the handshake commands; generous
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));
	}

}
