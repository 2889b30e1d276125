package io.github.resilientredis.resilience;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreaker.State;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.connection.stream.StreamOffset;
import org.springframework.data.redis.connection.stream.StreamReadOptions;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

import io.github.resilientredis.test.RedisServer;
import io.github.resilientredis.test.RedisServerExtension;

import static io.github.resilientredis.resilience.ResilienceTestSupport.millisSince;
import static io.github.resilientredis.resilience.ResilienceTestSupport.report;
import static io.github.resilientredis.resilience.ResilienceTestSupport.runner;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Hang detection against a real redis-server, with a command timeout of 5 s so that only
 * the detector can open the breaker sooner: SIGSTOP opens it in about a second; blocking
 * commands and a long script the application runs on purpose never do.
 */
class HangDetectionIntegrationTests {

	@RegisterExtension
	static final RedisServerExtension redis = new RedisServerExtension();

	private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(5);

	/** Busy for 1.5 s on the server, without DEBUG SLEEP: Redis serves nobody else meanwhile. */
	private static final RedisScript<Long> BUSY_SCRIPT = RedisScript.of("""
			local t = redis.call('TIME')
			local start = t[1] * 1000000 + t[2]
			while true do
			  local n = redis.call('TIME')
			  if (n[1] * 1000000 + n[2]) - start > 1500000 then return 1 end
			end""", Long.class);

	private static ApplicationContextRunner runner(int port) {
		return ResilienceTestSupport.runner(port)
			.withPropertyValues("redis.command-timeout=" + COMMAND_TIMEOUT.toMillis() + "ms");
	}

	@Test
	void pauseWhenCommandsWaitShouldOpenTheBreakerInAboutASecondBeforeTheCommandTimeout() throws Exception {
		try (RedisServer paused = RedisServer.builder().start()) {
			runner(paused.port()).run((context) -> {
				StringRedisTemplate template = context.getBean(StringRedisTemplate.class);
				CircuitBreaker breaker = context.getBean(CircuitBreaker.class);
				ResilienceStatus status = context.getBean(ResilienceStatus.class);
				try (Load load = new Load(2, (i) -> template.opsForValue().get("key:" + i))) {
					await().atMost(Duration.ofSeconds(10)).until(() -> load.calls() > 500);
					long pausedAt = System.nanoTime();
					paused.pause();
					try {
						await().atMost(COMMAND_TIMEOUT).until(() -> breaker.getState() == State.OPEN);
						long openedAfter = millisSince(pausedAt);
						report("SIGSTOP (command timeout " + COMMAND_TIMEOUT.toMillis() + " ms, hang threshold 1 s): "
								+ "breaker OPEN after " + openedAfter + " ms");
						assertThat(openedAfter).isLessThan(COMMAND_TIMEOUT.toMillis());
						assertThat(status.getLastFailure()).contains("(hang detected)");
					}
					finally {
						paused.resume();
					}
					await().atMost(Duration.ofSeconds(15)).until(() -> breaker.getState() == State.CLOSED);
				}
			});
		}
	}

	@Test
	void blockingCommandsLongerThanTheThresholdShouldNotOpenTheBreaker() throws Exception {
		runner(redis.server().port()).run((context) -> {
			StringRedisTemplate template = context.getBean(StringRedisTemplate.class);
			CircuitBreaker breaker = context.getBean(CircuitBreaker.class);
			AtomicInteger opened = countOpens(breaker);
			try (Load load = new Load(2, (i) -> template.opsForValue().get("key:" + i))) {
				long start = System.nanoTime();
				CompletableFuture<String> pop = CompletableFuture
					.supplyAsync(() -> template.opsForList().leftPop("empty-queue", Duration.ofSeconds(3)));
				CompletableFuture<List<MapRecord<String, Object, Object>>> read = CompletableFuture
					.supplyAsync(() -> template.opsForStream()
						.read(StreamReadOptions.empty().block(Duration.ofSeconds(3)),
								StreamOffset.latest("empty-stream")));
				assertThat(pop.get(10, TimeUnit.SECONDS)).isNull();
				assertThat(read.get(10, TimeUnit.SECONDS)).isNullOrEmpty();
				assertThat(millisSince(start)).isGreaterThanOrEqualTo(2900);
				assertThat(load.failures()).isEmpty();
			}
			assertThat(opened).hasValue(0);
			assertThat(breaker.getState()).isEqualTo(State.CLOSED);
		});
	}

	@Test
	void longScriptWhileOthersWaitShouldNotOpenTheBreaker() throws Exception {
		runner(redis.server().port()).run((context) -> {
			StringRedisTemplate template = context.getBean(StringRedisTemplate.class);
			CircuitBreaker breaker = context.getBean(CircuitBreaker.class);
			AtomicInteger opened = countOpens(breaker);
			try (Load load = new Load(2, (i) -> template.opsForValue().get("key:" + i))) {
				await().atMost(Duration.ofSeconds(10)).until(() -> load.calls() > 200);
				long start = System.nanoTime();
				assertThat(template.execute(BUSY_SCRIPT, List.of())).isEqualTo(1L);
				long scriptMillis = millisSince(start);
				assertThat(scriptMillis).isGreaterThanOrEqualTo(1500);
				// the other threads' GETs waited as long, longer than the hang threshold (they note
				// their time once they run again)
				await().atMost(Duration.ofSeconds(5))
					.untilAsserted(() -> assertThat(load.maxMicros(start, Long.MAX_VALUE) / 1000).isGreaterThan(1000));
				assertThat(load.failures()).isEmpty();
			}
			assertThat(opened).hasValue(0);
			assertThat(breaker.getState()).isEqualTo(State.CLOSED);
		});
	}

	private static AtomicInteger countOpens(CircuitBreaker breaker) {
		AtomicInteger opened = new AtomicInteger();
		breaker.getEventPublisher().onStateTransition((event) -> {
			if (event.getStateTransition().getToState() == State.OPEN) {
				opened.incrementAndGet();
			}
		});
		return opened;
	}

}
