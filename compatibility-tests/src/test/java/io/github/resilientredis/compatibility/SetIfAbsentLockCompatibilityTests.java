package io.github.resilientredis.compatibility;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.ValueOperations;

import io.github.resilientredis.test.RedisServer;
import io.github.resilientredis.test.RedisServerExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hand-written lock most applications have, {@code SET key owner NX EX 30} through
 * {@code opsForValue().setIfAbsent}, from two applications: exactly one wins; while Redis is
 * down nobody wins (an exception, never {@code true} or {@code false} made up locally); after
 * the restart the winner's value and TTL are still there.
 */
class SetIfAbsentLockCompatibilityTests {

	private static final Duration TTL = Duration.ofSeconds(30);

	@RegisterExtension
	static final RedisServerExtension redis = new RedisServerExtension(Outage.durableRedis());

	@BeforeEach
	void flush() {
		redis.server().admin().flushall();
	}

	@ParameterizedTest
	@EnumSource(Variant.class)
	void setIfAbsentWhenTwoApplicationsCompeteShouldGoToOneOnlyAndSurviveAnOutage(Variant variant) {
		RedisServer server = redis.server();
		try (ConfigurableApplicationContext first = variant.start(server);
				ConfigurableApplicationContext second = variant.start(server)) {
			ValueOperations<String, String> firstOps = first.getBean(StringRedisTemplate.class).opsForValue();
			ValueOperations<String, String> secondOps = second.getBean(StringRedisTemplate.class).opsForValue();
			assertThat(firstOps.setIfAbsent("lock:job", "owner-1", TTL)).isTrue();
			assertThat(secondOps.setIfAbsent("lock:job", "owner-2", TTL)).isFalse();

			Outage.begin(variant, server, () -> secondOps.setIfAbsent("lock:job", "owner-2", TTL));
			Outage.failures(() -> secondOps.setIfAbsent("lock:job", "owner-2", TTL),
					() -> firstOps.setIfAbsent("lock:other", "owner-1", TTL),
					() -> secondOps.setIfAbsent("lock:other", "owner-2", TTL), () -> secondOps.get("lock:job"));

			Outage.end(server, () -> assertThat(secondOps.get("lock:job")).isEqualTo("owner-1"));
			StringRedisTemplate template = second.getBean(StringRedisTemplate.class);
			assertThat(template.getExpire("lock:job", TimeUnit.SECONDS)).as("TTL of the lock in seconds")
				.isBetween(1L, TTL.toSeconds());
			assertThat(template.hasKey("lock:other")).as("lock tried during the outage").isFalse();
			assertThat(secondOps.setIfAbsent("lock:job", "owner-2", TTL)).isFalse();
		}
	}

}
