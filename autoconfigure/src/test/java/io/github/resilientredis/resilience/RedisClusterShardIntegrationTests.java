package io.github.resilientredis.resilience;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.github.resilientredis.resilience.ResilienceTestApplication.BookService;
import io.lettuce.core.cluster.SlotHash;
import io.github.resilientredis.autoconfigure.RedisObservabilityAutoConfiguration;
import io.github.resilientredis.monitor.RedisMonitor;
import io.github.resilientredis.test.RedisClusterExtension;
import io.github.resilientredis.test.RedisClusterFixture;
import io.github.resilientredis.test.RedisServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * One circuit breaker per Redis Cluster master, against a real cluster of three masters
 * with one replica each: a dead master fails fast only the commands for its own slots,
 * the other shards keep answering, and the slots come back as soon as its replica is
 * promoted, without a stale cache value.
 */
class RedisClusterShardIntegrationTests {

	/** The breaker of the third master (slots 10922-16383). */
	private static final String DEAD_SHARD = "redis-shard-10922";

	private static final int[] FIRST_SLOTS = { 0, 5461, 10922 };

	@RegisterExtension
	static final RedisClusterExtension clusterExtension = RedisClusterExtension.withReplicas();

	private final ApplicationContextRunner contextRunner = ResilienceTestSupport.runner()
		.withPropertyValues("redis.command-timeout=2s", "redis.connect-timeout=1s",
				"redis.fallback.cache-key-patterns=cache:*");

	// the extension restored the cluster (and undid a failover); the masters start empty, and
	// failover happens only when a test asks for it, so each test decides when slots move
	@BeforeEach
	void prepareCluster() {
		for (RedisServer node : cluster().allNodes()) {
			node.admin().configSet("cluster-require-full-coverage", "no");
		}
		cluster().replicas().forEach((replica) -> replica.admin().configSet("cluster-replica-no-failover", "yes"));
		cluster().servers().forEach((master) -> master.admin().flushall());
	}

	private ApplicationContextRunner clusterRunner() {
		return this.contextRunner.withPropertyValues("redis.cluster.nodes=" + String.join(",", cluster().nodes()));
	}

	@Test
	void templateWhenOneMasterKilledShouldFailOnlyItsShardFastAndKeepOtherShardsErrorFree() {
		// the dead shard's breaker stays open (no half-open trial) while the test looks at it
		clusterRunner().withPropertyValues("redis.circuit-breaker.wait-in-open-state=60s").run((context) -> {
			StringRedisTemplate template = context.getBean(StringRedisTemplate.class);
			ResilienceStatus status = context.getBean(ResilienceStatus.class);
			List<List<String>> keys = keysPerShard(50);
			keys.forEach((shard) -> shard.forEach((key) -> template.opsForValue().set(key, "v")));
			try (ShardLoad load = new ShardLoad(template, keys, 6)) {
				await().atMost(Duration.ofSeconds(10)).until(() -> load.successes(2) > 100);
				cluster().servers().get(2).kill();
				await().atMost(Duration.ofSeconds(10)).until(() -> "OPEN".equals(state(status, DEAD_SHARD)));
				long healthyBefore = load.successes(0) + load.successes(1);
				long deadErrorsBefore = load.errors(2);
				await().atMost(Duration.ofSeconds(10))
					.until(() -> load.successes(0) + load.successes(1) > healthyBefore + 2000
							&& load.errors(2) > deadErrorsBefore + 100);
				load.stop();
				assertThat(load.errors(0)).as("errors on the first healthy shard").isZero();
				assertThat(load.errors(1)).as("errors on the second healthy shard").isZero();
				// besides refusals, a caller may see the rejection of a command in flight at the
				// kill or permitted while half-open
				assertThat(load.refusals(2)).as("commands the dead shard's breaker refused").isPositive();
				assertThat(load.refusals(0) + load.refusals(1)).as("refusals on the healthy shards").isZero();
			}
			assertThat(state(status, "redis-shard-0")).isEqualTo("CLOSED");
			assertThat(state(status, "redis-shard-5461")).isEqualTo("CLOSED");
			assertThat(state(status, "redis")).isEqualTo("CLOSED");
			String deadKey = keys.get(2).get(0);
			long start = System.nanoTime();
			assertThatExceptionOfType(RuntimeException.class)
				.isThrownBy(() -> template.opsForValue().increment(deadKey))
				.satisfies((ex) -> assertThat(NestedExceptionUtils.getMostSpecificCause(ex))
					.isInstanceOf(RedisUnavailableException.class)
					.hasMessageContaining(DEAD_SHARD));
			assertThat(Duration.ofNanos(System.nanoTime() - start)).as("a refused command fails fast")
				.isLessThan(Duration.ofMillis(500));
			// cache data on the dead shard is answered locally: a miss, then what was written locally
			String cacheKey = keyInShard("cache:", 2);
			assertThat(template.opsForValue().get(cacheKey)).isNull();
			template.opsForValue().set(cacheKey, "local");
			assertThat(template.opsForValue().get(cacheKey)).isEqualTo("local");
			assertThat(status.isFallbackActive()).isTrue();
			// ...while cache data on the healthy shards is read from and written to Redis
			RedisServer healthyNode = cluster().servers().get(0);
			String healthyRead = keyInShard("cache:", 0);
			healthyNode.admin().set(healthyRead, "from-redis");
			assertThat(template.opsForValue().get(healthyRead)).isEqualTo("from-redis");
			String healthyWrite = keyInShard("cache:w", 1);
			template.opsForValue().set(healthyWrite, "written");
			assertThat(cluster().servers().get(1).admin().get(healthyWrite)).isEqualTo("written");
		});
	}

	@Test
	void cacheableWhenOneMasterKilledShouldAnswerOnlyThatShardLocally() {
		clusterRunner().withPropertyValues("redis.circuit-breaker.wait-in-open-state=60s").run((context) -> {
			BookService books = context.getBean(BookService.class);
			ResilienceStatus status = context.getBean(ResilienceStatus.class);
			List<String> healthyIds = new ArrayList<>();
			List<String> deadIds = new ArrayList<>();
			for (int i = 0; healthyIds.size() < 20 || deadIds.size() < 10; i++) {
				String id = "b" + i;
				(shardOf("books::" + id) == 2 ? deadIds : healthyIds).add(id);
			}
			healthyIds.forEach(books::find);
			deadIds.forEach(books::find);
			int loadsBefore = books.loadCount();
			cluster().servers().get(2).kill();
			List<Throwable> failures = new ArrayList<>();
			await().atMost(Duration.ofSeconds(10)).until(() -> {
				failures.addAll(ResilienceTestSupport.callRepeatedly(books, deadIds, Duration.ofMillis(100)));
				return "OPEN".equals(state(status, DEAD_SHARD));
			});
			failures.addAll(ResilienceTestSupport.callRepeatedly(books, deadIds, Duration.ofMillis(500)));
			int loadsDuringOutage = books.loadCount();
			failures.addAll(ResilienceTestSupport.callRepeatedly(books, healthyIds, Duration.ofMillis(500)));
			assertThat(failures).isEmpty();
			assertThat(status.isFallbackActive()).isTrue();
			// the dead shard's entries were recomputed (a local miss), the healthy shards' came from Redis
			assertThat(loadsDuringOutage - loadsBefore).isPositive();
			assertThat(books.loadCount()).as("loads of the healthy shards' entries").isEqualTo(loadsDuringOutage);
		});
	}

	@Test
	void crossSlotDeleteWhenOneKeyIsOnDeadShardShouldFailAsAWhole() {
		clusterRunner().run((context) -> {
			StringRedisTemplate template = context.getBean(StringRedisTemplate.class);
			ResilienceStatus status = context.getBean(ResilienceStatus.class);
			String healthy = keyInShard("d:", 0);
			String dead = keyInShard("d:", 2);
			template.opsForValue().set(healthy, "v");
			template.opsForValue().set(dead, "v");
			RedisServer victim = cluster().servers().get(2);
			RedisServer replica = cluster().replicas().get(2);
			assertThat(victim.admin().waitForReplication(1, 5000)).isEqualTo(1);
			victim.kill();
			openBreaker(template, status, dead);
			assertThatExceptionOfType(RuntimeException.class)
				.isThrownBy(() -> template.delete(List.of(healthy, dead)))
				.satisfies((ex) -> assertThat(NestedExceptionUtils.getMostSpecificCause(ex))
					.isInstanceOf(RedisUnavailableException.class)
					.hasMessageContaining(DEAD_SHARD));
			// the dead master's data lives on in its replica: the DEL never reached the shard
			replica.admin().readOnly();
			assertThat(replica.admin().exists(dead)).as("the refused part, on the shard's replica").isEqualTo(1);
		});
	}

	@Test
	void promotedReplicaShouldServeTheSlotsWithinOneSecondWithoutStaleCacheData() {
		clusterRunner().run((context) -> {
			StringRedisTemplate template = context.getBean(StringRedisTemplate.class);
			ResilienceStatus status = context.getBean(ResilienceStatus.class);
			RedisServer victim = cluster().servers().get(2);
			RedisServer replica = cluster().replicas().get(2);
			String cacheKey = keyInShard("cache:", 2);
			String dataKey = keyInShard("data:", 2);
			template.opsForValue().set(cacheKey, "old");
			template.opsForValue().set(dataKey, "v");
			assertThat(victim.admin().waitForReplication(1, 5000)).isEqualTo(1);
			victim.kill();
			openBreaker(template, status, dataKey);
			// written locally during the outage, the replica still holds "old"
			template.opsForValue().set(cacheKey, "local");
			assertThat(status.isFallbackActive()).isTrue();
			AtomicLong firstSuccess = new AtomicLong();
			AtomicBoolean polling = new AtomicBoolean(true);
			Thread caller = new Thread(() -> {
				while (polling.get() && firstSuccess.get() == 0) {
					try {
						template.opsForValue().get(dataKey);
						firstSuccess.set(System.nanoTime());
					}
					catch (RuntimeException ex) {
						// refused until the slots have moved
					}
				}
			});
			caller.start();
			try {
				replica.admin().clusterFailover(false, true);
				await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10))
					.until(() -> servesSlots(cluster().servers().get(0), replica));
				long promoted = System.nanoTime();
				await().atMost(Duration.ofSeconds(10)).until(() -> firstSuccess.get() != 0);
				Duration back = Duration.ofNanos(firstSuccess.get() - promoted);
				System.out.println("Slots back on Redis " + back.toMillis() + " ms after the promotion was visible");
				assertThat(back).as("time from promotion visible in CLUSTER NODES to the first answer")
					.isLessThan(Duration.ofSeconds(1));
			}
			finally {
				polling.set(false);
				caller.join();
			}
			await().atMost(Duration.ofSeconds(10)).until(() -> !status.isFallbackActive());
			assertThat(replica.admin().exists(cacheKey)).as("the stale value on the new owner").isZero();
			assertThat(template.opsForValue().get(cacheKey)).isNull();
			assertThat(state(status, DEAD_SHARD)).as("the dead master's breaker keeps its state")
				.isNotEqualTo("CLOSED");
			assertThat(status.getBreakers()).anySatisfy((breaker) -> {
				assertThat(breaker.name()).isEqualTo(DEAD_SHARD + "-2");
				assertThat(breaker.node()).isEqualTo(replica.host() + ":" + replica.port());
				assertThat(breaker.slots()).containsExactly(new BreakerSnapshot.SlotRange(10922, 16383));
				assertThat(breaker.state()).isEqualTo("CLOSED");
			});
		});
	}

	@Test
	void metersAndMonitorWhenClusterShouldShowEveryShardBreaker() {
		clusterRunner().withConfiguration(AutoConfigurations.of(RedisObservabilityAutoConfiguration.class,
				MetricsAutoConfiguration.class))
			.withBean(PrometheusMeterRegistry.class, () -> new PrometheusMeterRegistry(PrometheusConfig.DEFAULT))
			.run((context) -> {
				StringRedisTemplate template = context.getBean(StringRedisTemplate.class);
				for (int shard = 0; shard < RedisClusterFixture.SIZE; shard++) {
					template.opsForValue().set(keyInShard("m:", shard), "v");
				}
				String scrape = context.getBean(PrometheusMeterRegistry.class).scrape();
				for (int firstSlot : FIRST_SLOTS) {
					assertThat(scrape).contains(
							"resilience4j_circuitbreaker_state{name=\"redis-shard-" + firstSlot + "\",state=\"closed\"} 1.0");
				}
				assertThat(context.getBean(RedisMonitor.class).resilience().breakers())
					.extracting(BreakerSnapshot::name)
					.containsExactly("redis", "redis-shard-0", "redis-shard-5461", "redis-shard-10922");
			});
	}

	/** Send commands for a key of the dead shard until its breaker is open. */
	private static void openBreaker(StringRedisTemplate template, ResilienceStatus status, String deadKey) {
		await().atMost(Duration.ofSeconds(10)).until(() -> {
			try {
				template.opsForValue().get(deadKey);
			}
			catch (RuntimeException ex) {
				// counted by the breaker
			}
			return "OPEN".equals(state(status, DEAD_SHARD));
		});
	}

	/** Whether a node, seen from another, is a master serving slots. */
	private static boolean servesSlots(RedisServer observer, RedisServer node) {
		String id = node.admin().clusterMyId();
		return observer.admin().clusterNodes().lines().anyMatch((line) -> {
			String[] fields = line.split(" ");
			return fields[0].equals(id) && fields[2].contains("master") && fields.length > 8;
		});
	}

	private static String state(ResilienceStatus status, String breaker) {
		return status.getBreakers()
			.stream()
			.filter((snapshot) -> snapshot.name().equals(breaker))
			.map(BreakerSnapshot::state)
			.findFirst()
			.orElse("none");
	}

	private static List<List<String>> keysPerShard(int perShard) {
		List<List<String>> keys = new ArrayList<>();
		for (int shard = 0; shard < RedisClusterFixture.SIZE; shard++) {
			List<String> shardKeys = new ArrayList<>();
			for (int i = 0; shardKeys.size() < perShard; i++) {
				String key = "load:" + shard + ":" + i;
				if (shardOf(key) == shard) {
					shardKeys.add(key);
				}
			}
			keys.add(shardKeys);
		}
		return keys;
	}

	private static String keyInShard(String prefix, int shard) {
		for (int i = 0;; i++) {
			String key = prefix + i;
			if (shardOf(key) == shard) {
				return key;
			}
		}
	}

	private static int shardOf(String key) {
		return cluster().servers().indexOf(cluster().nodeForSlot(SlotHash.getSlot(key)));
	}

	private static RedisClusterFixture cluster() {
		return clusterExtension.cluster();
	}

	/**
	 * GET and SET from several threads on keys of every shard, counting per shard what
	 * succeeded and what failed.
	 */
	private static final class ShardLoad implements AutoCloseable {

		private final ExecutorService executor;

		private final AtomicBoolean running = new AtomicBoolean(true);

		private final Map<Integer, AtomicLong> successes = new ConcurrentHashMap<>();

		private final Map<Integer, AtomicLong> errors = new ConcurrentHashMap<>();

		private final Map<Integer, AtomicLong> refusals = new ConcurrentHashMap<>();

		ShardLoad(StringRedisTemplate template, List<List<String>> keys, int threads) {
			this.executor = Executors.newFixedThreadPool(threads);
			for (int shard = 0; shard < keys.size(); shard++) {
				this.successes.put(shard, new AtomicLong());
				this.errors.put(shard, new AtomicLong());
				this.refusals.put(shard, new AtomicLong());
			}
			for (int thread = 0; thread < threads; thread++) {
				this.executor.submit(() -> {
					ThreadLocalRandom random = ThreadLocalRandom.current();
					while (this.running.get()) {
						int shard = random.nextInt(keys.size());
						String key = keys.get(shard).get(random.nextInt(keys.get(shard).size()));
						try {
							if (random.nextBoolean()) {
								template.opsForValue().set(key, "v");
							}
							else {
								template.opsForValue().get(key);
							}
							this.successes.get(shard).incrementAndGet();
						}
						catch (RuntimeException ex) {
							this.errors.get(shard).incrementAndGet();
							Throwable cause = NestedExceptionUtils.getMostSpecificCause(ex);
							if (cause instanceof RedisUnavailableException
									&& cause.getMessage().contains("redis-shard-" + FIRST_SLOTS[shard])) {
								this.refusals.get(shard).incrementAndGet();
							}
						}
					}
				});
			}
		}

		long successes(int shard) {
			return this.successes.get(shard).get();
		}

		long errors(int shard) {
			return this.errors.get(shard).get();
		}

		/** Commands refused by the breaker of the shard, named in the exception. */
		long refusals(int shard) {
			return this.refusals.get(shard).get();
		}

		void stop() throws InterruptedException {
			this.running.set(false);
			this.executor.shutdown();
			assertThat(this.executor.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
		}

		@Override
		public void close() throws InterruptedException {
			stop();
		}

	}

}
