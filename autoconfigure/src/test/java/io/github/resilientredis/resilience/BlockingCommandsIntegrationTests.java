package io.github.resilientredis.resilience;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.connection.stream.StreamOffset;
import org.springframework.data.redis.connection.stream.StreamReadOptions;
import org.springframework.data.redis.core.StringRedisTemplate;

import io.github.resilientredis.test.RedisServerExtension;

import static io.github.resilientredis.resilience.ResilienceTestSupport.COMMAND_TIMEOUT;
import static io.github.resilientredis.resilience.ResilienceTestSupport.runner;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Commands that block on purpose for longer than the command timeout (BLPOP, XREAD BLOCK)
 * get their block time plus the command timeout, are neither failures nor slow calls, and
 * never move other threads' commands off Redis (Spring Data Redis' own
 * {@code testMultiThreadsOneBlocking} scenario).
 */
class BlockingCommandsIntegrationTests {

	@RegisterExtension
	static final RedisServerExtension redis = new RedisServerExtension();

	private static final Duration BLOCK = COMMAND_TIMEOUT.multipliedBy(3);

	@Test
	void blockingPopLongerThanTheCommandTimeoutWhileOthersWriteShouldLoseNothing() throws Exception {
		runner(redis.server().port()).run((context) -> {
			StringRedisTemplate template = context.getBean(StringRedisTemplate.class);
			CircuitBreaker breaker = context.getBean(CircuitBreaker.class);
			ResilienceStatus status = context.getBean(ResilienceStatus.class);
			// the other tests of this class leave keys behind: start from an empty database
			redis.server().admin().flushall();
			ExecutorService writers = Executors.newFixedThreadPool(4);
			try {
				long start = System.nanoTime();
				CompletableFuture<String> pop = CompletableFuture
					.supplyAsync(() -> template.opsForList().leftPop("empty-queue", BLOCK));
				List<Future<Integer>> written = new java.util.ArrayList<>();
				for (int thread = 0; thread < 4; thread++) {
					int id = thread;
					written.add(writers.submit(() -> {
						int count = 0;
						while (!pop.isDone()) {
							template.opsForValue().set("w" + id + ":" + count, "v");
							count++;
						}
						return count;
					}));
				}
				assertThat(pop.get(BLOCK.plusSeconds(5).toMillis(), TimeUnit.MILLISECONDS)).isNull();
				assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(COMMAND_TIMEOUT);
				long acknowledged = 0;
				for (Future<Integer> future : written) {
					acknowledged += future.get();
				}
				assertThat(acknowledged).isPositive();
				assertThat(redis.server().admin().dbsize()).as("every acknowledged SET is in Redis")
					.isEqualTo(acknowledged);
				assertThat(breaker.getMetrics().getNumberOfFailedCalls()).isZero();
				assertThat(breaker.getMetrics().getNumberOfSlowCalls()).isZero();
				assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
				assertThat(status.isFallbackActive()).isFalse();
			}
			finally {
				writers.shutdownNow();
				redis.server().admin().flushall();
			}
		});
	}

	@Test
	void blockingPopShouldReturnWhatArrivesWhileItBlocks() throws Exception {
		runner(redis.server().port()).run((context) -> {
			StringRedisTemplate template = context.getBean(StringRedisTemplate.class);
			CompletableFuture<String> pop = CompletableFuture
				.supplyAsync(() -> template.opsForList().leftPop("queue", BLOCK));
			// a blocked BLPOP shows in the server's blocked-clients count: push only then
			org.awaitility.Awaitility.await()
				.atMost(Duration.ofSeconds(5))
				.until(() -> redis.server().admin().info("clients").contains("blocked_clients:1"));
			template.opsForList().rightPush("queue", "job-1");
			assertThat(pop.get(5, TimeUnit.SECONDS)).isEqualTo("job-1");
		});
	}

	@Test
	void streamReadBlockingLongerThanTheCommandTimeoutShouldReturnEmpty() throws Exception {
		runner(redis.server().port()).run((context) -> {
			StringRedisTemplate template = context.getBean(StringRedisTemplate.class);
			CircuitBreaker breaker = context.getBean(CircuitBreaker.class);
			template.opsForStream().add("events", java.util.Map.of("k", "v"));
			long start = System.nanoTime();
			List<MapRecord<String, Object, Object>> records = template.opsForStream()
				.read(StreamReadOptions.empty().block(BLOCK), StreamOffset.latest("events"));
			assertThat(records).isNullOrEmpty();
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(COMMAND_TIMEOUT);
			assertThat(breaker.getMetrics().getNumberOfFailedCalls()).isZero();
			assertThat(breaker.getMetrics().getNumberOfSlowCalls()).isZero();
		});
	}

}
