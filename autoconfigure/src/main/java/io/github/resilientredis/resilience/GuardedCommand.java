package io.github.resilientredis.resilience;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

import io.lettuce.core.output.CommandOutput;
import io.lettuce.core.protocol.CommandWrapper;
import io.lettuce.core.protocol.RedisCommand;
import org.jspecify.annotations.Nullable;

import io.github.resilientredis.resilience.InFlightCommands.CommandKind;

/**
 * A command written with its breaker's permission: records its outcome once, when Redis
 * answered, when it failed or timed out, or gives the permission back when it was
 * cancelled.
 */
final class GuardedCommand<K, V, T> extends CommandWrapper<K, V, T> {

	@SuppressWarnings("rawtypes")
	private static final AtomicIntegerFieldUpdater<GuardedCommand> SCRIPT_ENDED = AtomicIntegerFieldUpdater
		.newUpdater(GuardedCommand.class, "scriptEnded");

	private final GuardedBreaker breaker;

	private final long start = System.nanoTime();

	private final long blockNanos;

	private final CommandKind kind;

	private final @Nullable InFlightCommands inFlight;

	/** The command's sequence number among its connection's in-flight commands. */
	private final long sequence;

	/** 1 once a script's end was counted (scripts only: the count must not drift). */
	private volatile int scriptEnded;

	/**
	 * Create a command that is also listed among its connection's in-flight commands
	 * until it ends (for hang detection).
	 */
	GuardedCommand(RedisCommand<K, V, T> command, GuardedBreaker breaker, Duration blockTime, CommandKind kind,
			@Nullable InFlightCommands inFlight) {
		super(command);
		this.breaker = breaker;
		this.blockNanos = blockTime.isZero() ? 0 : saturatedNanos(blockTime);
		this.kind = blockTime.isZero() ? kind : CommandKind.BLOCKING;
		this.inFlight = inFlight;
		this.sequence = (inFlight != null) ? inFlight.nextSequence() : -1;
		if (inFlight != null) {
			inFlight.add(this);
		}
	}

	long sequence() {
		return this.sequence;
	}

	/** Whether this is the first end of a script (counted once even if ended twice). */
	boolean endScriptOnce() {
		return SCRIPT_ENDED.compareAndSet(this, 0, 1);
	}

	CommandKind kind() {
		return this.kind;
	}

	/** The command is no longer in flight: answered, failed, timed out or cancelled. */
	void ended() {
		if (this.inFlight != null) {
			this.inFlight.remove(this);
		}
	}

	@Override
	protected void doOnComplete() {
		ended();
		CommandOutput<K, V, T> output = getOutput();
		this.breaker.answered(duration(), (output != null) ? output.getError() : null);
	}

	@Override
	protected void doOnError(Throwable throwable) {
		ended();
		if (throwable instanceof CancellationException) {
			this.breaker.breaker().releasePermission();
		}
		else {
			this.breaker.failed(duration(), throwable);
		}
	}

	/** How long the command took, less the time it may block on the server on purpose. */
	private long duration() {
		long elapsed = System.nanoTime() - this.start;
		return (this.blockNanos > 0) ? Math.max(0, elapsed - this.blockNanos) : elapsed;
	}

	private static long saturatedNanos(Duration duration) {
		try {
			return duration.toNanos();
		}
		catch (ArithmeticException ex) {
			return Long.MAX_VALUE;
		}
	}

}
