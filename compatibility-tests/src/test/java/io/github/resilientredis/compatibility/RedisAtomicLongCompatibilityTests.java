package io.github.resilientredis.compatibility;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.support.atomic.RedisAtomicLong;

import io.github.resilientredis.test.RedisServer;
import io.github.resilientredis.test.RedisServerExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link RedisAtomicLong}: increments fail while Redis is down and the counter comes back
 * with its value after the restart, never reset (a counter re-created on a key that looks
 * missing starts again at 0).
 */
class RedisAtomicLongCompatibilityTests {

	private static final String KEY = "compat:counter";

	@RegisterExtension
	static final RedisServerExtension redis = new RedisServerExtension(Outage.durableRedis());

	@BeforeEach
	void flush() {
		redis.server().admin().flushall();
	}

	@ParameterizedTest
	@EnumSource(Variant.class)
	void counterWhenRedisIsDownShouldFailIncrementsAndKeepItsValue(Variant variant) {
		RedisServer server = redis.server();
		try (ConfigurableApplicationContext context = variant.start(server)) {
			RedisConnectionFactory connectionFactory = context.getBean(RedisConnectionFactory.class);
			RedisAtomicLong counter = new RedisAtomicLong(KEY, connectionFactory);
			counter.set(41);
			assertThat(counter.incrementAndGet()).isEqualTo(42);

			Outage.begin(variant, server, counter::incrementAndGet);
			Outage.failures(counter::incrementAndGet, counter::incrementAndGet, () -> counter.addAndGet(10),
					counter::get, () -> new RedisAtomicLong(KEY, connectionFactory));

			Outage.end(server, () -> assertThat(counter.get()).isEqualTo(42));
			assertThat(new RedisAtomicLong(KEY, connectionFactory).get()).as("counter re-created after the outage")
				.isEqualTo(42);
			assertThat(counter.incrementAndGet()).isEqualTo(43);
		}
	}

}
