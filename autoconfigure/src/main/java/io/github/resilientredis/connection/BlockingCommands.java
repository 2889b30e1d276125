package io.github.resilientredis.connection;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.protocol.CommandType;
import io.lettuce.core.protocol.ProtocolKeyword;
import io.lettuce.core.protocol.RedisCommand;
import org.jspecify.annotations.Nullable;

/**
 * Knows the commands that block on the server on purpose (BLPOP, BRPOP, BRPOPLPUSH,
 * BLMOVE, BLMPOP, BZPOPMIN, BZPOPMAX, BZMPOP, XREAD and XREADGROUP with BLOCK, WAIT,
 * WAITAOF) and how long each may block, so that their timeout is the block time plus the
 * command timeout and their duration is not taken for slowness.
 */
public final class BlockingCommands {

	/** How long a command blocks: {@link #FOREVER} for a block time of 0. */
	private static final Duration FOREVER = Duration.ofMillis(Long.MAX_VALUE);

	private BlockingCommands() {
	}

	/**
	 * How long the command may block on the server.
	 * @param command the command
	 * @return the block time, {@link Duration#ZERO} for a command that does not block,
	 * or a duration of {@code Long.MAX_VALUE} milliseconds for one that blocks until
	 * something arrives
	 */
	public static Duration blockTime(RedisCommand<?, ?, ?> command) {
		ProtocolKeyword type = command.getType();
		if (type instanceof CommandType known) {
			return switch (known) {
				case BLPOP, BRPOP, BRPOPLPUSH, BLMOVE, BZPOPMIN, BZPOPMAX -> blockTime(last(arguments(command)), 1000);
				case BLMPOP, BZMPOP -> blockTime(first(arguments(command)), 1000);
				case WAIT -> blockTime(last(arguments(command)), 1);
				case XREAD, XREADGROUP -> blockTime(after(arguments(command), "BLOCK"), 1);
				default -> Duration.ZERO;
			};
		}
		// commands Lettuce has no constant for (WAITAOF on older versions) arrive by name
		return (type != null && "WAITAOF".equalsIgnoreCase(type.toString())) ? blockTime(last(arguments(command)), 1)
				: Duration.ZERO;
	}

	/**
	 * The timeout source for Lettuce's {@link TimeoutOptions}: the command timeout for
	 * every command, plus the block time for a blocking one; no timeout for a command
	 * that blocks until something arrives (its block time is 0).
	 * @param commandTimeout the command timeout
	 * @return the timeout source
	 */
	public static TimeoutOptions.TimeoutSource timeoutSource(Duration commandTimeout) {
		long timeoutMillis = commandTimeout.toMillis();
		return new TimeoutOptions.TimeoutSource() {

			@Override
			public long getTimeout(RedisCommand<?, ?, ?> command) {
				Duration block = blockTime(command);
				if (block.isZero()) {
					return timeoutMillis;
				}
				return (block == FOREVER) ? -1 : block.toMillis() + timeoutMillis;
			}

		};
	}

	// 0 (or less) blocks until something arrives; a value that is no number does not block
	private static Duration blockTime(@Nullable String value, int millisPerUnit) {
		if (value == null) {
			return Duration.ZERO;
		}
		try {
			double millis = Double.parseDouble(value) * millisPerUnit;
			return (millis <= 0) ? FOREVER : Duration.ofMillis(Math.max(1, Math.round(millis)));
		}
		catch (NumberFormatException ex) {
			return Duration.ZERO;
		}
	}

	private static @Nullable String first(List<String> arguments) {
		return arguments.isEmpty() ? null : arguments.get(0);
	}

	private static @Nullable String last(List<String> arguments) {
		return arguments.isEmpty() ? null : arguments.get(arguments.size() - 1);
	}

	private static @Nullable String after(List<String> arguments, String option) {
		for (int i = 0; i < arguments.size() - 1; i++) {
			String argument = arguments.get(i);
			if (argument.equalsIgnoreCase("STREAMS")) {
				return null;
			}
			if (argument.equalsIgnoreCase(option)) {
				return arguments.get(i + 1);
			}
		}
		return null;
	}

	/** The arguments as sent; keys and values are not needed, only short ASCII ones are kept. */
	private static List<String> arguments(RedisCommand<?, ?, ?> command) {
		return CommandArguments.of(command)
			.stream()
			.map((bytes) -> (bytes.length <= 32) ? new String(bytes, StandardCharsets.US_ASCII) : "")
			.toList();
	}

}
