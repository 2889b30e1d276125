package io.github.resilientredis.fallback;

import java.lang.reflect.Method;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.connection.DefaultedRedisConnection;
import org.springframework.data.redis.connection.ExpirationOptions;
import org.springframework.data.redis.connection.RedisCommands;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisKeyCommands;
import org.springframework.data.redis.connection.RedisStringCommands;
import org.springframework.data.redis.connection.SetCondition;
import org.springframework.data.redis.core.types.Expiration;

/**
 * The key-value commands the local fallback can answer (GET, SET with or without TTL and
 * NX/XX, DEL/UNLINK, EXISTS, EXPIRE/PEXPIRE, GETEX, GETDEL, GETSET), recognized from the
 * connection method called, and their execution against the {@link FallbackStore}.
 */
public enum KeyValueCommand {

	/** GET key. */
	GET,
	/** GETEX key (the TTL change applies locally). */
	GET_EX,
	/** GETDEL key. */
	GET_DEL,
	/** GETSET key value. */
	GET_SET,
	/** SET key value. */
	SET,
	/** SET key value [NX|XX] [EX|PX|EXAT|PXAT|KEEPTTL]. */
	SET_WITH_CONDITION,
	/** SET with the deprecated SetOption argument order. */
	SET_WITH_OPTION,
	/** SETNX key value. */
	SET_NX,
	/** SETEX key seconds value. */
	SET_EX,
	/** PSETEX key milliseconds value. */
	P_SET_EX,
	/** DEL or UNLINK keys. */
	DEL,
	/** EXISTS key (Boolean). */
	EXISTS_ONE,
	/** EXISTS keys (count). */
	EXISTS_MANY,
	/** EXPIRE key seconds [ALWAYS]. */
	EXPIRE_SECONDS,
	/** PEXPIRE key milliseconds [ALWAYS]. */
	EXPIRE_MILLIS,
	/** EXPIRE or PEXPIRE key duration. */
	EXPIRE_DURATION;

	private static final Map<Method, Optional<KeyValueCommand>> RESOLVED = new ConcurrentHashMap<>();

	/**
	 * The command a connection method sends, when the fallback can answer it.
	 * @param method a method of {@link RedisConnection} or one of its command interfaces
	 * @return the command, or {@code null} when the fallback cannot answer it
	 */
	public static @Nullable KeyValueCommand of(Method method) {
		return RESOLVED.computeIfAbsent(method, (m) -> Optional.ofNullable(resolve(m))).orElse(null);
	}

	private static @Nullable KeyValueCommand resolve(Method method) {
		Class<?> owner = method.getDeclaringClass();
		if (owner != RedisStringCommands.class && owner != RedisKeyCommands.class
				&& owner != DefaultedRedisConnection.class && owner != RedisCommands.class
				&& owner != RedisConnection.class) {
			return null;
		}
		Class<?>[] types = method.getParameterTypes();
		return switch (method.getName()) {
			case "get" -> matches(types, byte[].class) ? GET : null;
			case "getEx" -> matches(types, byte[].class, Expiration.class) ? GET_EX : null;
			case "getDel" -> matches(types, byte[].class) ? GET_DEL : null;
			case "getSet" -> matches(types, byte[].class, byte[].class) ? GET_SET : null;
			case "set" -> resolveSet(types);
			case "setNX" -> matches(types, byte[].class, byte[].class) ? SET_NX : null;
			case "setEx" -> matches(types, byte[].class, long.class, byte[].class) ? SET_EX : null;
			case "pSetEx" -> matches(types, byte[].class, long.class, byte[].class) ? P_SET_EX : null;
			case "del", "unlink" -> matches(types, byte[][].class) ? DEL : null;
			case "exists" -> matches(types, byte[].class) ? EXISTS_ONE : matches(types, byte[][].class) ? EXISTS_MANY
					: null;
			case "expire" -> resolveExpire(types, EXPIRE_SECONDS);
			case "pExpire" -> resolveExpire(types, EXPIRE_MILLIS);
			default -> null;
		};
	}

	@SuppressWarnings("deprecation")
	private static @Nullable KeyValueCommand resolveSet(Class<?>[] types) {
		if (matches(types, byte[].class, byte[].class)) {
			return SET;
		}
		if (matches(types, byte[].class, byte[].class, SetCondition.class, Expiration.class)) {
			return SET_WITH_CONDITION;
		}
		if (matches(types, byte[].class, byte[].class, Expiration.class, RedisStringCommands.SetOption.class)) {
			return SET_WITH_OPTION;
		}
		return null;
	}

	private static @Nullable KeyValueCommand resolveExpire(Class<?>[] types, KeyValueCommand withNumber) {
		if (matches(types, byte[].class, long.class)
				|| matches(types, byte[].class, long.class, ExpirationOptions.Condition.class)) {
			return withNumber;
		}
		return matches(types, byte[].class, Duration.class) ? EXPIRE_DURATION : null;
	}

	private static boolean matches(Class<?>[] actual, Class<?>... expected) {
		return java.util.Arrays.equals(actual, expected);
	}

	/**
	 * Whether the command, with these arguments, can be answered locally (conditional SET
	 * by value comparison and conditional EXPIRE cannot).
	 * @param args the method arguments
	 * @return {@code true} when the fallback can answer
	 */
	public boolean canServe(@Nullable Object[] args) {
		if (this == SET_WITH_CONDITION) {
			return ((SetCondition) args[2]).getCompareCondition() == null;
		}
		if ((this == EXPIRE_SECONDS || this == EXPIRE_MILLIS) && args.length == 3) {
			return args[2] == ExpirationOptions.Condition.ALWAYS;
		}
		return true;
	}

	/**
	 * Whether the command changes data, so its key must be journaled.
	 * @return {@code true} for writes
	 */
	public boolean isWrite() {
		return this != GET && this != EXISTS_ONE && this != EXISTS_MANY && this != GET_EX;
	}

	/**
	 * Answer the command from the store, journaling written or deleted keys.
	 * @param args the method arguments
	 * @param store the local store
	 * @param journal the outage journal
	 * @param clock the clock (for absolute expirations)
	 * @return the value the connection method returns
	 */
	@SuppressWarnings("deprecation")
	public @Nullable Object execute(@Nullable Object[] args, FallbackStore store, OutageJournal journal,
			Clock clock) {
		if (this == DEL || this == EXISTS_MANY) {
			return executeMultiKey((byte[][]) args[0], store, journal);
		}
		byte[] key = (byte[]) args[0];
		if (isWrite()) {
			journal.recordKey(key);
		}
		return switch (this) {
			case GET -> store.get(key);
			case GET_EX -> getEx(key, (Expiration) args[1], store, clock);
			case GET_DEL -> getDel(key, store);
			case GET_SET -> getSet(key, (byte[]) args[1], store);
			case SET -> set(key, (byte[]) args[1], SetCondition.upsert(), null, store);
			case SET_WITH_CONDITION -> set(key, (byte[]) args[1], (SetCondition) args[2],
					ttl((Expiration) args[3], clock), store);
			case SET_WITH_OPTION -> set(key, (byte[]) args[1],
					((RedisStringCommands.SetOption) args[3]).toSetCondition(), ttl((Expiration) args[2], clock),
					store);
			case SET_NX -> set(key, (byte[]) args[1], SetCondition.ifAbsent(), null, store);
			case SET_EX -> set(key, (byte[]) args[2], SetCondition.upsert(), Duration.ofSeconds((long) args[1]),
					store);
			case P_SET_EX -> set(key, (byte[]) args[2], SetCondition.upsert(), Duration.ofMillis((long) args[1]),
					store);
			case EXISTS_ONE -> store.contains(key);
			case EXPIRE_SECONDS -> store.expire(key, Duration.ofSeconds((long) args[1]));
			case EXPIRE_MILLIS -> store.expire(key, Duration.ofMillis((long) args[1]));
			case EXPIRE_DURATION -> store.expire(key, (Duration) args[1]);
			default -> throw new IllegalStateException("Unexpected command " + this);
		};
	}

	private @Nullable Object executeMultiKey(byte[][] keys, FallbackStore store, OutageJournal journal) {
		long count = 0;
		for (byte[] key : keys) {
			if (this == DEL) {
				journal.recordKey(key);
				count += store.remove(key) ? 1 : 0;
			}
			else {
				count += store.contains(key) ? 1 : 0;
			}
		}
		return count;
	}

	private static byte @Nullable [] getEx(byte[] key, Expiration expiration, FallbackStore store, Clock clock) {
		byte[] value = store.get(key);
		Duration ttl = ttl(expiration, clock);
		if (value != null && ttl != null) {
			store.expire(key, ttl);
		}
		return value;
	}

	private static byte @Nullable [] getDel(byte[] key, FallbackStore store) {
		byte[] value = store.get(key);
		store.remove(key);
		return value;
	}

	private static byte @Nullable [] getSet(byte[] key, byte[] value, FallbackStore store) {
		byte[] previous = store.get(key);
		store.put(key, value, null);
		return previous;
	}

	private static Boolean set(byte[] key, byte[] value, SetCondition condition, @Nullable Duration ttl,
			FallbackStore store) {
		return switch (condition.getKeyCondition()) {
			case UPSERT -> {
				store.put(key, value, ttl);
				yield true;
			}
			case IF_ABSENT -> store.putIfAbsent(key, value, ttl);
			case IF_PRESENT -> store.replace(key, value, ttl);
		};
	}

	/**
	 * The relative TTL of an expiration, or {@code null} for none (persistent, KEEPTTL:
	 * the store's maximum TTL applies).
	 */
	private static @Nullable Duration ttl(Expiration expiration, Clock clock) {
		if (expiration.isPersistent() || expiration.isKeepTtl()) {
			return null;
		}
		if (expiration.isUnixTimestamp()) {
			long remaining = expiration.getExpirationTimeInMilliseconds() - clock.millis();
			return Duration.ofMillis(Math.max(remaining, 1));
		}
		return Duration.ofMillis(expiration.getConverted(TimeUnit.MILLISECONDS));
	}

}
