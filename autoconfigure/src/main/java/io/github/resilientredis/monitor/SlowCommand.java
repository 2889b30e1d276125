package io.github.resilientredis.monitor;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One entry of a node's {@code SLOWLOG}, reduced to what is safe to show: the command
 * name (with the subcommand of container commands such as {@code CONFIG GET}), never an
 * argument.
 *
 * @param node the node that logged the command
 * @param id the slow-log entry id, unique per node until its slow log is reset
 * @param at when the command ran
 * @param duration how long the server executed it
 * @param command the command name, upper case
 * @param clientAddress the caller's address, {@code null} when the server does not say
 * @param clientName the caller's client name, {@code null} when it has none
 */
public record SlowCommand(NodeAddress node, long id, Instant at, Duration duration, String command,
		@Nullable String clientAddress, @Nullable String clientName) {
}
