package io.github.resilientredis.compatibility;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.Lock;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.integration.redis.util.RedisLockRegistry;

import io.github.resilientredis.test.RedisServer;
import io.github.resilientredis.test.RedisServerExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring Integration's {@link RedisLockRegistry} shared by two applications: one of them gets
 * the lock; while Redis is down nobody gets any lock; after the restart the lock taken before
 * the outage still belongs to its owner.
 */
class RedisLockRegistryCompatibilityTests {

	private static final String REGISTRY_KEY = "compat-locks";

	@RegisterExtension
	static final RedisServerExtension redis = new RedisServerExtension(Outage.durableRedis());

	@BeforeEach
	void flush() {
		redis.server().admin().flushall();
	}

	@ParameterizedTest
	@EnumSource(Variant.class)
	void lockWhenTwoApplicationsCompeteShouldGoToOneOnlyAndSurviveAnOutage(Variant variant) {
		RedisServer server = redis.server();
		try (ConfigurableApplicationContext first = variant.start(server, LockConfiguration.class);
				ConfigurableApplicationContext second = variant.start(server, LockConfiguration.class)) {
			RedisLockRegistry firstRegistry = first.getBean(RedisLockRegistry.class);
			RedisLockRegistry secondRegistry = second.getBean(RedisLockRegistry.class);
			Lock heldByFirst = firstRegistry.obtain("job");
			assertThat(heldByFirst.tryLock()).isTrue();
			assertThat(secondRegistry.obtain("job").tryLock()).as("lock held by the other application").isFalse();

			Outage.begin(variant, server, () -> secondRegistry.obtain("job").tryLock());
			List<Boolean> granted = Outage.concurrently(List.of(() -> grantedWhileDown(secondRegistry.obtain("job")),
					() -> grantedWhileDown(firstRegistry.obtain("other")),
					() -> grantedWhileDown(secondRegistry.obtain("other"))));
			assertThat(granted).as("granted while Redis is down: the lock held by the first application to the second, "
					+ "a free lock to the first, the same free lock to the second")
				.containsExactly(false, false, false);

			StringRedisTemplate firstTemplate = first.getBean(StringRedisTemplate.class);
			Outage.end(server, () -> assertThat(firstTemplate.hasKey(REGISTRY_KEY + ":job")).isTrue());
			try (ConfigurableApplicationContext third = variant.start(server, LockConfiguration.class)) {
				RedisLockRegistry thirdRegistry = third.getBean(RedisLockRegistry.class);
				assertThat(thirdRegistry.obtain("job").tryLock()).as("lock taken before the outage").isFalse();
				assertThat(server.admin().exists(REGISTRY_KEY + ":other")).as("locks tried during the outage").isZero();
				heldByFirst.unlock();
				Lock takenOver = thirdRegistry.obtain("job");
				assertThat(takenOver.tryLock()).as("lock released by its owner").isTrue();
				takenOver.unlock();
			}
		}
	}

	/**
	 * Try a lock while Redis is down: an exception caused by Redis counts as not granted.
	 */
	private static boolean grantedWhileDown(Lock lock) {
		try {
			return lock.tryLock();
		}
		catch (RuntimeException ex) {
			Outage.assertDataAccessFailure(ex);
			return false;
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class LockConfiguration {

		@Bean
		RedisLockRegistry redisLockRegistry(RedisConnectionFactory connectionFactory) {
			return new RedisLockRegistry(connectionFactory, REGISTRY_KEY, Duration.ofSeconds(30));
		}

	}

}
