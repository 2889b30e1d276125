package io.github.resilientredis.monitor;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.github.resilientredis.diagnostics.Redaction;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Runs the periodic monitoring tasks (sampling, stuck check, leak check) on one daemon
 * thread, so monitoring never keeps the JVM alive and never runs on application threads.
 */
public class MonitorScheduler implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(MonitorScheduler.class);

	private static final Duration FIRST_RUN_AFTER = Duration.ofSeconds(1);

	private final List<Consumer<ScheduledExecutorService>> tasks = new ArrayList<>();

	private @Nullable ScheduledExecutorService executor;

	/**
	 * Add a task; effective on {@link #start()}.
	 * @param name name for logs
	 * @param interval time between runs
	 * @param task the task
	 * @return this scheduler
	 */
	public synchronized MonitorScheduler add(String name, Duration interval, Runnable task) {
		if (interval.isNegative() || interval.isZero()) {
			throw new IllegalArgumentException("Interval of " + name + " must be positive, was " + interval);
		}
		long millis = interval.toMillis();
		// first run soon (meters and health have figures early), not a whole interval later
		this.tasks.add((executor) -> executor.scheduleWithFixedDelay(() -> run(name, task),
				Math.min(millis, FIRST_RUN_AFTER.toMillis()), millis, TimeUnit.MILLISECONDS));
		return this;
	}

	/** Start running the tasks. */
	public synchronized void start() {
		if (this.executor != null || this.tasks.isEmpty()) {
			return;
		}
		ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1,
				new DefaultThreadFactory("redis-monitor", true));
		executor.setRemoveOnCancelPolicy(true);
		this.tasks.forEach((task) -> task.accept(executor));
		this.executor = executor;
	}

	private static void run(String name, Runnable task) {
		try {
			task.run();
		}
		catch (RuntimeException ex) {
			logger.warn("Redis monitoring task '" + name + "' failed: " + Redaction.describe(ex));
		}
	}

	/** Whether the tasks are running (after {@link #start()}). */
	public synchronized boolean isRunning() {
		return this.executor != null;
	}

	@Override
	public synchronized void close() {
		if (this.executor != null) {
			this.executor.shutdownNow();
			this.executor = null;
		}
	}

}
