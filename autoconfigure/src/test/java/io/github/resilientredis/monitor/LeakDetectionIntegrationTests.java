package io.github.resilientredis.monitor;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.resilientredis.actuate.RedisEndpoint;
import io.github.resilientredis.autoconfigure.RedisConnectionAutoConfiguration;
import io.github.resilientredis.autoconfigure.RedisObservabilityAutoConfiguration;
import io.github.resilientredis.test.RedisServer;
import io.github.resilientredis.test.RedisServerExtension;

import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Pool leak detection with the starter's connection factory against a real redis-server.
 */
@ExtendWith(OutputCaptureExtension.class)
class LeakDetectionIntegrationTests {

	@RegisterExtension
	static final RedisServerExtension redis = new RedisServerExtension(RedisServer.builder());

	@Test
	void connectionHeldPastThresholdShouldBeSuspectWithBorrowerStackTrace(CapturedOutput output) {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(RedisConnectionAutoConfiguration.class,
					DataRedisAutoConfiguration.class, RedisObservabilityAutoConfiguration.class,
					EndpointAutoConfiguration.class))
			.withPropertyValues("redis.url=" + redis.server().url(), "redis.client-name=orders",
					"redis.share-native-connection=false", "redis.pool.leak-detection-threshold=300ms",
					"management.endpoints.web.exposure.include=redis")
			.run((context) -> {
				RedisConnection held = context.getBean(RedisConnectionFactory.class).getConnection();
				try {
					held.ping();
					LeakDetector detector = context.getBean(LeakDetector.class);
					await().atMost(Duration.ofSeconds(10)).until(() -> detector.getSuspectsTotal() == 1);
					RedisMonitor.PoolSection pool = (RedisMonitor.PoolSection) context.getBean(RedisEndpoint.class)
						.section(SecurityContext.NONE, "pool");
					assertThat(pool.leakSuspectsTotal()).isEqualTo(1L);
					assertThat(pool.active()).isEqualTo(1);
					assertThat(pool.leakSuspects()).hasSize(1);
					assertThat(context.getBean(EventHistory.class).getEvents()).extracting(RedisEvent::type)
						.contains(RedisEvent.Type.LEAK_SUSPECT);
				}
				finally {
					held.close();
				}
			});
		assertThat(output).contains("longer than redis.pool.leak-detection-threshold=PT0.3S")
			.contains("connectionHeldPastThresholdShouldBeSuspectWithBorrowerStackTrace");
	}

}
