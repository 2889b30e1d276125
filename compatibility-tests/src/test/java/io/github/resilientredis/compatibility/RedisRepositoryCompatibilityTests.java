package io.github.resilientredis.compatibility;

import java.util.List;

import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.FilterType;
import org.springframework.data.annotation.Id;
import org.springframework.data.redis.core.RedisHash;
import org.springframework.data.redis.core.index.Indexed;
import org.springframework.data.redis.repository.configuration.EnableRedisRepositories;
import org.springframework.data.repository.CrudRepository;

import io.github.resilientredis.test.RedisServer;
import io.github.resilientredis.test.RedisServerExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Spring Data Redis repository of a {@link RedisHash @RedisHash} entity with an
 * {@link Indexed @Indexed} property: saves, finds and queries work on a healthy Redis; while
 * Redis is down reads and writes fail (never an empty result made up locally), and a failed
 * save leaves no half-deleted entity: the hash and the index sets written before the outage
 * are intact after it.
 */
class RedisRepositoryCompatibilityTests {

	@RegisterExtension
	static final RedisServerExtension redis = new RedisServerExtension(Outage.durableRedis());

	@BeforeEach
	void flush() {
		redis.server().admin().flushall();
	}

	@ParameterizedTest
	@EnumSource(Variant.class)
	void repositoryWhenRedisIsHealthyShouldSaveFindAndQueryByIndex(Variant variant) {
		try (ConfigurableApplicationContext context = variant.start(redis.server(), RepositoryConfiguration.class)) {
			PersonRepository people = context.getBean(PersonRepository.class);
			people.save(new Person("alice", "Alice", "berlin"));
			people.save(new Person("bob", "Bob", "paris"));
			assertThat(people.findById("alice")).contains(new Person("alice", "Alice", "berlin"));
			assertThat(people.findByCity("paris")).containsExactly(new Person("bob", "Bob", "paris"));
			people.save(new Person("alice", "Alice", "paris"));
			assertThat(people.findByCity("paris")).hasSize(2);
			assertThat(people.findByCity("berlin")).isEmpty();
			assertThat(people.count()).isEqualTo(2);
		}
	}

	@ParameterizedTest
	@EnumSource(Variant.class)
	void repositoryWhenRedisIsDownShouldFailAndKeepEntitiesAndIndexesIntact(Variant variant) {
		RedisServer server = redis.server();
		try (ConfigurableApplicationContext context = variant.start(server, RepositoryConfiguration.class)) {
			PersonRepository people = context.getBean(PersonRepository.class);
			people.save(new Person("alice", "Alice", "berlin"));
			people.save(new Person("bob", "Bob", "paris"));

			Outage.begin(variant, server, () -> people.findById("alice"));
			Outage.failures(() -> people.findById("alice"), () -> people.findByCity("berlin"),
					() -> people.save(new Person("alice", "Alice", "rome")),
					() -> people.save(new Person("carol", "Carol", "rome")), () -> people.deleteById("bob"),
					people::count);

			Outage.end(server, () -> assertThat(people.findById("alice")).isPresent());
			assertThat(people.findById("alice")).contains(new Person("alice", "Alice", "berlin"));
			assertThat(people.findById("bob")).contains(new Person("bob", "Bob", "paris"));
			assertThat(people.findByCity("berlin")).containsExactly(new Person("alice", "Alice", "berlin"));
			assertThat(people.findByCity("rome")).isEmpty();
			assertThat(people.findById("carol")).isEmpty();
			RedisCommands<String, String> admin = server.admin();
			assertThat(admin.hgetall("compat-people:alice")).containsEntry("city", "berlin")
				.containsEntry("name", "Alice");
			assertThat(admin.smembers("compat-people")).containsExactlyInAnyOrder("alice", "bob");
			assertThat(admin.smembers("compat-people:city:berlin")).containsExactly("alice");
			assertThat(admin.smembers("compat-people:city:paris")).containsExactly("bob");
			assertThat(admin.smembers("compat-people:alice:idx")).containsExactly("compat-people:city:berlin");
			assertThat(admin.exists("compat-people:city:rome", "compat-people:carol")).isZero();
		}
	}

	@RedisHash("compat-people")
	record Person(@Id String id, String name, @Indexed String city) {

	}

	interface PersonRepository extends CrudRepository<Person, String> {

		List<Person> findByCity(String city);

	}

	@Configuration(proxyBeanMethods = false)
	@EnableRedisRepositories(basePackageClasses = RedisRepositoryCompatibilityTests.class,
			considerNestedRepositories = true,
			includeFilters = @ComponentScan.Filter(type = FilterType.ASSIGNABLE_TYPE, classes = PersonRepository.class))
	static class RepositoryConfiguration {

	}

}
