package io.github.resilientredis.resilience;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import io.lettuce.core.output.CommandOutput;
import io.lettuce.core.protocol.CommandType;
import io.lettuce.core.protocol.ProtocolKeyword;
import io.lettuce.core.protocol.RedisCommand;
import org.jspecify.annotations.Nullable;

import org.springframework.util.PatternMatchUtils;

import io.github.resilientredis.connection.CommandArguments;
import io.github.resilientredis.fallback.FallbackStore;
import io.github.resilientredis.fallback.LocalFallback;
import io.github.resilientredis.fallback.OutageJournal;

/**
 * Answers, from the local store, the plain commands on keys the application declared as
 * cache data ({@code redis.fallback.cache-key-patterns}) while Redis is unavailable:
 * {@code GET}, {@code SET} with or without {@code EX}/{@code PX}, {@code DEL}/{@code UNLINK},
 * {@code EXISTS} and {@code EXPIRE}/{@code PEXPIRE} without options. Everything else on
 * those keys — {@code SET NX|XX|GET|KEEPTTL}, {@code SETNX}, {@code GETSET}, {@code GETDEL},
 * {@code INCR}..., a command inside {@code MULTI} or a script, a multi-key command with a
 * key outside the patterns — is never answered locally: it fails like any other command.
 * Keys written, deleted or expired locally are journaled and deleted in Redis on recovery.
 */
final class CacheKeyCommands {

	private static final Set<CommandType> ANSWERED = Set.of(CommandType.GET, CommandType.SET, CommandType.DEL,
			CommandType.UNLINK, CommandType.EXISTS, CommandType.EXPIRE, CommandType.PEXPIRE);

	// at most 18 digits: always a long
	private static final Pattern NUMBER = Pattern.compile("[0-9]{1,18}");

	private static final ByteBuffer OK = ByteBuffer.wrap("OK".getBytes(StandardCharsets.US_ASCII)).asReadOnlyBuffer();

	private final List<String> patterns;

	private final LocalFallback fallback;

	/**
	 * Create an instance.
	 * @param patterns glob patterns ({@code *} wildcards) of the keys that are cache data
	 * @param fallback the local fallback
	 */
	CacheKeyCommands(List<String> patterns, LocalFallback fallback) {
		this.patterns = List.copyOf(patterns);
		this.fallback = fallback;
	}

	/**
	 * Answer the command locally if it is one of the plain commands on declared keys and
	 * either the fallback serves (after a recovery starts, until it ends, these keys must
	 * not be read from Redis) or the breaker refused it, which switches the fallback on.
	 * @param command the command
	 * @param refusal why Redis is unavailable (for the log) when the breaker refused the
	 * command, else {@code null}
	 * @return whether it was answered (and completed)
	 */
	boolean answer(RedisCommand<?, ?, ?> command, @Nullable String refusal) {
		if ((refusal == null && !this.fallback.isActive()) || !isCandidate(command)) {
			return false;
		}
		CommandType type = (CommandType) command.getType();
		List<byte[]> arguments = CommandArguments.of(command);
		if (!answerable(type, arguments)) {
			return false;
		}
		byte[] key = arguments.get(0);
		if (refusal != null) {
			this.fallback.activate(refusal, key);
		}
		// in a cluster, one command's keys share a slot (Lettuce splits cross-slot commands)
		LocalFallback.Served served = this.fallback.callIfActive(key, () -> {
			run(type, command.getOutput(), arguments);
			return Boolean.TRUE;
		});
		if (served == null) {
			return false;
		}
		command.complete();
		return true;
	}

	private static boolean isCandidate(RedisCommand<?, ?, ?> command) {
		ProtocolKeyword type = command.getType();
		return type instanceof CommandType known && ANSWERED.contains(known) && command.getOutput() != null;
	}

	/** Whether the command may be answered locally: all its keys are cache data, it has no options. */
	private boolean answerable(CommandType type, List<byte[]> arguments) {
		return !arguments.isEmpty() && switch (type) {
			case GET -> arguments.size() == 1 && isCacheKey(arguments.get(0));
			case SET -> isPlainSet(arguments);
			case DEL, UNLINK, EXISTS -> arguments.stream().allMatch(this::isCacheKey);
			case EXPIRE, PEXPIRE -> arguments.size() == 2 && isCacheKey(arguments.get(0)) && isNumber(arguments.get(1));
			default -> false;
		};
	}

	// SET k v [EX|PX n]; SET k v EX 0 is an error in Redis ("invalid expire time"): never acknowledge it locally
	private boolean isPlainSet(List<byte[]> arguments) {
		return isCacheKey(arguments.get(0)) && (arguments.size() == 2 || (arguments.size() == 4
				&& Set.of("EX", "PX").contains(ascii(arguments.get(2)).toUpperCase(Locale.ROOT))
				&& isNumber(arguments.get(3)) && !ascii(arguments.get(3)).matches("0+")));
	}

	private boolean isCacheKey(byte[] key) {
		return pattern(key) != null;
	}

	private @Nullable String pattern(byte[] key) {
		String text = new String(key, StandardCharsets.ISO_8859_1);
		return this.patterns.stream()
			.filter((pattern) -> PatternMatchUtils.simpleMatch(pattern, text))
			.findFirst()
			.orElse(null);
	}

	/** Run an {@link #answerable} command on the local store and set its output. */
	@SuppressWarnings({ "rawtypes", "unchecked" })
	private void run(CommandType type, CommandOutput output, List<byte[]> arguments) {
		byte[] key = arguments.get(0);
		switch (type) {
			case GET -> {
				byte[] value = store().get(key);
				output.set((value != null) ? ByteBuffer.wrap(value) : null);
			}
			case SET -> {
				Duration ttl = (arguments.size() == 4)
						? ttl(ascii(arguments.get(2)).equalsIgnoreCase("EX"), arguments.get(3)) : null;
				journal(key);
				store().put(key, arguments.get(1), ttl);
				output.set(OK.duplicate());
			}
			case DEL, UNLINK -> {
				long removed = 0;
				for (byte[] each : arguments) {
					journal(each);
					removed += store().remove(each) ? 1 : 0;
				}
				output.set(removed);
			}
			case EXISTS -> output.set(arguments.stream().filter(store()::contains).count());
			case EXPIRE, PEXPIRE -> {
				Duration ttl = ttl(type == CommandType.EXPIRE, arguments.get(1));
				journal(key);
				output.set(store().expire(key, ttl) ? 1L : 0L);
			}
		}
	}

	private static Duration ttl(boolean seconds, byte[] amount) {
		long value = Long.parseLong(ascii(amount));
		return seconds ? Duration.ofSeconds(value) : Duration.ofMillis(value);
	}

	private void journal(byte[] key) {
		// every key the pattern matches is declared cache data: clearing by it is safe
		String pattern = pattern(key);
		this.fallback.getJournal()
			.recordKey("keys matching " + pattern, key,
					() -> scanPattern(pattern).getBytes(StandardCharsets.ISO_8859_1));
	}

	/**
	 * The SCAN MATCH pattern matching the keys a declared pattern matches, and no other:
	 * declared patterns only know {@code *}, while Redis also reads {@code ?}, {@code [...]}
	 * and {@code \} as glob syntax ({@code cat?log:*} would clear {@code catalog:1}).
	 */
	private static String scanPattern(String pattern) {
		return OutageJournal.globLiteral(pattern.replace("*", "\u0000")).replace("\u0000", "*");
	}

	private FallbackStore store() {
		return this.fallback.getStore();
	}

	private static boolean isNumber(byte[] value) {
		return NUMBER.matcher(ascii(value)).matches();
	}

	private static String ascii(byte[] value) {
		return new String(value, StandardCharsets.US_ASCII);
	}

}
