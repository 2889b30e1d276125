package io.github.resilientredis.compatibility;

import java.util.List;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.RedisTemplate;
import org.springframework.data.redis.serializer.RedisSerializer;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;
import org.springframework.session.data.redis.RedisIndexedSessionRepository;
import org.springframework.session.data.redis.RedisSessionRepository;

import io.github.resilientredis.test.RedisServer;
import io.github.resilientredis.test.RedisServerExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring Session Data Redis, with both {@link RedisSessionRepository} and
 * {@link RedisIndexedSessionRepository}: attributes round-trip on a healthy Redis, and while
 * Redis is down reads and writes fail instead of answering with a fresh, empty or missing
 * session; what was saved before the outage is intact after it.
 */
class SpringSessionCompatibilityTests {

	@RegisterExtension
	static final RedisServerExtension redis = new RedisServerExtension(Outage.durableRedis());

	@BeforeEach
	void flush() {
		redis.server().admin().flushall();
	}

	@ParameterizedTest
	@EnumSource(Variant.class)
	void repositoriesWhenRedisIsHealthyShouldRoundTripAttributes(Variant variant) {
		try (ConfigurableApplicationContext context = variant.start(redis.server(), SessionConfiguration.class)) {
			for (SessionRepository<?> repository : repositories(context)) {
				String id = saveNewSession(repository, "alice");
				Session found = repository.findById(id);
				assertThat(found).as("%s", repository.getClass().getSimpleName()).isNotNull();
				assertThat(found.<String>getAttribute("user")).isEqualTo("alice");
				assertThat(found.<Integer>getAttribute("cart-items")).isEqualTo(3);
				assertThat(repository.findById("no-such-session")).isNull();
			}
			RedisIndexedSessionRepository indexed = context.getBean(RedisIndexedSessionRepository.class);
			assertThat(indexed.findByPrincipalName("alice")).hasSize(1);
		}
	}

	@ParameterizedTest
	@EnumSource(Variant.class)
	void repositoriesWhenRedisIsDownShouldFailAndKeepStoredSessions(Variant variant) {
		RedisServer server = redis.server();
		try (ConfigurableApplicationContext context = variant.start(server, SessionConfiguration.class)) {
			RedisSessionRepository plain = context.getBean(RedisSessionRepository.class);
			RedisIndexedSessionRepository indexed = context.getBean(RedisIndexedSessionRepository.class);
			String plainId = saveNewSession(plain, "alice");
			String indexedId = saveNewSession(indexed, "alice");
			ThrowingCallable changePlainUser = changeUserLater(plain, plainId, "mallory");
			ThrowingCallable changeIndexedUser = changeUserLater(indexed, indexedId, "mallory");

			Outage.begin(variant, server, () -> plain.findById(plainId));
			Outage.failures(() -> plain.findById(plainId), () -> indexed.findById(indexedId), changePlainUser,
					changeIndexedUser, () -> saveNewSession(plain, "bob"), () -> saveNewSession(indexed, "bob"));

			Outage.end(server, () -> assertThat(attribute(plain, plainId, "user")).isEqualTo("alice"));
			assertThat(attribute(plain, plainId, "cart-items")).isEqualTo(3);
			assertThat(attribute(indexed, indexedId, "user")).isEqualTo("alice");
			assertThat(attribute(indexed, indexedId, "cart-items")).isEqualTo(3);
			assertThat(indexed.findByPrincipalName("alice")).containsOnlyKeys(indexedId);
			assertThat(indexed.findByPrincipalName("bob")).isEmpty();
			assertThat(server.admin().keys("compat:plain:sessions:*")).as("plain sessions in Redis").hasSize(1);
		}
	}

	private static List<SessionRepository<?>> repositories(ConfigurableApplicationContext context) {
		return List.of(context.getBean(RedisSessionRepository.class),
				context.getBean(RedisIndexedSessionRepository.class));
	}

	private static <S extends Session> String saveNewSession(SessionRepository<S> repository, String user) {
		S session = repository.createSession();
		session.setAttribute("user", user);
		session.setAttribute("cart-items", 3);
		session.setAttribute(FindByIndexNameSessionRepository.PRINCIPAL_NAME_INDEX_NAME, user);
		repository.save(session);
		return session.getId();
	}

	private static Object attribute(SessionRepository<?> repository, String id, String name) {
		Session session = repository.findById(id);
		assertThat(session).as("session %s", id).isNotNull();
		return session.getAttribute(name);
	}

	/**
	 * Load a session now, while Redis is up; the returned call changes its user and saves it.
	 */
	private static <S extends Session> ThrowingCallable changeUserLater(SessionRepository<S> repository, String id,
			String user) {
		S session = repository.findById(id);
		assertThat(session).isNotNull();
		return () -> {
			session.setAttribute("user", user);
			repository.save(session);
		};
	}

	@Configuration(proxyBeanMethods = false)
	static class SessionConfiguration {

		// what Spring Session's own configuration builds: string keys, JDK-serialized values
		@Bean
		RedisTemplate<String, Object> sessionRedisOperations(RedisConnectionFactory connectionFactory) {
			RedisTemplate<String, Object> template = new RedisTemplate<>();
			template.setKeySerializer(RedisSerializer.string());
			template.setHashKeySerializer(RedisSerializer.string());
			template.setConnectionFactory(connectionFactory);
			return template;
		}

		@Bean
		RedisSessionRepository plainSessionRepository(RedisTemplate<String, Object> sessionRedisOperations) {
			RedisSessionRepository repository = new RedisSessionRepository(sessionRedisOperations);
			repository.setRedisKeyNamespace("compat:plain");
			return repository;
		}

		@Bean
		RedisIndexedSessionRepository indexedSessionRepository(RedisTemplate<String, Object> sessionRedisOperations) {
			RedisIndexedSessionRepository repository = new RedisIndexedSessionRepository(sessionRedisOperations);
			repository.setRedisKeyNamespace("compat:indexed");
			repository.setCleanupCron(Scheduled.CRON_DISABLED);
			return repository;
		}

	}

}
