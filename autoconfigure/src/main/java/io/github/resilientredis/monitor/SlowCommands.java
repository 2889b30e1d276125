package io.github.resilientredis.monitor;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The recent slow commands of one node, slowest first, or why its slow log cannot be
 * read.
 *
 * @param commands the most recent slow-log entries, slowest first
 * @param unavailable why {@code SLOWLOG} could not be used (not permitted, renamed or
 * disabled), {@code null} when it could
 */
public record SlowCommands(List<SlowCommand> commands, @Nullable String unavailable) {

	/** Nothing read yet. */
	public static final SlowCommands NONE = new SlowCommands(List.of(), null);

}
