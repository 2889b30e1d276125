package io.github.resilientredis.compatibility;

import java.time.Duration;
import java.util.function.Supplier;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import reactor.core.publisher.Mono;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.ReactiveValueOperations;

import io.github.resilientredis.test.RedisServer;
import io.github.resilientredis.test.RedisServerExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring Boot's {@link ReactiveStringRedisTemplate}: set and get on a healthy Redis; while
 * Redis is down every operation signals an error (a {@code Mono.error}, not an exception at
 * assembly) and nothing is acknowledged that Redis did not store.
 */
class ReactiveTemplateCompatibilityTests {

	private static final Duration BLOCK = Duration.ofSeconds(10);

	@RegisterExtension
	static final RedisServerExtension redis = new RedisServerExtension(Outage.durableRedis());

	@BeforeEach
	void flush() {
		redis.server().admin().flushall();
	}

	@ParameterizedTest
	@EnumSource(Variant.class)
	void reactiveTemplateWhenRedisIsHealthyShouldSetAndGet(Variant variant) {
		try (ConfigurableApplicationContext context = variant.start(redis.server())) {
			ReactiveValueOperations<String, String> ops = context.getBean(ReactiveStringRedisTemplate.class)
				.opsForValue();
			assertThat(ops.set("reactive:key", "value").block(BLOCK)).isTrue();
			assertThat(ops.get("reactive:key").block(BLOCK)).isEqualTo("value");
			assertThat(ops.setIfAbsent("reactive:key", "other").block(BLOCK)).isFalse();
			assertThat(ops.get("reactive:missing").block(BLOCK)).isNull();
		}
	}

	@ParameterizedTest
	@EnumSource(Variant.class)
	void reactiveTemplateWhenRedisIsDownShouldSignalErrorsAndAcknowledgeNothing(Variant variant) {
		RedisServer server = redis.server();
		try (ConfigurableApplicationContext context = variant.start(server)) {
			ReactiveValueOperations<String, String> ops = context.getBean(ReactiveStringRedisTemplate.class)
				.opsForValue();
			assertThat(ops.set("reactive:key", "value").block(BLOCK)).isTrue();

			Outage.begin(variant, server, () -> ops.get("reactive:key").block(BLOCK));
			Outage.failures(() -> errorSignal(() -> ops.get("reactive:key")),
					() -> errorSignal(() -> ops.set("reactive:key", "new")),
					() -> errorSignal(() -> ops.setIfAbsent("reactive:other", "new")),
					() -> errorSignal(() -> ops.increment("reactive:count")));

			Outage.end(server, () -> assertThat(ops.get("reactive:key").block(BLOCK)).isEqualTo("value"));
			assertThat(server.admin().exists("reactive:other", "reactive:count")).as("keys written during the outage")
				.isZero();
		}
	}

	/**
	 * Subscribe and rethrow the error the publisher signalled. A publisher that completes, or
	 * an operation that throws instead of returning a publisher, makes the surrounding failure
	 * assertion fail.
	 */
	private static void errorSignal(Supplier<Mono<?>> operation) throws Throwable {
		Mono<?> mono;
		try {
			mono = operation.get();
		}
		catch (RuntimeException ex) {
			// no cause: the assertion on the failure must not find the DataAccessException
			throw new AssertionError("Thrown when the operation was called instead of signalled as Mono.error: " + ex);
		}
		Throwable error = mono.then(Mono.<Throwable>empty()).onErrorResume(Mono::just).block(BLOCK);
		if (error != null) {
			throw error;
		}
	}

}
