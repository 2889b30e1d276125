package io.github.resilientredis.resilience;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.netty.util.concurrent.DefaultThreadFactory;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * A task run on its own daemon thread when an event asks for it, never on a timer of its
 * own: at most one run is pending, so a trigger while one is pending is covered by it, and
 * the thread is created at the first trigger. The task asks for its next run itself when
 * it has to try again. Hand-written because a {@code ScheduledExecutorService} alone
 * neither coalesces triggers nor starts its thread lazily.
 */
final class TriggeredTask implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(TriggeredTask.class);

	private final String threadName;

	private final Runnable task;

	private final AtomicBoolean pending = new AtomicBoolean();

	private @Nullable ScheduledExecutorService executor;

	private boolean closed;

	TriggeredTask(String threadName, Runnable task) {
		this.threadName = threadName;
		this.task = task;
	}

	/** Run the task after {@code delay}, unless a run is pending already. */
	void trigger(Duration delay) {
		if (!this.pending.compareAndSet(false, true)) {
			return;
		}
		try {
			executor().schedule(this::run, delay.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (RejectedExecutionException ex) {
			// closed
		}
	}

	boolean isPending() {
		return this.pending.get();
	}

	private void run() {
		this.pending.set(false);
		try {
			this.task.run();
		}
		catch (RuntimeException ex) {
			logger.error("Task on " + this.threadName + " failed unexpectedly", ex);
		}
	}

	private synchronized ScheduledExecutorService executor() {
		if (this.closed) {
			throw new RejectedExecutionException(this.threadName + " is closed");
		}
		if (this.executor == null) {
			this.executor = Executors.newSingleThreadScheduledExecutor(new DefaultThreadFactory(this.threadName, true));
		}
		return this.executor;
	}

	@Override
	public synchronized void close() {
		this.closed = true;
		if (this.executor != null) {
			this.executor.shutdownNow();
		}
	}

}
