package io.github.resilientredis.compatibility;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.RedisOperations;
import org.springframework.data.redis.core.SessionCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.ValueOperations;
import org.springframework.data.redis.core.script.DefaultRedisScript;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.EnableTransactionManagement;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;

import io.github.resilientredis.test.RedisServer;
import io.github.resilientredis.test.RedisServerExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Multi-command work: {@code executePipelined}, MULTI/EXEC in a {@link SessionCallback},
 * {@link Transactional @Transactional} on a template with transaction support, and a Lua
 * script. The results are the same in both variants; while Redis is down each fails, and
 * after the restart nothing of the failed attempts has been applied.
 */
class PipelineTransactionScriptCompatibilityTests {

	private static final RedisScript<Long> INCREMENT = new DefaultRedisScript<>(
			"return redis.call('INCRBY', KEYS[1], ARGV[1])", Long.class);

	@RegisterExtension
	static final RedisServerExtension redis = new RedisServerExtension(Outage.durableRedis());

	@BeforeEach
	void flush() {
		redis.server().admin().flushall();
	}

	@ParameterizedTest
	@EnumSource(Variant.class)
	void multiCommandWorkWhenRedisIsHealthyShouldGiveStockResults(Variant variant) {
		try (ConfigurableApplicationContext context = variant.start(redis.server(), TransactionConfiguration.class)) {
			StringRedisTemplate template = context.getBean(StringRedisTemplate.class);
			ValueOperations<String, String> values = template.opsForValue();
			Writer writer = context.getBean(Writer.class);
			assertThat(pipeline(template, "healthy")).containsExactly(true, 1L, "value");
			assertThat(multiExec(template, "healthy")).containsExactly(true, true, 1L);
			assertThat(values.multiGet(List.of("healthy:m:a", "healthy:m:b"))).containsExactly("a", "b");
			writer.write("healthy");
			assertThat(values.multiGet(List.of("healthy:t:a", "healthy:t:b"))).containsExactly("a", "b");
			assertThat(template.execute(INCREMENT, List.of("healthy:lua"), "5")).isEqualTo(5L);
			assertThat(template.execute(INCREMENT, List.of("healthy:lua"), "5")).isEqualTo(10L);
		}
	}

	@ParameterizedTest
	@EnumSource(Variant.class)
	void multiCommandWorkWhenRedisIsDownShouldFailWithoutPartialWrites(Variant variant) {
		RedisServer server = redis.server();
		try (ConfigurableApplicationContext context = variant.start(server, TransactionConfiguration.class)) {
			StringRedisTemplate template = context.getBean(StringRedisTemplate.class);
			Writer writer = context.getBean(Writer.class);
			assertThat(template.execute(INCREMENT, List.of("lua"), "5")).isEqualTo(5L);

			Outage.begin(variant, server, () -> template.execute(INCREMENT, List.of("lua"), "5"));
			Outage.failures(() -> template.execute(INCREMENT, List.of("lua"), "5"),
					() -> pipeline(template, "outage"), () -> multiExec(template, "outage"),
					() -> writer.write("outage"));

			Outage.end(server, () -> assertThat(template.opsForValue().get("lua")).isEqualTo("5"));
			assertThat(server.admin().keys("outage:*")).as("keys written by the failed attempts").isEmpty();
			assertThat(pipeline(template, "recovered")).containsExactly(true, 1L, "value");
			assertThat(multiExec(template, "recovered")).containsExactly(true, true, 1L);
			writer.write("recovered");
			assertThat(server.admin().keys("recovered:*")).hasSize(7);
		}
	}

	private static List<Object> pipeline(StringRedisTemplate template, String prefix) {
		return template.executePipelined((RedisCallback<Object>) (connection) -> {
			connection.stringCommands().set((prefix + ":p").getBytes(), "value".getBytes());
			connection.stringCommands().incr((prefix + ":p:count").getBytes());
			connection.stringCommands().get((prefix + ":p").getBytes());
			return null;
		});
	}

	private static List<Object> multiExec(StringRedisTemplate template, String prefix) {
		return template.execute(new SessionCallback<>() {

			@Override
			@SuppressWarnings("unchecked")
			public <K, V> List<Object> execute(RedisOperations<K, V> operations) throws DataAccessException {
				RedisOperations<String, String> ops = (RedisOperations<String, String>) operations;
				ops.multi();
				ops.opsForValue().set(prefix + ":m:a", "a");
				ops.opsForValue().set(prefix + ":m:b", "b");
				ops.opsForValue().increment(prefix + ":m:count");
				return ops.exec();
			}

		});
	}

	/**
	 * Writes two keys in one {@code @Transactional} method: queued in MULTI, sent with EXEC on
	 * commit.
	 */
	static class Writer {

		private final StringRedisTemplate transactionalTemplate;

		Writer(StringRedisTemplate transactionalTemplate) {
			this.transactionalTemplate = transactionalTemplate;
		}

		@Transactional
		public void write(String prefix) {
			this.transactionalTemplate.opsForValue().set(prefix + ":t:a", "a");
			this.transactionalTemplate.opsForValue().set(prefix + ":t:b", "b");
		}

	}

	/**
	 * A transaction manager without a resource of its own: it only drives the transaction
	 * synchronization that binds the Redis connection to the transaction.
	 */
	static class SynchronizationOnlyTransactionManager extends AbstractPlatformTransactionManager {

		@Override
		protected Object doGetTransaction() {
			return new Object();
		}

		@Override
		protected void doBegin(Object transaction, TransactionDefinition definition) {
		}

		@Override
		protected void doCommit(DefaultTransactionStatus status) {
		}

		@Override
		protected void doRollback(DefaultTransactionStatus status) {
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableTransactionManagement(proxyTargetClass = true)
	static class TransactionConfiguration {

		@Bean
		@Primary
		StringRedisTemplate stringRedisTemplate(RedisConnectionFactory connectionFactory) {
			return new StringRedisTemplate(connectionFactory);
		}

		@Bean
		StringRedisTemplate transactionalTemplate(RedisConnectionFactory connectionFactory) {
			StringRedisTemplate template = new StringRedisTemplate(connectionFactory);
			template.setEnableTransactionSupport(true);
			return template;
		}

		@Bean
		Writer writer(@Qualifier("transactionalTemplate") StringRedisTemplate transactionalTemplate) {
			return new Writer(transactionalTemplate);
		}

		@Bean
		SynchronizationOnlyTransactionManager transactionManager() {
			return new SynchronizationOnlyTransactionManager();
		}

	}

}
