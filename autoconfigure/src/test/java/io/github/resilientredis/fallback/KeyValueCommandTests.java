package io.github.resilientredis.fallback;

import java.time.Clock;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.data.redis.connection.DefaultedRedisConnection;
import org.springframework.data.redis.connection.ExpirationOptions;
import org.springframework.data.redis.connection.RedisHashCommands;
import org.springframework.data.redis.connection.RedisKeyCommands;
import org.springframework.data.redis.connection.RedisStringCommands;
import org.springframework.data.redis.connection.SetCondition;
import org.springframework.data.redis.core.types.Expiration;

import static io.github.resilientredis.fallback.FallbackStoreTests.bytes;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of {@link KeyValueCommand}: which commands the local fallback can serve and which writes it journals.
 */
class KeyValueCommandTests {

	private final FallbackStore store = new FallbackStore(100, Duration.ofMinutes(5));

	private final OutageJournal journal = new OutageJournal(100);

	@Test
	void ofShouldRecognizeTheKeyValueSubsetOnly() throws Exception {
		assertThat(KeyValueCommand.of(RedisStringCommands.class.getMethod("get", byte[].class)))
			.isEqualTo(KeyValueCommand.GET);
		assertThat(KeyValueCommand.of(DefaultedRedisConnection.class.getMethod("get", byte[].class)))
			.isEqualTo(KeyValueCommand.GET);
		assertThat(KeyValueCommand.of(RedisStringCommands.class.getMethod("set", byte[].class, byte[].class,
				SetCondition.class, Expiration.class)))
			.isEqualTo(KeyValueCommand.SET_WITH_CONDITION);
		assertThat(KeyValueCommand.of(RedisKeyCommands.class.getMethod("del", byte[][].class)))
			.isEqualTo(KeyValueCommand.DEL);
		assertThat(KeyValueCommand.of(RedisKeyCommands.class.getMethod("pExpire", byte[].class, long.class)))
			.isEqualTo(KeyValueCommand.EXPIRE_MILLIS);
		assertThat(KeyValueCommand.of(RedisStringCommands.class.getMethod("incr", byte[].class))).isNull();
		assertThat(KeyValueCommand.of(RedisHashCommands.class.getMethod("hGet", byte[].class, byte[].class)))
			.isNull();
	}

	@Test
	void canServeWhenConditionComparesValuesShouldBeFalse() {
		Object[] args = { bytes("k"), bytes("v"), SetCondition.ifEquals(bytes("old")), Expiration.persistent() };
		assertThat(KeyValueCommand.SET_WITH_CONDITION.canServe(args)).isFalse();
		Object[] expireNx = { bytes("k"), 10L, ExpirationOptions.Condition.NX };
		assertThat(KeyValueCommand.EXPIRE_SECONDS.canServe(expireNx)).isFalse();
	}

	@Test
	void executeShouldJournalWritesAndDeletesButNotReads() {
		execute(KeyValueCommand.SET_WITH_CONDITION, bytes("a"), bytes("1"), SetCondition.upsert(),
				Expiration.seconds(30));
		assertThat(execute(KeyValueCommand.GET, bytes("a"))).isEqualTo(bytes("1"));
		assertThat(execute(KeyValueCommand.EXISTS_ONE, bytes("a"))).isEqualTo(true);
		assertThat(execute(KeyValueCommand.SET_NX, bytes("a"), bytes("2"))).isEqualTo(false);
		assertThat(execute(KeyValueCommand.DEL, (Object) new byte[][] { bytes("a"), bytes("b") })).isEqualTo(1L);
		assertThat(execute(KeyValueCommand.GET, bytes("a"))).isNull();
		assertThat(this.journal.drain().keys()).containsExactly(bytes("a"), bytes("b"));
	}

	private Object execute(KeyValueCommand command, Object... args) {
		return command.execute(args, this.store, this.journal, Clock.systemUTC());
	}

}
