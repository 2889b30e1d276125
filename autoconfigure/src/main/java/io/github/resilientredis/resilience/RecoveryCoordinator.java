package io.github.resilientredis.resilience;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreaker.State;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.cache.BatchStrategies;
import org.springframework.data.redis.cache.BatchStrategy;
import org.springframework.data.redis.connection.RedisConnection;

import io.github.resilientredis.diagnostics.Redaction;
import io.github.resilientredis.diagnostics.RedisUnavailability;
import io.github.resilientredis.fallback.LocalFallback;
import io.github.resilientredis.fallback.OutageJournal;
import io.github.resilientredis.fallback.ResilienceListener;

/**
 * Brings cache traffic back to Redis after an outage without stale reads: when the
 * fallback switches on and when the circuit breaker moves to half-open or closed, a
 * single daemon thread takes a breaker permission, pings Redis around the breaker,
 * replays the outage journal as invalidations ({@code DEL} of journaled cache keys,
 * SCAN+DEL of cleared caches), and under the fallback's write lock replays late entries,
 * drops every local entry, switches the fallback off and closes the breaker.
 * <p>
 * Driven by events: nothing runs while Redis is healthy, and while the breaker is open
 * the next attempt waits for Resilience4j's own transition to half-open. Only an attempt
 * that could not proceed while the breaker is not open (half-open permits in use, a
 * failed replay, a cluster shard still down, a breaker without automatic half-open) is
 * retried after the probe interval.
 */
public final class RecoveryCoordinator implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(RecoveryCoordinator.class);

	private static final BatchStrategy CLEAN = BatchStrategies.scan(1000);

	private final LocalFallback fallback;

	private final CircuitBreaker breaker;

	private final RecoveryAccess access;

	private final UnavailabilityTracker tracker;

	private final Iterable<ResilienceListener> listeners;

	private final Duration probeInterval;

	/** In a Redis Cluster: whether every master serving slots may be tried; {@code null} otherwise. */
	private final @Nullable BooleanSupplier clusterReady;

	private final AtomicLong replays = new AtomicLong();

	private final TriggeredTask attempts = new TriggeredTask("redis-recovery", this::probe);

	private volatile boolean lastAttemptFailed;

	/**
	 * Create a coordinator (call {@link #start()}). In a Redis Cluster it attempts a
	 * recovery only once no master serving slots has its own breaker open, and a failed
	 * attempt neither resets the connections (the healthy shards' commands in flight would
	 * fail) nor touches {@code breaker}, which guards only connections to nodes without slots:
	 * the masters' breakers follow the application's own commands.
	 * @param fallback the local fallback
	 * @param breaker the circuit breaker
	 * @param access access to Redis around the breaker
	 * @param tracker records unavailability failures
	 * @param listeners told about deactivation and replay failures (iterated at each event)
	 * @param probeInterval the delay before an attempt that could not proceed is tried again
	 * @param clusterReady whether every master serving slots may be tried again, or
	 * {@code null} outside a cluster
	 */
	public RecoveryCoordinator(LocalFallback fallback, CircuitBreaker breaker, RecoveryAccess access,
			UnavailabilityTracker tracker, Iterable<ResilienceListener> listeners, Duration probeInterval,
			@Nullable BooleanSupplier clusterReady) {
		this.clusterReady = clusterReady;
		this.fallback = fallback;
		this.breaker = breaker;
		this.access = access;
		this.tracker = tracker;
		this.listeners = listeners;
		this.probeInterval = probeInterval;
		// the fallback follows the breaker: open means cache data is answered locally until
		// a recovery has replayed the journal; half-open or closed means it may be tried
		breaker.getEventPublisher().onStateTransition((event) -> {
			State to = event.getStateTransition().getToState();
			if (GuardedBreaker.isOpen(to)) {
				String lastFailure = tracker.getLastFailure();
				fallback.activate("circuit breaker '" + breaker.getName() + "' is " + to
						+ ((lastFailure != null) ? ", last failure: " + lastFailure : ""));
			}
			else {
				this.attempts.trigger(Duration.ZERO);
			}
		});
		fallback.onActivation(() -> this.attempts.trigger(Duration.ZERO));
	}

	/**
	 * Attempt a recovery if the fallback is already active (it normally is not yet).
	 */
	public void start() {
		if (this.fallback.isActive()) {
			this.attempts.trigger(Duration.ZERO);
		}
	}

	@Override
	public void close() {
		this.attempts.close();
	}

	/**
	 * Journal replays done since start.
	 * @return the replay count
	 */
	public long getReplays() {
		return this.replays.get();
	}

	/**
	 * One probe: attempt a recovery when the fallback serves and the breaker permits a
	 * call; try again later unless the breaker's move to half-open will ask.
	 */
	void probe() {
		if (!this.fallback.isActive()) {
			return;
		}
		try {
			// a shard whose master is down (and not yet replaced) would fail the replay anyway
			boolean ready = this.clusterReady == null || this.clusterReady.getAsBoolean();
			if (ready && this.breaker.tryAcquirePermission() && attemptRecovery()) {
				return;
			}
		}
		catch (RuntimeException ex) {
			logger.error("Redis recovery probe failed unexpectedly", ex);
		}
		if (this.breaker.getState() != State.OPEN
				|| !this.breaker.getCircuitBreakerConfig().isAutomaticTransitionFromOpenToHalfOpenEnabled()) {
			this.attempts.trigger(this.probeInterval);
		}
	}

	/**
	 * Try to switch back to Redis now (the caller holds a breaker permission).
	 * @return whether traffic is back on Redis
	 */
	private boolean attemptRecovery() {
		long start = System.nanoTime();
		OutageJournal journal = this.fallback.getJournal();
		OutageJournal.Batch batch = null;
		int[] counts = new int[2];
		boolean reachable = false;
		try {
			ping();
			reachable = true;
			batch = journal.drain();
			replay(batch, counts);
			batch = null;
			Duration outage = this.fallback.deactivate(() -> {
				replay(journal.drain(), counts);
				// close before switching: a refused call would otherwise re-activate the fallback
				this.breaker.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
				if (this.breaker.getState() != State.CLOSED) {
					this.breaker.transitionToClosedState();
				}
			});
			this.replays.incrementAndGet();
			this.lastAttemptFailed = false;
			logger.info("Redis is back: invalidated " + counts[0] + " cache keys and cleared " + counts[1]
					+ " caches journaled during the outage, dropped the local entries; traffic goes to Redis again after "
					+ outage.toMillis() + " ms of fallback");
			notifyListeners((listener) -> listener.fallbackDeactivated(counts[0], counts[1], outage));
			return true;
		}
		catch (RuntimeException ex) {
			if (batch != null) {
				journal.restore(batch);
			}
			failed(ex, System.nanoTime() - start, reachable);
			return false;
		}
	}

	private void ping() {
		try {
			this.access.withConnection(RedisConnection::ping);
		}
		catch (RuntimeException ex) {
			if (!RedisUnavailability.isUnavailability(ex) || this.clusterReady != null) {
				throw ex;
			}
			// the shared connection may be waiting in its reconnect backoff: connect afresh
			this.access.resetConnections();
			this.access.withConnection(RedisConnection::ping);
		}
	}

	private void replay(OutageJournal.Batch batch, int[] counts) {
		if (batch.isEmpty()) {
			return;
		}
		try {
			this.access.withConnection((connection) -> {
				List<byte[]> keys = batch.keys();
				for (int from = 0; from < keys.size(); from += 500) {
					List<byte[]> chunk = keys.subList(from, Math.min(keys.size(), from + 500));
					connection.keyCommands().del(chunk.toArray(new byte[0][]));
				}
				for (Map.Entry<String, byte[]> cache : batch.cachesToClear().entrySet()) {
					CLEAN.cleanCache(connection, cache.getKey(), cache.getValue());
				}
			});
		}
		catch (RuntimeException ex) {
			this.fallback.getJournal().restore(batch);
			throw ex;
		}
		counts[0] += batch.keys().size();
		counts[1] += batch.cachesToClear().size();
	}

	private void failed(RuntimeException ex, long durationNanos, boolean reachable) {
		String description = Redaction.describe(ex);
		if (RedisUnavailability.isUnavailability(ex)) {
			this.tracker.record(ex);
		}
		State state = this.breaker.getState();
		boolean unreachable = !reachable && RedisUnavailability.isUnavailability(ex);
		if (this.clusterReady != null) {
			// a shard still down: the masters' own breakers follow it, the fallback keeps serving
			this.breaker.releasePermission();
		}
		else if (state == State.HALF_OPEN || (state == State.CLOSED && unreachable)) {
			// the fallback already serves and a deliberate ping failed: open at once (commands
			// without fallback fail fast); the randomized wait spreads each instance's next probe
			this.breaker.transitionToOpenState();
		}
		else {
			this.breaker.onError(durationNanos, TimeUnit.NANOSECONDS, ex);
		}
		if (!this.lastAttemptFailed && logger.isDebugEnabled()) {
			logger.debug("Redis recovery attempt failed, the fallback keeps serving: " + description);
		}
		this.lastAttemptFailed = true;
		if (reachable) {
			notifyListeners((listener) -> listener.journalReplayFailed(description));
		}
	}

	private void notifyListeners(Consumer<ResilienceListener> event) {
		for (ResilienceListener listener : this.listeners) {
			try {
				event.accept(listener);
			}
			catch (RuntimeException ex) {
				logger.warn("ResilienceListener " + listener + " failed", ex);
			}
		}
	}

}
