package io.github.resilientredis.connection;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.resilientredis.test.RedisServer;
import io.github.resilientredis.test.RedisServerExtension;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;

import org.springframework.dao.QueryTimeoutException;
import org.springframework.data.redis.connection.ReactiveRedisConnection;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnection;
import org.springframework.data.redis.connection.lettuce.LettucePoolingClientConfiguration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * {@link ResilientLettuceConnectionFactory} built without Spring against a real
 * redis-server: interception, pool statistics and borrow traces, pool exhaustion.
 */
class ResilientLettuceConnectionFactoryIntegrationTests {

	private static final String CLIENT_NAME = "factory-it";

	@RegisterExtension
	static final RedisServerExtension redis = new RedisServerExtension(RedisServer.builder());

	private @Nullable ResilientLettuceConnectionFactory factory;

	@AfterEach
	void destroyFactory() {
		if (this.factory != null) {
			this.factory.destroy();
		}
	}

	@Test
	void commandConnectionsShouldWriteThroughTheGuardButOutOfBandShouldNot() {
		AtomicInteger guarded = new AtomicInteger();
		ResilientLettuceConnectionFactory factory = start(pool(8, Duration.ofSeconds(1)), false, (writer) -> {
			guarded.incrementAndGet();
			return writer;
		});
		try (RedisConnection connection = factory.getConnection()) {
			assertThat(connection).isInstanceOf(LettuceConnection.class);
			assertThat(connection.ping()).isEqualTo("PONG");
		}
		assertThat(guarded).hasValue(1);
		try (StatefulRedisConnection<String, String> outOfBand = factory.connectOutOfBand()) {
			assertThat(outOfBand.sync().ping()).isEqualTo("PONG");
		}
		assertThat(guarded).hasValue(1);
	}

	@Test
	void blockingCommandShouldWaitItsBlockTimeBeyondTheCommandTimeout() {
		ResilientLettuceConnectionFactory factory = start(pool(8, Duration.ofSeconds(1)), false, CommandGuard.NONE,
				Duration.ofMillis(300));
		try (RedisConnection connection = factory.getConnection()) {
			long start = System.nanoTime();
			assertThat(connection.listCommands().bLPop(1, "empty-list".getBytes())).isNull();
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
			assertThatExceptionOfType(QueryTimeoutException.class).isThrownBy(() -> {
				redis.server().pause();
				try {
					connection.stringCommands().get("k".getBytes());
				}
				finally {
					redis.server().resume();
				}
			});
		}
	}

	@Test
	void sharedConnectionShouldNotCountAsPooledConnection() {
		ResilientLettuceConnectionFactory factory = start(pool(8, Duration.ofSeconds(1)), false);
		try (RedisConnection connection = factory.getConnection()) {
			connection.stringCommands().set("k".getBytes(), "v".getBytes());
		}
		assertThat(factory.getPoolStatistics().getCreated()).isZero();
		assertThat(factory.getPoolStatistics().getActive()).isZero();
		assertThat(redis.server().clientCount(CLIENT_NAME)).isEqualTo(1);
	}

	@Test
	void borrowedLongerThanWhenTracesRecordedShouldReportHolderStackTrace() throws Exception {
		ResilientLettuceConnectionFactory factory = start(pool(8, Duration.ofSeconds(1)), true);
		try (RedisConnection connection = factory.getConnection()) {
			connection.multi(); // a transaction holds a dedicated connection
			connection.stringCommands().set("tx".getBytes(), "v".getBytes());
			Thread.sleep(150);
			assertThat(factory.getPoolStatistics().getActive()).isEqualTo(1);
			List<ConnectionPoolStatistics.Borrow> borrows = factory.getPoolStatistics()
				.borrowedLongerThan(Duration.ofMillis(100));
			assertThat(borrows).singleElement().satisfies((borrow) -> {
				assertThat(borrow.heldFor()).isGreaterThanOrEqualTo(Duration.ofMillis(100));
				assertThat(borrow.borrowStackTrace())
					.contains("borrowedLongerThanWhenTracesRecordedShouldReportHolderStackTrace");
			});
			connection.exec();
		}
		assertThat(factory.getPoolStatistics().getActive()).isZero();
		assertThat(factory.getPoolStatistics().getIdle()).isEqualTo(1);
		assertThat(factory.getPoolStatistics().borrowedLongerThan(Duration.ZERO)).isEmpty();
	}

	@Test
	void reactiveDedicatedConnectionShouldCountInPoolStatisticsAndBeClosedByReset() {
		ResilientLettuceConnectionFactory factory = start(pool(8, Duration.ofSeconds(1)), true);
		ReactiveRedisConnection connection = factory.getReactiveConnection();
		try {
			// a blocking reactive command runs on a dedicated connection from the reactive pool
			Mono<ByteBuffer> pop = connection.listCommands()
				.blPop(List.of(ByteBuffer.wrap("reactive-list".getBytes())), Duration.ofSeconds(5))
				.map((result) -> result.getValue());
			CompletableFuture<ByteBuffer> popped = pop.toFuture();
			await().atMost(Duration.ofSeconds(5)).until(() -> factory.getPoolStatistics().getActive() == 1);
			ConnectionPoolStatistics statistics = factory.getPoolStatistics();
			assertThat(statistics.getCreated()).isEqualTo(1);
			assertThat(statistics.getMaxActive()).as("max-active bounds each pool in use").isEqualTo(8);
			// a held reactive connection is a leak suspect like a blocking one, with its borrower
			assertThat(statistics.borrowedLongerThan(Duration.ZERO)).singleElement()
				.satisfies((borrow) -> assertThat(borrow.borrowStackTrace()).contains("reactiveDedicatedConnection"));
			try (RedisConnection pusher = factory.getConnection()) {
				pusher.multi(); // a transaction holds a blocking dedicated connection: the second pool in use
				assertThat(factory.getPoolStatistics().getMaxActive()).isEqualTo(16);
				List<ConnectionPoolStatistics.Borrow> borrows = factory.getPoolStatistics()
					.borrowedLongerThan(Duration.ZERO);
				assertThat(borrows).hasSize(2);
				assertThat(borrows.get(0).id()).isNotEqualTo(borrows.get(1).id());
				pusher.discard();
				pusher.listCommands().rPush("reactive-list".getBytes(), "v".getBytes());
			}
			assertThat(popped.join()).isEqualTo(ByteBuffer.wrap("v".getBytes()));
		}
		finally {
			connection.close();
		}
		// the reactive and the blocking connection are back in their pools
		await().atMost(Duration.ofSeconds(5)).until(() -> factory.getPoolStatistics().getIdle() == 2);
		assertThat(factory.getPoolStatistics().getActive()).isZero();
		int before = redis.server().clientCount(CLIENT_NAME);
		factory.resetConnections();
		assertThat(factory.getPoolStatistics().getIdle()).isZero();
		await().atMost(Duration.ofSeconds(5)).until(() -> factory.getPoolStatistics().getDestroyed() == 2);
		await().atMost(Duration.ofSeconds(5)).until(() -> redis.server().clientCount(CLIENT_NAME) < before);
	}

	@Test
	void borrowedLongerThanWhenTracesNotRecordedShouldReportWithoutTrace() throws Exception {
		ResilientLettuceConnectionFactory factory = start(pool(8, Duration.ofSeconds(1)), false);
		try (RedisConnection connection = factory.getConnection()) {
			connection.multi();
			Thread.sleep(50);
			assertThat(factory.getPoolStatistics().borrowedLongerThan(Duration.ofMillis(10))).singleElement()
				.satisfies((borrow) -> assertThat(borrow.borrowStackTrace()).isNull());
			connection.discard();
		}
	}

	@Test
	void getConnectionWhenPoolExhaustedShouldNameTheProperties() {
		ResilientLettuceConnectionFactory factory = start(pool(1, Duration.ofMillis(200)), false);
		try (RedisConnection holder = factory.getConnection()) {
			holder.multi();
			try (RedisConnection second = factory.getConnection()) {
				assertThatExceptionOfType(PoolExhaustedException.class).isThrownBy(second::multi)
					.withMessageContaining("redis.pool.max-active")
					.withMessageContaining("redis.pool.max-wait");
			}
			holder.discard();
		}
	}

	@Test
	void unpooledFactoryShouldCloseDedicatedConnectionsAfterUse() {
		ResilientLettuceConnectionFactory factory = start(null, false);
		try (RedisConnection connection = factory.getConnection()) {
			connection.multi();
			connection.discard();
		}
		assertThat(factory.getPoolStatistics().isPooled()).isFalse();
		await().atMost(Duration.ofSeconds(5)).until(() -> redis.server().clientCount(CLIENT_NAME) <= 1);
	}

	@Test
	void constructorWhenPoolingClientConfigurationShouldFail() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ResilientLettuceConnectionFactory(new RedisStandaloneConfiguration(),
					LettucePoolingClientConfiguration.defaultConfiguration(), null, false))
			.withMessageContaining("non-pooling");
	}

	private ResilientLettuceConnectionFactory start(
			@Nullable GenericObjectPoolConfig<StatefulConnection<?, ?>> poolConfig, boolean traces) {
		return start(poolConfig, traces, CommandGuard.NONE);
	}

	private ResilientLettuceConnectionFactory start(
			@Nullable GenericObjectPoolConfig<StatefulConnection<?, ?>> poolConfig, boolean traces,
			CommandGuard guard) {
		return start(poolConfig, traces, guard, Duration.ofSeconds(2));
	}

	private ResilientLettuceConnectionFactory start(
			@Nullable GenericObjectPoolConfig<StatefulConnection<?, ?>> poolConfig, boolean traces,
			CommandGuard guard, Duration commandTimeout) {
		RedisStandaloneConfiguration configuration = new RedisStandaloneConfiguration(redis.server().host(),
				redis.server().port());
		LettuceClientConfiguration clientConfiguration = LettuceClientConfiguration.builder()
			.clientName(CLIENT_NAME)
			.commandTimeout(commandTimeout)
			.clientOptions(ClientOptions.builder()
				.timeoutOptions(TimeoutOptions.builder()
					.timeoutCommands()
					.timeoutSource(BlockingCommands.timeoutSource(commandTimeout))
					.build())
				.build())
			.build();
		ResilientLettuceConnectionFactory factory = new ResilientLettuceConnectionFactory(configuration,
				clientConfiguration, poolConfig, traces);
		factory.setCommandGuard(guard);
		factory.start();
		this.factory = factory;
		return factory;
	}

	private static GenericObjectPoolConfig<StatefulConnection<?, ?>> pool(int maxActive, Duration maxWait) {
		GenericObjectPoolConfig<StatefulConnection<?, ?>> config = new GenericObjectPoolConfig<>();
		config.setMaxTotal(maxActive);
		config.setMaxIdle(maxActive);
		config.setMaxWait(maxWait);
		return config;
	}

}
