package io.github.resilientredis.monitor;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

import io.github.resilientredis.diagnostics.Redaction;
import io.lettuce.core.event.Event;
import io.lettuce.core.event.EventBus;
import io.lettuce.core.event.connection.ConnectionActivatedEvent;
import io.lettuce.core.event.connection.ConnectionEvent;
import io.lettuce.core.event.connection.DisconnectedEvent;
import io.lettuce.core.event.connection.ReconnectAttemptEvent;
import io.lettuce.core.event.connection.ReconnectFailedEvent;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;

/**
 * Follows Lettuce's connection events per Redis endpoint: reconnect attempts, since when
 * an endpoint is unreachable, the last failure, successful recoveries. Reports the client
 * as stuck when attempts or the outage pass their thresholds and optionally resets the
 * connections then. Hand-written because Lettuce publishes each attempt and failure but
 * keeps no per-endpoint outage state and has no notion of being stuck.
 */
public class ReconnectTracker implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(ReconnectTracker.class);

	private final int stuckAttempts;

	private final Duration stuckAfter;

	private final @Nullable ConnectionResetter autoReset;

	private final EventHistory history;

	private final Clock clock;

	private final Map<String, Endpoint> endpoints = new LinkedHashMap<>();

	private final AtomicLong totalAttempts = new AtomicLong();

	private final AtomicLong recoveries = new AtomicLong();

	private final AtomicLong recoveryMillis = new AtomicLong();

	private final AtomicLong autoResets = new AtomicLong();

	private @Nullable Disposable subscription;

	/**
	 * Create a tracker; call {@link #subscribe(EventBus)} to feed it.
	 * @param stuckAttempts attempts from which an endpoint is stuck
	 * @param stuckAfter outage duration from which an endpoint is stuck
	 * @param autoReset resets connections when an endpoint becomes stuck, or {@code null}
	 * @param history where events are recorded
	 * @param clock the clock
	 */
	public ReconnectTracker(int stuckAttempts, Duration stuckAfter, @Nullable ConnectionResetter autoReset,
			EventHistory history, Clock clock) {
		this.stuckAttempts = stuckAttempts;
		this.stuckAfter = stuckAfter;
		this.autoReset = autoReset;
		this.history = history;
		this.clock = clock;
	}

	public synchronized void subscribe(EventBus eventBus) {
		this.subscription = eventBus.get().subscribe(this::onEvent);
	}

	public void onEvent(Event event) {
		if (!(event instanceof ConnectionEvent connectionEvent)) {
			return;
		}
		String endpoint = endpoint(connectionEvent.remoteAddress());
		Instant now = this.clock.instant();
		synchronized (this) {
			Endpoint state = this.endpoints.computeIfAbsent(endpoint, (key) -> new Endpoint());
			if (event instanceof ConnectionActivatedEvent) {
				if (state.outageSince != null) {
					Duration outage = Duration.between(state.outageSince, now);
					this.recoveries.incrementAndGet();
					this.recoveryMillis.addAndGet(outage.toMillis());
					if (state.stuck) {
						logger.info(
								"Redis endpoint " + endpoint + " reconnected after " + outage + "; no longer stuck");
						this.history.record(RedisEvent.Type.RECOVERED, endpoint + " reconnected after " + outage);
					}
				}
				state.attempts = 0;
				state.disconnectedAt = null;
				state.outageSince = null;
				state.stuck = false;
				this.history.record(RedisEvent.Type.CONNECTED, endpoint);
			}
			else if (event instanceof DisconnectedEvent) {
				state.disconnectedAt = now;
				this.history.record(RedisEvent.Type.DISCONNECTED, endpoint);
			}
			else if (event instanceof ReconnectAttemptEvent attempt) {
				if (state.outageSince == null) {
					state.outageSince = (state.disconnectedAt != null) ? state.disconnectedAt : now;
				}
				state.attempts = Math.max(state.attempts + 1, attempt.getAttempt());
				this.totalAttempts.incrementAndGet();
				recordPowerOfTwo(attempt.getAttempt(), RedisEvent.Type.RECONNECT_ATTEMPT,
						endpoint + " attempt " + attempt.getAttempt() + " (delay " + attempt.getDelay() + ")");
			}
			else if (event instanceof ReconnectFailedEvent failed) {
				state.lastFailure = Redaction.describe(failed.getCause());
				state.lastFailureAt = now;
				recordPowerOfTwo(failed.getAttempt(), RedisEvent.Type.RECONNECT_FAILED,
						endpoint + " attempt " + failed.getAttempt() + ": " + state.lastFailure);
			}
		}
		check();
	}

	// attempts 1, 2, 4, 8, ... only: a long outage must not flood the history
	private void recordPowerOfTwo(int attempt, RedisEvent.Type type, String detail) {
		if (Integer.bitCount(attempt) == 1) {
			this.history.record(type, detail);
		}
	}

	private static String endpoint(@Nullable SocketAddress address) {
		// channel addresses print as "host/ip:port" or "/ip:port"; key on ip:port so the
		// events of every connection to one server meet
		if (address instanceof InetSocketAddress inet) {
			return ((inet.getAddress() != null) ? inet.getAddress().getHostAddress() : inet.getHostString()) + ":"
					+ inet.getPort();
		}
		return String.valueOf(address);
	}

	/** Re-evaluate the stuck state (an outage becomes stuck by time passing as well). */
	public void check() {
		Instant now = this.clock.instant();
		List<String> newlyStuck = new ArrayList<>();
		synchronized (this) {
			this.endpoints.forEach((endpoint, state) -> {
				if (!state.stuck && state.outageSince != null && (state.attempts >= this.stuckAttempts
						|| !Duration.between(state.outageSince, now).minus(this.stuckAfter).isNegative())) {
					state.stuck = true;
					newlyStuck.add(endpoint + " unreachable since " + state.outageSince + " after " + state.attempts
							+ " reconnect attempts (last failure: " + state.lastFailure + ")");
				}
			});
		}
		for (String description : newlyStuck) {
			logger.warn("Redis client stuck reconnecting: " + description + " (thresholds redis.reconnect.stuck-attempts="
					+ this.stuckAttempts + ", redis.reconnect.stuck-after=" + this.stuckAfter + ")"
					+ ((this.autoReset != null) ? "; resetting connections" : "; set redis.reconnect.auto-reset=true "
							+ "to reset connections automatically, or use the reset operation of /actuator/redis"));
			this.history.record(RedisEvent.Type.STUCK, description);
			if (this.autoReset != null) {
				this.autoResets.incrementAndGet();
				ConnectionResetter resetter = this.autoReset;
				// never close connections on Lettuce's event thread
				CompletableFuture.runAsync(() -> resetter.reset("automatic reset: stuck reconnecting to " + description));
			}
		}
	}

	public synchronized List<EndpointStatus> getEndpoints() {
		return this.endpoints.entrySet().stream().map((entry) -> entry.getValue().status(entry.getKey())).toList();
	}

	public synchronized boolean isStuck() {
		return this.endpoints.values().stream().anyMatch((state) -> state.stuck);
	}

	/** Reconnect attempts of the endpoints currently unreachable. */
	public synchronized int getCurrentAttempts() {
		return this.endpoints.values().stream().mapToInt((state) -> state.attempts).sum();
	}

	public long getTotalAttempts() {
		return this.totalAttempts.get();
	}

	/** Outages that ended with a successful reconnect. */
	public long getSuccessfulReconnections() {
		return this.recoveries.get();
	}

	/** Mean time from losing an endpoint to reconnecting to it, {@code null} before a recovery. */
	public @Nullable Duration getAverageRecoveryTime() {
		long count = this.recoveries.get();
		return (count > 0) ? Duration.ofMillis(this.recoveryMillis.get() / count) : null;
	}

	/** Automatic resets triggered by a stuck endpoint. */
	public long getAutoResets() {
		return this.autoResets.get();
	}

	public boolean isAutoResetEnabled() {
		return this.autoReset != null;
	}

	@Override
	public synchronized void close() {
		if (this.subscription != null) {
			this.subscription.dispose();
		}
	}

	/**
	 * Reconnect state of one endpoint: attempts and start of the current outage
	 * ({@code null} when connected), the last failure ({@code null} when none).
	 */
	public record EndpointStatus(String endpoint, int attempts, @Nullable Instant disconnectedSince,
			@Nullable String lastFailure, @Nullable Instant lastFailureAt, boolean stuck) {
	}

	private static final class Endpoint {

		private int attempts;

		private @Nullable Instant disconnectedAt;

		private @Nullable Instant outageSince;

		private @Nullable String lastFailure;

		private @Nullable Instant lastFailureAt;

		private boolean stuck;

		EndpointStatus status(String endpoint) {
			return new EndpointStatus(endpoint, this.attempts, this.outageSince, this.lastFailure, this.lastFailureAt,
					this.stuck);
		}

	}

}
