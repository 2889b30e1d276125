package io.github.resilientredis.resilience;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

import io.netty.util.concurrent.DefaultThreadFactory;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import io.github.resilientredis.resilience.InFlightCommands.CommandKind;

/**
 * Opens the breaker guarding a connection when Redis has not answered that connection's
 * oldest plain command for {@code hang-threshold} (a SIGSTOPped or frozen server), well
 * before the command timeout. Waits that are on purpose do not count: a blocking command
 * (and what is queued behind it on its connection), and every connection of a breaker
 * while the application runs a script or function there. Before opening, an independent
 * {@link HangProbe} must fail to get an answer too.
 * <p>
 * Time is measured on the detector's own ticks: a tick that runs late means the JVM was
 * paused (GC) or starved, and that window counts as one interval only, so an application
 * pause never makes Redis look hung. The waiting commands are never completed here; they
 * end at their own timeout or with Redis' answer.
 */
public final class HangDetector implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(HangDetector.class);

	private static final long MAX_INTERVAL = TimeUnit.MILLISECONDS.toNanos(100);

	private static final long MIN_INTERVAL = TimeUnit.MILLISECONDS.toNanos(10);

	private static final long MAX_PROBE_DEADLINE = TimeUnit.MILLISECONDS.toNanos(250);

	private final long thresholdNanos;

	private final long intervalNanos;

	private final long probeDeadlineNanos;

	private final @Nullable HangProbe probe;

	private final LongSupplier ticker;

	private final Set<InFlightCommands> tracked = ConcurrentHashMap.newKeySet();

	// read and written in tick() only

	private final Map<HangTarget, Probe> probes = new HashMap<>();

	private long lastTick;

	private long observed;

	private long lateTicks;

	private @Nullable ScheduledExecutorService executor;

	private boolean closed;

	/**
	 * Create a detector; {@link #start()} it.
	 * @param threshold how long Redis may leave a plain command unanswered
	 * ({@code redis.circuit-breaker.hang-threshold})
	 * @param probe the independent check before opening, or {@code null} to decide on
	 * the wait alone
	 */
	public HangDetector(Duration threshold, @Nullable HangProbe probe) {
		this(threshold, probe, System::nanoTime);
	}

	HangDetector(Duration threshold, @Nullable HangProbe probe, LongSupplier ticker) {
		if (threshold.isNegative() || threshold.isZero()) {
			throw new IllegalArgumentException("Hang threshold must be positive, was " + threshold);
		}
		this.thresholdNanos = threshold.toNanos();
		this.intervalNanos = Math.max(MIN_INTERVAL, Math.min(MAX_INTERVAL, this.thresholdNanos / 10));
		this.probeDeadlineNanos = Math.min(MAX_PROBE_DEADLINE, this.thresholdNanos / 4);
		this.probe = probe;
		this.ticker = ticker;
		this.lastTick = ticker.getAsLong();
	}

	/**
	 * The time between two checks.
	 * @return the interval
	 */
	public Duration getInterval() {
		return Duration.ofNanos(this.intervalNanos);
	}

	/**
	 * How many checks ran late (the JVM was paused or starved) and were not counted as
	 * waiting time.
	 * @return the number of late checks
	 */
	public synchronized long getLateTicks() {
		return this.lateTicks;
	}

	/**
	 * Start checking on a daemon thread (done by the first connection followed, if not
	 * before).
	 */
	public synchronized void start() {
		if (this.executor != null || this.closed) {
			return;
		}
		ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1,
				new DefaultThreadFactory("redis-hang-detector", true));
		this.lastTick = this.ticker.getAsLong();
		executor.scheduleWithFixedDelay(this::safeTick, this.intervalNanos, this.intervalNanos,
				TimeUnit.NANOSECONDS);
		this.executor = executor;
	}

	@Override
	public synchronized void close() {
		this.closed = true;
		if (this.executor != null) {
			this.executor.shutdownNow();
			this.executor = null;
		}
		this.probes.values().forEach(Probe::cancel);
		this.probes.clear();
		if (this.probe instanceof AutoCloseable closeable) {
			try {
				closeable.close();
			}
			catch (Exception ex) {
				logger.debug("Could not close the hang probe", ex);
			}
		}
	}

	/**
	 * Follow the commands of a new connection.
	 * @param target the breaker that guards it
	 * @return where the connection keeps its in-flight commands
	 */
	InFlightCommands track(HangTarget target) {
		InFlightCommands commands = new InFlightCommands(target);
		this.tracked.add(commands);
		start();
		return commands;
	}

	/**
	 * Stop following a closed connection.
	 * @param commands its in-flight commands
	 */
	void untrack(InFlightCommands commands) {
		this.tracked.remove(commands);
	}

	private void safeTick() {
		try {
			tick();
		}
		catch (RuntimeException ex) {
			logger.warn("Redis hang detection failed", ex);
		}
	}

	/**
	 * One check: advance the detector's clock, then judge every breaker's connections.
	 */
	synchronized void tick() {
		long now = this.ticker.getAsLong();
		long elapsed = now - this.lastTick;
		this.lastTick = now;
		if (elapsed > 2 * this.intervalNanos) {
			// paused (GC, safepoint) or starved: Redis' answers may be unread, count one interval
			this.lateTicks++;
			this.observed += this.intervalNanos;
		}
		else {
			this.observed += Math.max(0, elapsed);
		}
		Map<HangTarget, List<InFlightCommands>> byTarget = this.tracked.stream()
			.collect(Collectors.groupingBy(InFlightCommands::target, LinkedHashMap::new, Collectors.toList()));
		this.probes.entrySet().removeIf((probe) -> !byTarget.containsKey(probe.getKey()) && probe.getValue().cancel());
		byTarget.forEach(this::judge);
	}

	private void judge(HangTarget target, List<InFlightCommands> connections) {
		if (!target.isAdmitting() || connections.stream().anyMatch(InFlightCommands::hasScriptInFlight)) {
			// open already, or a script of the application's keeps Redis busy on purpose
			cancelProbe(target);
			restart(connections);
			return;
		}
		long longest = 0;
		GuardedCommand<?, ?, ?> waiting = null;
		for (InFlightCommands commands : connections) {
			GuardedCommand<?, ?, ?> head = commands.head();
			if (head != null && head.kind() != CommandKind.PLAIN) {
				// a blocking command holds its connection on purpose: nothing behind it counts
				head = null;
			}
			long waited = commands.observe(head, this.observed);
			if (head != null && waited >= longest) {
				longest = waited;
				waiting = head;
			}
		}
		if (waiting == null || longest < this.thresholdNanos - this.probeDeadlineNanos) {
			cancelProbe(target);
			return;
		}
		Probe pending = this.probes.get(target);
		if (pending == null) {
			CompletableFuture<?> ping = startProbe(target);
			if (ping != null) {
				this.probes.put(target, new Probe(ping, this.observed));
				return;
			}
		}
		else if (pending.answered()) {
			// Redis answers another connection: this one is slow for its own reasons
			logger.debug("Redis answered a PING while " + waiting.getType() + " waited " + seconds(longest)
					+ " s: not a hang");
			cancelProbe(target);
			restart(connections);
			return;
		}
		boolean probeSilent = pending == null || pending.failed()
				|| this.observed - pending.startedAt() >= this.probeDeadlineNanos;
		if (longest >= this.thresholdNanos && probeSilent) {
			target.open(new RedisHangException("Redis did not answer " + waiting.getType() + " for "
					+ seconds(longest) + " s (hang detected), nor a PING on another connection"));
			cancelProbe(target);
			restart(connections);
		}
	}

	private @Nullable CompletableFuture<?> startProbe(HangTarget target) {
		if (this.probe == null) {
			return null;
		}
		try {
			var ping = this.probe.ping(target);
			return (ping != null) ? ping.toCompletableFuture() : null;
		}
		catch (RuntimeException ex) {
			return CompletableFuture.failedFuture(ex);
		}
	}

	private void cancelProbe(HangTarget target) {
		Probe pending = this.probes.remove(target);
		if (pending != null) {
			pending.cancel();
		}
	}

	private void restart(List<InFlightCommands> connections) {
		for (InFlightCommands commands : connections) {
			commands.restart(this.observed);
		}
	}

	private static String seconds(long nanos) {
		return String.format(Locale.ROOT, "%.1f", nanos / 1e9);
	}

	private record Probe(CompletableFuture<?> ping, long startedAt) {

		boolean answered() {
			return this.ping.isDone() && !this.ping.isCompletedExceptionally();
		}

		boolean failed() {
			return this.ping.isCompletedExceptionally();
		}

		boolean cancel() {
			this.ping.cancel(false);
			return true;
		}

	}

}
