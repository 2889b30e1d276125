package io.github.resilientredis.benchmarks;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import io.lettuce.core.cluster.SlotHash;

import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.data.redis.core.StringRedisTemplate;

import io.github.resilientredis.fallback.LocalFallback;
import io.github.resilientredis.test.RedisClusterFixture;
import io.github.resilientredis.test.RedisServer;

/**
 * One master of a Redis Cluster (three masters, one replica each) is killed under load and its
 * replica promoted by Redis' automatic failover ({@code cluster-node-timeout} 2 s): per shard,
 * how many GET/SET calls failed, were answered by the local fallback, took over 5 ms, and how
 * long after the promotion showed in {@code CLUSTER NODES} the dead shard's keys were answered
 * by Redis again. Runs the starter and stock Spring Boot Redis, each on a fresh cluster, and
 * prints a Markdown section for {@code docs/benchmarks.md}.
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.github.resilientredis.benchmarks.ShardScenario
 * </pre>
 * System properties: {@code bench.workers} (8), {@code bench.phase.seconds} (5, before the
 * kill and after the promotion), {@code bench.pause.micros} (1000, between two calls of a
 * worker).
 */
public final class ShardScenario {

	private static final int SHARDS = RedisClusterFixture.SIZE;

	private static final int KEYS_PER_SHARD = 100;

	private static final long SLOW_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

	private static final int DEAD = 2;

	private ShardScenario() {
	}

	public static void main(String[] args) throws Exception {
		int workers = Integer.getInteger("bench.workers", 8);
		int phaseSeconds = Integer.getInteger("bench.phase.seconds", 5);
		long pauseNanos = TimeUnit.MICROSECONDS.toNanos(Integer.getInteger("bench.pause.micros", 1000));
		String start = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"));
		List<Result> results = new ArrayList<>();
		for (Variant variant : List.of(Variant.STARTER, Variant.STOCK)) {
			results.add(run(variant, workers, phaseSeconds, pauseNanos));
		}
		System.out.println();
		System.out.println(render(results, workers, phaseSeconds, start));
		System.exit(0);
	}

	private static Result run(Variant variant, int workers, int phaseSeconds, long pauseNanos) throws Exception {
		System.out.printf("shard scenario: %s%n", variant.label());
		try (RedisClusterFixture cluster = RedisClusterFixture.startWithReplicas()) {
			for (RedisServer node : cluster.allNodes()) {
				// the two healthy shards keep serving while the third has no master
				node.admin().configSet("cluster-require-full-coverage", "no");
			}
			List<List<String>> keys = keys(cluster);
			ConfigurableApplicationContext context = start(variant, String.join(",", cluster.nodes()));
			try {
				StringRedisTemplate template = context.getBean(StringRedisTemplate.class);
				LocalFallback fallback = context.getBeanProvider(LocalFallback.class).getIfAvailable();
				keys.forEach((shard) -> shard.forEach((key) -> template.opsForValue().set(key, "v")));
				Counters before = new Counters();
				Counters during = new Counters();
				AtomicLong firstBack = new AtomicLong();
				AtomicBoolean measuring = new AtomicBoolean();
				AtomicBoolean running = new AtomicBoolean(true);
				Counters[] phase = { before };
				ExecutorService executor = Executors.newFixedThreadPool(workers);
				for (int i = 0; i < workers; i++) {
					executor.execute(() -> work(template, fallback, keys, running, phase, measuring, firstBack,
							pauseNanos));
				}
				TimeUnit.SECONDS.sleep(phaseSeconds);
				RedisServer victim = cluster.servers().get(DEAD);
				RedisServer replica = cluster.replicas().get(DEAD);
				phase[0] = during;
				long killed = System.nanoTime();
				victim.kill();
				long promoted = awaitPromotion(cluster.servers().get(0), replica, killed + TimeUnit.SECONDS.toNanos(30));
				measuring.set(true);
				TimeUnit.SECONDS.sleep(phaseSeconds);
				running.set(false);
				executor.shutdown();
				executor.awaitTermination(30, TimeUnit.SECONDS);
				long back = (firstBack.get() != 0 && promoted > 0) ? firstBack.get() - promoted : -1;
				Result result = new Result(variant, before, during, (promoted > 0) ? (promoted - killed) : -1, back);
				System.out.printf("  promotion after %d ms, dead shard back %s after it; errors %s%n",
						TimeUnit.NANOSECONDS.toMillis(result.promotionNanos()), millis(result.backNanos()),
						during.errorsText());
				for (int shard = 0; shard < SHARDS; shard++) {
					if (during.firstErrors[shard] != null) {
						System.out.printf("  first error on shard %d: %s%n", shard, during.firstErrors[shard]);
					}
				}
				return result;
			}
			finally {
				context.close();
			}
		}
	}

	private static void work(StringRedisTemplate template, LocalFallback fallback, List<List<String>> keys,
			AtomicBoolean running, Counters[] phase, AtomicBoolean measuring, AtomicLong firstBack, long pauseNanos) {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		while (running.get()) {
			int shard = random.nextInt(SHARDS);
			String key = keys.get(shard).get(random.nextInt(KEYS_PER_SHARD));
			Counters counters = phase[0];
			byte[] raw = key.getBytes(StandardCharsets.UTF_8);
			boolean local = fallback != null && fallback.isActiveFor(raw);
			boolean afterPromotion = measuring.get();
			long start = System.nanoTime();
			try {
				if (random.nextBoolean()) {
					template.opsForValue().set(key, "v");
				}
				else {
					template.opsForValue().get(key);
				}
				long took = System.nanoTime() - start;
				local = local && fallback.isActiveFor(raw);
				counters.record(shard, took, null, local);
				if (shard == DEAD && afterPromotion && !local) {
					firstBack.compareAndSet(0, System.nanoTime());
				}
			}
			catch (RuntimeException ex) {
				counters.record(shard, System.nanoTime() - start, ex, false);
			}
			if (pauseNanos > 0) {
				long until = System.nanoTime() + pauseNanos;
				while (System.nanoTime() < until) {
					Thread.onSpinWait();
				}
			}
		}
	}

	/** Poll CLUSTER NODES on a healthy master until the replica shows as a master with slots. */
	private static long awaitPromotion(RedisServer observer, RedisServer replica, long deadline)
			throws InterruptedException {
		String id = replica.admin().clusterMyId();
		while (System.nanoTime() < deadline) {
			boolean promoted = observer.admin().clusterNodes().lines().anyMatch((line) -> {
				String[] fields = line.split(" ");
				return fields[0].equals(id) && fields[2].contains("master") && fields.length > 8;
			});
			if (promoted) {
				return System.nanoTime();
			}
			TimeUnit.MILLISECONDS.sleep(5);
		}
		return -1;
	}

	private static ConfigurableApplicationContext start(Variant variant, String nodes) {
		SpringApplicationBuilder builder = new SpringApplicationBuilder(BenchmarkApplication.class)
			.web(WebApplicationType.NONE)
			.bannerMode(Banner.Mode.OFF)
			.logStartupInfo(false)
			.registerShutdownHook(false)
			.properties(Map.of("logging.level.root", "ERROR", "spring.main.lazy-initialization", "false"));
		if (variant == Variant.STOCK) {
			builder.sources(StockRedisConfiguration.class)
				.properties(Map.of("spring.data.redis.cluster.nodes", nodes, "spring.data.redis.timeout", "500ms",
						"spring.data.redis.lettuce.pool.enabled", "false",
						// what a careful user sets: follow failovers without waiting for a periodic refresh
						"spring.data.redis.lettuce.cluster.refresh.adaptive", "true",
						"spring.data.redis.lettuce.cluster.refresh.period", "30s", "spring.autoconfigure.exclude",
						String.join(",", Variant.starterAutoConfigurations())));
		}
		else {
			builder.properties(Map.of("redis.cluster.nodes", nodes, "redis.fallback.cache-key-patterns", "shard:*"));
		}
		return builder.run();
	}

	private static List<List<String>> keys(RedisClusterFixture cluster) {
		List<List<String>> keys = new ArrayList<>();
		for (int shard = 0; shard < SHARDS; shard++) {
			List<String> shardKeys = new ArrayList<>();
			RedisServer master = cluster.servers().get(shard);
			for (int i = 0; shardKeys.size() < KEYS_PER_SHARD; i++) {
				String key = "shard:" + shard + ":" + i;
				if (cluster.nodeForSlot(SlotHash.getSlot(key)) == master) {
					shardKeys.add(key);
				}
			}
			keys.add(shardKeys);
		}
		return keys;
	}

	private static String render(List<Result> results, int workers, int phaseSeconds, String start) {
		StringBuilder out = new StringBuilder();
		out.append("## Redis Cluster: one master killed, its replica promoted\n\n");
		out.append("Generated by `io.github.resilientredis.benchmarks.ShardScenario` (").append(start)
			.append(" UTC, ").append(Machine.describe()).append("):\n\n```\n")
			.append("./mvnw -B -q -pl benchmarks -am package -DskipTests && "
					+ "java -cp benchmarks/target/benchmarks.jar io.github.resilientredis.benchmarks.ShardScenario\n")
			.append("```\n\n");
		out.append("Three masters with one replica each (`cluster-node-timeout` 2 s, automatic failover, "
				+ "`cluster-require-full-coverage no`), each variant on a fresh cluster. ")
			.append(workers)
			.append(" threads call `StringRedisTemplate` GET or SET (50/50, 1 ms pause) on 100 keys per shard; the "
					+ "starter declares them cache data (`redis.fallback.cache-key-patterns=shard:*`). ")
			.append(phaseSeconds)
			.append(" s of load, then the master of slots 10922-16383 is killed; the outage window runs from the kill "
					+ "until ")
			.append(phaseSeconds)
			.append(" s after the promoted replica shows as master in `CLUSTER NODES` (polled every 5 ms). "
					+ "\"Back after promotion\" is the time from that moment to the first call on the dead shard's "
					+ "keys answered by Redis. Fallback answers are calls on keys whose slot the starter's cache "
					+ "fallback served locally (active before and after the call).\n\n");
		out.append("| Variant | Shard | Calls before kill | Calls kill → promotion + ").append(phaseSeconds)
			.append(" s | Errors | Fallback answers | Calls over 5 ms (before kill) | Promotion after kill | "
					+ "Back after promotion |\n");
		out.append("|---|---|---|---|---|---|---|---|---|\n");
		for (Result result : results) {
			for (int shard = 0; shard < SHARDS; shard++) {
				Counters during = result.during();
				out.append("| ").append(result.variant().label()).append(" | ")
					.append(shard == DEAD ? "**10922-16383 (killed)**" : (shard == 0 ? "0-5460" : "5461-10921"))
					.append(" | ").append(result.before().calls[shard].sum())
					.append(" | ").append(during.calls[shard].sum())
					.append(" | ").append(during.errors[shard].sum())
					.append(" | ").append(during.local[shard].sum())
					.append(" | ").append(during.slow[shard].sum())
					.append(" (").append(result.before().slow[shard].sum()).append(")")
					.append(" | ").append(shard == DEAD ? millis(result.promotionNanos()) : "")
					.append(" | ").append(shard == DEAD ? millis(result.backNanos()) : "")
					.append(" |\n");
			}
		}
		return out.toString();
	}

	private static String millis(long nanos) {
		return (nanos < 0) ? "not seen" : TimeUnit.NANOSECONDS.toMillis(nanos) + " ms";
	}

	private record Result(Variant variant, Counters before, Counters during, long promotionNanos, long backNanos) {
	}

	private static final class Counters {

		final LongAdder[] calls = adders();

		final LongAdder[] errors = adders();

		final LongAdder[] local = adders();

		final LongAdder[] slow = adders();

		final String[] firstErrors = new String[SHARDS];

		void record(int shard, long nanos, RuntimeException error, boolean answeredLocally) {
			this.calls[shard].increment();
			if (error != null) {
				this.errors[shard].increment();
				if (this.firstErrors[shard] == null) {
					Throwable cause = NestedExceptionUtils.getMostSpecificCause(error);
					this.firstErrors[shard] = cause.getClass().getSimpleName() + ": " + cause.getMessage();
				}
			}
			if (answeredLocally) {
				this.local[shard].increment();
			}
			if (nanos > SLOW_NANOS) {
				this.slow[shard].increment();
			}
		}

		String errorsText() {
			return this.errors[0].sum() + "/" + this.errors[1].sum() + "/" + this.errors[2].sum();
		}

		private static LongAdder[] adders() {
			LongAdder[] adders = new LongAdder[SHARDS];
			for (int i = 0; i < SHARDS; i++) {
				adders[i] = new LongAdder();
			}
			return adders;
		}

	}

}
