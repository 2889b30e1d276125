package io.github.resilientredis.compatibility;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import net.javacrumbs.shedlock.core.ClockProvider;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.SimpleLock;
import net.javacrumbs.shedlock.provider.redis.spring.RedisLockProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import io.github.resilientredis.test.RedisServer;
import io.github.resilientredis.test.RedisServerExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ShedLock's {@link RedisLockProvider} shared by two applications: one of them gets the lock;
 * while Redis is down nobody gets any lock; after the restart the lock taken before the
 * outage still holds.
 */
class ShedLockCompatibilityTests {

	private static final String ENVIRONMENT = "compat";

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
		try (ConfigurableApplicationContext first = variant.start(server, ShedLockConfiguration.class);
				ConfigurableApplicationContext second = variant.start(server, ShedLockConfiguration.class)) {
			LockProvider firstProvider = first.getBean(LockProvider.class);
			LockProvider secondProvider = second.getBean(LockProvider.class);
			Optional<SimpleLock> heldByFirst = firstProvider.lock(lockConfiguration("job"));
			assertThat(heldByFirst).isPresent();
			assertThat(secondProvider.lock(lockConfiguration("job"))).as("lock held by the other application")
				.isEmpty();

			Outage.begin(variant, server, () -> secondProvider.lock(lockConfiguration("job")));
			List<Boolean> granted = Outage.concurrently(List.of(() -> grantedWhileDown(secondProvider, "job"),
					() -> grantedWhileDown(firstProvider, "other"), () -> grantedWhileDown(secondProvider, "other")));
			assertThat(granted).as("granted while Redis is down: the lock held by the first application to the second, "
					+ "a free lock to the first, the same free lock to the second")
				.containsExactly(false, false, false);

			StringRedisTemplate firstTemplate = first.getBean(StringRedisTemplate.class);
			Outage.end(server, () -> assertThat(firstTemplate.hasKey(key("job"))).isTrue());
			try (ConfigurableApplicationContext third = variant.start(server, ShedLockConfiguration.class)) {
				LockProvider thirdProvider = third.getBean(LockProvider.class);
				assertThat(thirdProvider.lock(lockConfiguration("job"))).as("lock taken before the outage").isEmpty();
				assertThat(server.admin().exists(key("other"))).as("locks tried during the outage").isZero();
				heldByFirst.get().unlock();
				Optional<SimpleLock> takenOver = thirdProvider.lock(lockConfiguration("job"));
				assertThat(takenOver).as("lock released by its owner").isPresent();
				takenOver.get().unlock();
			}
		}
	}

	private static LockConfiguration lockConfiguration(String name) {
		return new LockConfiguration(ClockProvider.now(), name, Duration.ofSeconds(30), Duration.ZERO);
	}

	/** The key ShedLock keeps a lock under: {@code job-lock:<environment>:<name>}. */
	private static String key(String name) {
		return "job-lock:" + ENVIRONMENT + ":" + name;
	}

	/**
	 * Try a lock while Redis is down: an exception caused by Redis counts as not granted.
	 */
	private static boolean grantedWhileDown(LockProvider provider, String name) {
		try {
			return provider.lock(lockConfiguration(name)).isPresent();
		}
		catch (RuntimeException ex) {
			Outage.assertDataAccessFailure(ex);
			return false;
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class ShedLockConfiguration {

		@Bean
		RedisLockProvider lockProvider(RedisConnectionFactory connectionFactory) {
			return new RedisLockProvider(connectionFactory, ENVIRONMENT);
		}

	}

}
