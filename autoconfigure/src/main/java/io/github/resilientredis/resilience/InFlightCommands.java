package io.github.resilientredis.resilience;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

/**
 * The commands one guarded connection wrote and Redis has not answered yet, oldest first,
 * so that the {@link HangDetector} can tell how long the connection has waited. Lettuce's
 * own queue ({@code CommandHandler.getStack()}) is confined to the channel's event loop,
 * so it cannot be read from the detector's thread.
 */
final class InFlightCommands {

	private final Queue<GuardedCommand<?, ?, ?>> commands = new ConcurrentLinkedQueue<>();

	private final AtomicInteger scripts = new AtomicInteger();

	private final HangTarget target;

	/** Whether commands are buffered until the application flushes them (a pipeline). */
	private volatile boolean buffering;

	// read and written by the detector's thread only

	private @Nullable GuardedCommand<?, ?, ?> observedHead;

	private long observedSince;

	InFlightCommands(HangTarget target) {
		this.target = target;
	}

	HangTarget target() {
		return this.target;
	}

	void add(GuardedCommand<?, ?, ?> command) {
		if (command.kind() == CommandKind.SCRIPT) {
			this.scripts.incrementAndGet();
		}
		this.commands.add(command);
	}

	void remove(GuardedCommand<?, ?, ?> command) {
		// answers come in order: the command is almost always the head
		if (this.commands.remove(command) && command.kind() == CommandKind.SCRIPT) {
			this.scripts.decrementAndGet();
		}
	}

	void setBuffering(boolean buffering) {
		this.buffering = buffering;
	}

	/**
	 * The oldest command Redis has not answered, or {@code null} when none or while the
	 * application buffers commands it has not flushed yet.
	 */
	@Nullable GuardedCommand<?, ?, ?> head() {
		return this.buffering ? null : this.commands.peek();
	}

	boolean hasScriptInFlight() {
		return this.scripts.get() > 0;
	}

	/**
	 * Note the head seen at a tick of the detector's clock and return for how long it has
	 * been the head (0 for a new head).
	 */
	long observe(@Nullable GuardedCommand<?, ?, ?> head, long now) {
		if (head != this.observedHead) {
			this.observedHead = head;
			this.observedSince = now;
		}
		return now - this.observedSince;
	}

	/**
	 * Start counting the current head's wait afresh from {@code now}.
	 */
	void restart(long now) {
		this.observedSince = now;
	}

	/**
	 * What a written command is to hang detection.
	 */
	enum CommandKind {

		/** Answered at once by a healthy server: a long wait for it is a hang. */
		PLAIN,

		/** Blocks on the server on purpose (BLPOP, XREAD BLOCK...): the connection waits. */
		BLOCKING,

		/** Runs a script or function: Redis serves nobody else until it ends. */
		SCRIPT

	}

}
