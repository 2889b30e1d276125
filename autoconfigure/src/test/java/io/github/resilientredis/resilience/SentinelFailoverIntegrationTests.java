package io.github.resilientredis.resilience;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreaker.State;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.core.StringRedisTemplate;

import io.github.resilientredis.diagnostics.Redaction;
import io.github.resilientredis.test.RedisSentinelFixture;

import static io.github.resilientredis.resilience.ResilienceTestSupport.report;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A Sentinel failover under write load, with default reconnect and breaker settings: after
 * the sentinel names the promoted replica, writes reach it. Reports the time from the
 * announcement ({@code SENTINEL get-master-addr-by-name} changing) to the first acknowledged
 * write, and the errors callers saw meanwhile.
 */
class SentinelFailoverIntegrationTests {

	private static final int WRITERS = 4;

	@Test
	void masterKilledUnderWriteLoadShouldMoveWritesToThePromotedReplica() throws Exception {
		try (RedisSentinelFixture sentinel = RedisSentinelFixture.start()) {
			ResilienceTestSupport.runner()
				.withPropertyValues("redis.command-timeout=2s", "redis.sentinel.master=" + sentinel.masterName(),
						"redis.sentinel.nodes=" + String.join(",", sentinel.sentinelNodes()))
				.run((context) -> {
					StringRedisTemplate template = context.getBean(StringRedisTemplate.class);
					CircuitBreaker breaker = context.getBean(CircuitBreaker.class);
					Writes writes = new Writes(template);
					try {
						await().atMost(Duration.ofSeconds(10)).until(() -> writes.acknowledged.get() > 200);
						long killedAt = System.nanoTime();
						sentinel.master().kill();
						int promoted = sentinel.replica().port();
						await().atMost(Duration.ofSeconds(20))
							.pollInterval(Duration.ofMillis(5))
							.until(() -> sentinel.currentMasterPort() == promoted);
						long announcedAt = System.nanoTime();
						await().atMost(Duration.ofSeconds(20)).until(() -> writes.lastSuccess.get() > announcedAt);
						long firstAfter = writes.firstSuccessAfter(announcedAt);
						long errors = writes.errors.get();
						report(String.format("Sentinel failover under %d writers: announced %d ms after the kill, "
								+ "first acknowledged write on the new master %d ms after the announcement; "
								+ "%d writes failed during the failover (first: %s)", WRITERS,
								TimeUnit.NANOSECONDS.toMillis(announcedAt - killedAt),
								TimeUnit.NANOSECONDS.toMillis(firstAfter - announcedAt), errors, writes.firstError));
						await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
							assertThat(sentinel.replica().admin().info("replication")).contains("role:master");
							assertThat(sentinel.replica().commandCalls("set")).isPositive();
						});
						await().atMost(Duration.ofSeconds(10)).until(() -> breaker.getState() == State.CLOSED);
					}
					finally {
						writes.stop();
					}
				});
		}
	}

	/** Writers that note when their SETs are acknowledged and what failed. */
	private static final class Writes {

		final AtomicLong acknowledged = new AtomicLong();

		final AtomicLong errors = new AtomicLong();

		final AtomicLong lastSuccess = new AtomicLong();

		final ConcurrentLinkedQueue<Long> successes = new ConcurrentLinkedQueue<>();

		volatile String firstError;

		private final AtomicBoolean running = new AtomicBoolean(true);

		private final ExecutorService executor = Executors.newFixedThreadPool(WRITERS);

		Writes(StringRedisTemplate template) {
			for (int t = 0; t < WRITERS; t++) {
				int thread = t;
				this.executor.execute(() -> {
					int i = 0;
					while (this.running.get()) {
						try {
							template.opsForValue().set("w" + thread + ":" + (i++ % 100), "v");
							long now = System.nanoTime();
							this.successes.add(now);
							this.lastSuccess.set(now);
							this.acknowledged.incrementAndGet();
						}
						catch (RuntimeException ex) {
							if (this.errors.getAndIncrement() == 0) {
								this.firstError = Redaction.describe(ex);
							}
							pause();
						}
					}
				});
			}
		}

		long firstSuccessAfter(long nanos) {
			List<Long> after = new ArrayList<>();
			for (long success : this.successes) {
				if (success > nanos) {
					after.add(success);
				}
			}
			return after.stream().mapToLong(Long::longValue).min().orElse(-1);
		}

		private static void pause() {
			try {
				Thread.sleep(1);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

		void stop() throws InterruptedException {
			this.running.set(false);
			this.executor.shutdown();
			this.executor.awaitTermination(10, TimeUnit.SECONDS);
		}

	}

}
