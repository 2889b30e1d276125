package io.github.resilientredis.resilience;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;

import org.jspecify.annotations.Nullable;

/**
 * The commands one guarded connection wrote and Redis has not answered yet, oldest first,
 * so that the {@link HangDetector} can tell how long the connection has waited. Lettuce's
 * own queue ({@code CommandHandler.getStack()}) is confined to the channel's event loop,
 * so it cannot be read from the detector's thread; a {@code ConcurrentLinkedQueue} would
 * allocate a node and contend on its tail for every command, so each command takes a
 * sequence number and a slot of a ring instead (one atomic add when written, two ordered
 * stores when answered), and the detector's thread alone scans for
 * the oldest unanswered one. A pipeline longer than the ring is followed from its last
 * {@value #SLOTS} commands.
 */
final class InFlightCommands {

	static final int SLOTS = 1024;

	private static final int MASK = SLOTS - 1;

	private final AtomicLong written = new AtomicLong();

	/** The command written with each sequence number, until it ended ({@code null} then). */
	private final AtomicReferenceArray<@Nullable GuardedCommand<?, ?, ?>> slots = new AtomicReferenceArray<>(SLOTS);

	/** The sequence number of the command that last ended in each slot. */
	private final AtomicLongArray ended = new AtomicLongArray(SLOTS);

	private final AtomicInteger scripts = new AtomicInteger();

	/** The breaker of the node the connection talks to. */
	private volatile HangTarget target;

	/** Whether commands are buffered until the application flushes them (a pipeline). */
	private volatile boolean buffering;

	// read and written by the detector's thread only

	/** No command before this sequence number is in flight. */
	private long oldest;

	private @Nullable GuardedCommand<?, ?, ?> observedHead;

	private long observedSince;

	InFlightCommands(HangTarget target) {
		this.target = target;
		for (int i = 0; i < SLOTS; i++) {
			this.ended.lazySet(i, -1);
		}
	}

	HangTarget target() {
		return this.target;
	}

	void target(HangTarget target) {
		this.target = target;
	}

	/** The sequence number of the next command written. */
	long nextSequence() {
		return this.written.getAndIncrement();
	}

	/** List a command just written, with the sequence number it took. */
	void add(GuardedCommand<?, ?, ?> command) {
		if (command.kind() == CommandKind.SCRIPT) {
			this.scripts.incrementAndGet();
		}
		this.slots.lazySet(slot(command.sequence()), command);
	}

	/** The command ended: answered, failed, timed out or cancelled. */
	void remove(GuardedCommand<?, ?, ?> command) {
		int slot = slot(command.sequence());
		// ordered stores, no fence: the detector reads the slot first, then whether it ended
		this.ended.lazySet(slot, command.sequence());
		if (this.slots.get(slot) == command) {
			this.slots.lazySet(slot, null);
		}
		if (command.kind() == CommandKind.SCRIPT && command.endScriptOnce()) {
			this.scripts.decrementAndGet();
		}
	}

	void setBuffering(boolean buffering) {
		this.buffering = buffering;
	}

	/**
	 * The oldest command Redis has not answered, or {@code null} when none or while the
	 * application buffers commands it has not flushed yet (detector's thread only).
	 */
	@Nullable GuardedCommand<?, ?, ?> head() {
		if (this.buffering) {
			return null;
		}
		long next = this.written.get();
		this.oldest = Math.max(this.oldest, next - SLOTS);
		for (; this.oldest < next; this.oldest++) {
			int slot = slot(this.oldest);
			GuardedCommand<?, ?, ?> command = this.slots.get(slot);
			if (this.ended.get(slot) == this.oldest) {
				continue;
			}
			// null: written a moment ago and not stored yet, or stored over by a later command
			return (command != null && command.sequence() == this.oldest) ? command : null;
		}
		return null;
	}

	private static int slot(long sequence) {
		return (int) sequence & MASK;
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

	/** Start counting the current head's wait afresh from {@code now}. */
	void restart(long now) {
		this.observedSince = now;
	}

	/** What a written command is to hang detection. */
	enum CommandKind {

		/** Answered at once by a healthy server: a long wait for it is a hang. */
		PLAIN,

		/** Blocks on the server on purpose (BLPOP, XREAD BLOCK...): the connection waits. */
		BLOCKING,

		/** Runs a script or function: Redis serves nobody else until it ends. */
		SCRIPT

	}

}
