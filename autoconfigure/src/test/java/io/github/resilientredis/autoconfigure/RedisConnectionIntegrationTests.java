package io.github.resilientredis.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.resilientredis.connection.ResilientLettuceConnectionFactory;
import io.github.resilientredis.test.RedisServer;
import io.github.resilientredis.test.RedisServerExtension;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The auto-configured connection factory against a real plain-text redis-server: client
 * name, pool bound under blocking load, idle eviction, and clean shutdown.
 */
class RedisConnectionIntegrationTests {

	private static final String CLIENT_NAME = "connection-it";

	@RegisterExtension
	static final RedisServerExtension redis = new RedisServerExtension(RedisServer.builder());

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(RedisConnectionAutoConfiguration.class, DataRedisAutoConfiguration.class))
		.withPropertyValues("redis.client-name=" + CLIENT_NAME, "redis.connect-timeout=1s",
				"redis.command-timeout=3s");

	@Test
	void commandsWhenPlainUrlShouldReachServerWithClientName() {
		this.contextRunner.withPropertyValues("redis.url=" + server().url()).run((context) -> {
			StringRedisTemplate template = context.getBean(StringRedisTemplate.class);
			template.opsForValue().set("plain", "value");
			assertThat(template.opsForValue().get("plain")).isEqualTo("value");
			assertThat(server().clients()).anySatisfy((client) -> assertThat(client).containsEntry("name", CLIENT_NAME));
		});
	}

	@Test
	void connectOutOfBandShouldOpenSeparateNamedConnection() {
		this.contextRunner.withPropertyValues("redis.url=" + server().url()).run((context) -> {
			ResilientLettuceConnectionFactory factory = context.getBean(ResilientLettuceConnectionFactory.class);
			try (StatefulRedisConnection<String, String> connection = factory.connectOutOfBand()) {
				assertThat(connection.sync().ping()).isEqualTo("PONG");
				assertThat(server().clientCount(CLIENT_NAME + ":oob")).isEqualTo(1);
			}
			await().atMost(Duration.ofSeconds(5)).until(() -> server().clientCount(CLIENT_NAME + ":oob") == 0);
		});
	}

	@Test
	void blockingCommandsWhen64ThreadsShouldNeverExceedMaxActivePlusSharedConnection() {
		this.contextRunner
			.withPropertyValues("redis.url=" + server().url(), "redis.pool.max-active=8", "redis.pool.max-idle=8",
					"redis.pool.max-wait=30s")
			.run((context) -> {
				StringRedisTemplate template = context.getBean(StringRedisTemplate.class);
				template.opsForValue().set("warm", "up"); // opens the shared connection
				int peak = runBlockingLoad(template, 64);
				ResilientLettuceConnectionFactory factory = context.getBean(ResilientLettuceConnectionFactory.class);
				assertThat(peak).isGreaterThan(1).isLessThanOrEqualTo(8 + 1);
				assertThat(factory.getPoolStatistics().getCreated()).isLessThanOrEqualTo(8);
				assertThat(server().commandCalls("blpop")).isGreaterThanOrEqualTo(64);
			});
	}

	@Test
	void idleConnectionsWhenAboveMinIdleShouldBeClosedAfterEvictionInterval() {
		this.contextRunner
			.withPropertyValues("redis.url=" + server().url(), "redis.pool.max-active=6", "redis.pool.max-idle=6",
					"redis.pool.min-idle=1", "redis.pool.max-wait=30s", "redis.pool.eviction-interval=200ms",
					"redis.pool.min-evictable-idle-time=300ms")
			.run((context) -> {
				StringRedisTemplate template = context.getBean(StringRedisTemplate.class);
				template.opsForValue().set("warm", "up");
				runBlockingLoad(template, 12);
				ResilientLettuceConnectionFactory factory = context.getBean(ResilientLettuceConnectionFactory.class);
				assertThat(factory.getPoolStatistics().getCreated()).isGreaterThan(1);
				await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
					assertThat(factory.getPoolStatistics().getIdle()).isEqualTo(1);
					// the min-idle connection and the shared one
					assertThat(server().clientCount(CLIENT_NAME)).isEqualTo(2);
				});
			});
	}

	@Test
	void resetConnectionsShouldCloseSharedAndIdleConnections() {
		this.contextRunner.withPropertyValues("redis.url=" + server().url()).run((context) -> {
			StringRedisTemplate template = context.getBean(StringRedisTemplate.class);
			template.opsForList().leftPush("reset", "v");
			template.opsForList().leftPop("reset", Duration.ofSeconds(1)); // dedicated connection
			assertThat(server().clientCount(CLIENT_NAME)).isEqualTo(2);
			context.getBean(ResilientLettuceConnectionFactory.class).resetConnections();
			await().atMost(Duration.ofSeconds(5)).until(() -> server().clientCount(CLIENT_NAME) == 0);
			assertThat(template.opsForValue().get("reset")).isNull();
		});
	}

	@Test
	void contextsWhenOpenedAndClosedTenTimesShouldLeaveNoConnection() {
		for (int i = 0; i < 10; i++) {
			this.contextRunner.withPropertyValues("redis.url=" + server().url()).run((context) -> {
				StringRedisTemplate template = context.getBean(StringRedisTemplate.class);
				template.opsForValue().set("ten", "v");
				template.opsForList().leftPush("ten-list", "v");
				template.opsForList().leftPop("ten-list", Duration.ofSeconds(1));
				assertThat(server().clientCount(CLIENT_NAME)).isEqualTo(2);
			});
		}
		await().atMost(Duration.ofSeconds(5)).until(() -> server().clientCount(CLIENT_NAME) == 0);
	}

	/**
	 * Run one 1-second BLPOP on an empty list from each of {@code threads} threads and
	 * return the peak number of this application's connections seen on the server.
	 */
	private static int runBlockingLoad(StringRedisTemplate template, int threads) throws Exception {
		ExecutorService executor = Executors.newFixedThreadPool(threads);
		AtomicBoolean running = new AtomicBoolean(true);
		AtomicInteger peak = new AtomicInteger();
		Thread sampler = new Thread(() -> {
			while (running.get()) {
				peak.accumulateAndGet(server().clientCount(CLIENT_NAME), Math::max);
				sleep(25);
			}
		});
		sampler.start();
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<?>> results = new ArrayList<>();
			for (int i = 0; i < threads; i++) {
				results.add(executor.submit(() -> {
					start.await();
					return template.opsForList().leftPop("empty-list", Duration.ofSeconds(1));
				}));
			}
			start.countDown();
			for (Future<?> result : results) {
				assertThat(result.get(60, TimeUnit.SECONDS)).isNull();
			}
		}
		finally {
			running.set(false);
			sampler.join();
			executor.shutdownNow();
		}
		return peak.get();
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static RedisServer server() {
		return redis.server();
	}

}
