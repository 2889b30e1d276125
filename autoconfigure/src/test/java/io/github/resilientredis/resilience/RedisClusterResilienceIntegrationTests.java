package io.github.resilientredis.resilience;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilientredis.resilience.ResilienceTestApplication.BookService;
import io.github.resilientredis.test.RedisClusterExtension;
import io.github.resilientredis.test.RedisClusterFixture;
import io.github.resilientredis.test.RedisServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.redis.core.StringRedisTemplate;

import static io.github.resilientredis.resilience.ResilienceTestSupport.callRepeatedly;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The circuit breaker and the {@code @Cacheable} fallback with a real Redis Cluster: callers
 * see no error when every node dies, nor when one node without a replica dies (the others
 * answer {@code CLUSTERDOWN}), and traffic returns to the cluster once it is ok again. A
 * write to a healthy shard is never acknowledged without reaching its node.
 */
class RedisClusterResilienceIntegrationTests {

	private static final List<String> IDS = IntStream.range(0, 30).mapToObj((i) -> "b" + i).toList();

	@RegisterExtension
	static final RedisClusterExtension clusterExtension = new RedisClusterExtension();

	private final ApplicationContextRunner contextRunner = ResilienceTestSupport.runner()
		.withPropertyValues("redis.command-timeout=2s", "redis.connect-timeout=1s");

	// the extension restores the cluster before each test; the cache starts empty too
	@BeforeEach
	void flushCluster() {
		cluster().servers().forEach((node) -> node.admin().flushall());
	}

	private ApplicationContextRunner clusterRunner() {
		return this.contextRunner.withPropertyValues("redis.cluster.nodes=" + String.join(",", cluster().nodes()));
	}

	@Test
	void cacheableWhenAllNodesKilledShouldRaiseNoErrorAndReturnToClusterWhenRestored() {
		clusterRunner().run((context) -> {
			BookService books = context.getBean(BookService.class);
			ResilienceStatus status = context.getBean(ResilienceStatus.class);
			CircuitBreaker breaker = context.getBean(CircuitBreaker.class);
			warmUp(books, status);
			cluster().servers().forEach(RedisServer::kill);
			List<Throwable> failures = new CopyOnWriteArrayList<>(callRepeatedly(books, IDS, Duration.ofSeconds(3)));
			assertThat(failures).isEmpty();
			assertThat(status.isFallbackActive()).isTrue();
			// each master has its own breaker ('redis' guards only connections to nodes without slots)
			assertThat(shardBreakers(status)).hasSize(RedisClusterFixture.SIZE)
				.allSatisfy((shard) -> assertThat(shard.state()).isNotEqualTo("CLOSED"));
			cluster().restore();
			// callers keep calling while the cluster comes back; what they see then counts too
			await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
				failures.addAll(callRepeatedly(books, IDS, Duration.ofMillis(200)));
				assertThat(status.isFallbackActive()).isFalse();
			});
			assertThat(failures).isEmpty();
			assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
			await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
				IDS.forEach(books::find);
				assertThat(shardBreakers(status)).allSatisfy((shard) -> assertThat(shard.state()).isEqualTo("CLOSED"));
			});
		});
	}

	private static List<BreakerSnapshot> shardBreakers(ResilienceStatus status) {
		return status.getBreakers().stream().filter((breaker) -> breaker.node() != null).toList();
	}

	@Test
	void cacheableWhenOneNodeWithoutReplicaKilledShouldRaiseNoErrorWhileClusterIsDown() {
		clusterRunner().run((context) -> {
			BookService books = context.getBean(BookService.class);
			ResilienceStatus status = context.getBean(ResilienceStatus.class);
			warmUp(books, status);
			cluster().servers().get(2).kill();
			// past cluster-node-timeout (2 s) the surviving nodes answer CLUSTERDOWN; wait for that
			// rather than a fixed time, so a slow machine cannot end the test before it happens
			List<Throwable> failures = new CopyOnWriteArrayList<>();
			await().atMost(Duration.ofSeconds(30)).until(() -> {
				failures.addAll(callRepeatedly(books, IDS, Duration.ofMillis(200)));
				return survivorsReportClusterDown();
			});
			failures.addAll(callRepeatedly(books, IDS, Duration.ofSeconds(2)));
			assertThat(failures).isEmpty();
			assertThat(status.isFallbackActive()).isTrue();
		});
	}

	@Test
	void templateWritesWhenOneMasterKilledShouldNeverBeAcknowledgedWithoutReachingTheirNode() throws Exception {
		// the two surviving masters keep serving their slots
		cluster().servers().forEach((node) -> node.admin().configSet("cluster-require-full-coverage", "no"));
		try {
			clusterRunner().run((context) -> {
				StringRedisTemplate template = context.getBean(StringRedisTemplate.class);
				RedisServer victim = cluster().servers().get(2);
				Set<String> acknowledged = ConcurrentHashMap.newKeySet();
				AtomicBoolean writing = new AtomicBoolean(true);
				ExecutorService writers = Executors.newFixedThreadPool(8);
				try {
					for (int thread = 0; thread < 8; thread++) {
						int id = thread;
						writers.submit(() -> {
							for (int i = 0; writing.get(); i++) {
								String key = "w" + id + ":" + i;
								try {
									template.opsForValue().set(key, "v");
									acknowledged.add(key);
								}
								catch (RuntimeException ex) {
									// an error is honest: only acknowledged writes are checked
								}
							}
						});
					}
					await().atMost(Duration.ofSeconds(10)).until(() -> acknowledged.size() > 100);
					victim.kill();
					int beforeKill = acknowledged.size();
					await().atMost(Duration.ofSeconds(10))
						.until(() -> context.getBean(CircuitBreaker.class).getState() != CircuitBreaker.State.CLOSED
								|| acknowledged.size() > beforeKill + 500);
				}
				finally {
					writing.set(false);
					writers.shutdown();
					assertThat(writers.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
				}
				List<String> lost = acknowledged.stream()
					.filter((key) -> cluster().nodeForKey(key) != victim)
					.filter((key) -> cluster().nodeForKey(key).admin().exists(key) == 0)
					.toList();
				assertThat(lost).as("acknowledged writes to the healthy shards missing from their node").isEmpty();
				assertThat(acknowledged.stream().filter((key) -> cluster().nodeForKey(key) != victim))
					.as("writes acknowledged by the healthy shards")
					.isNotEmpty();
			});
		}
		finally {
			cluster().servers()
				.stream()
				.filter(RedisServer::isRunning)
				.forEach((node) -> node.admin().configSet("cluster-require-full-coverage", "yes"));
		}
	}

	// the cache entries are on all three nodes, not in the local fallback
	private static void warmUp(BookService books, ResilienceStatus status) {
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			IDS.forEach(books::find);
			assertThat(status.isFallbackActive()).isFalse();
			assertThat(cachedOnNodes()).as("nodes holding cache entries").isEqualTo(RedisClusterFixture.SIZE);
		});
	}

	private static int cachedOnNodes() {
		return (int) cluster().servers().stream().filter((node) -> node.admin().dbsize() > 0).count();
	}

	private static boolean survivorsReportClusterDown() {
		return cluster().servers()
			.subList(0, 2)
			.stream()
			.allMatch((node) -> node.admin().clusterInfo().contains("cluster_state:fail"));
	}

	private static RedisClusterFixture cluster() {
		return clusterExtension.cluster();
	}

}
