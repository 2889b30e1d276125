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
	 * for no automatic reset
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

	/**
	 * Follow the events of a Lettuce event bus.
	 * @param eventBus the client resources' event bus
	 */
	public synchronized void subscribe(EventBus eventBus) {
		this.subscription = eventBus.get().subscribe(this::onEvent);
	}

	/**
	 * Handle one Lettuce event.
	 * @param event the event
	 */
	public void onEvent(Event event) {
		if (!(event instanceof ConnectionEvent connectionEvent)) {
			return;
		}
		String endpoint = endpoint(connectionEvent.remoteAddress());
		Instant now = this.clock.instant();
		List<RedisEvent> recorded = new ArrayList<>();
		synchronized (this) {
			Endpoint state = this.endpoints.computeIfAbsent(endpoint, (key) -> new Endpoint());
			if (event instanceof ConnectionActivatedEvent) {
				if (state.outageSince != null) {
					Duration outage = Duration.between(state.outageSince, now);
					this.recoveries.incrementAndGet();
					this.recoveryMillis.addAndGet(outage.toMillis());
					if (state.stuck) {
						logger.info("Redis endpoint " + endpoint + " reconnected after " + outage
								+ "; no longer stuck");
						recorded.add(new RedisEvent(now, RedisEvent.Type.RECOVERED,
								endpoint + " reconnected after " + outage));
					}
				}
				state.clear();
				recorded.add(new RedisEvent(now, RedisEvent.Type.CONNECTED, endpoint));
			}
			else if (event instanceof DisconnectedEvent) {
				state.disconnectedAt = now;
				recorded.add(new RedisEvent(now, RedisEvent.Type.DISCONNECTED, endpoint));
			}
			else if (event instanceof ReconnectAttemptEvent attempt) {
				if (state.outageSince == null) {
					state.outageSince = (state.disconnectedAt != null) ? state.disconnectedAt : now;
				}
				state.attempts = Math.max(state.attempts + 1, attempt.getAttempt());
				this.totalAttempts.incrementAndGet();
				if (Integer.bitCount(attempt.getAttempt()) == 1) {
					recorded.add(new RedisEvent(now, RedisEvent.Type.RECONNECT_ATTEMPT,
							endpoint + " attempt " + attempt.getAttempt() + " (delay " + attempt.getDelay() + ")"));
				}
			}
			else if (event instanceof ReconnectFailedEvent failed) {
				state.lastFailure = Redaction.describe(failed.getCause());
				state.lastFailureAt = now;
				if (Integer.bitCount(failed.getAttempt()) == 1) {
					recorded.add(new RedisEvent(now, RedisEvent.Type.RECONNECT_FAILED,
							endpoint + " attempt " + failed.getAttempt() + ": " + state.lastFailure));
				}
			}
		}
		recorded.forEach((e) -> this.history.record(e.type(), e.detail()));
		check();
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

	/**
	 * Re-evaluate the stuck state (an outage becomes stuck by time passing); called
	 * periodically and after every event.
	 */
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

	/**
	 * The state of every endpoint seen.
	 * @return one status per endpoint
	 */
	public synchronized List<EndpointStatus> getEndpoints() {
		List<EndpointStatus> result = new ArrayList<>();
		this.endpoints.forEach((endpoint, state) -> result.add(new EndpointStatus(endpoint, state.attempts,
				state.outageSince, state.lastFailure, state.lastFailureAt, state.stuck)));
		return result;
	}

	/**
	 * Whether any endpoint is stuck.
	 * @return {@code true} when stuck
	 */
	public synchronized boolean isStuck() {
		return this.endpoints.values().stream().anyMatch((state) -> state.stuck);
	}

	/**
	 * Reconnect attempts in the current outages.
	 * @return the sum of attempts of all endpoints currently unreachable
	 */
	public synchronized int getCurrentAttempts() {
		return this.endpoints.values().stream().mapToInt((state) -> state.attempts).sum();
	}

	/**
	 * Reconnect attempts since start.
	 * @return the attempt count
	 */
	public long getTotalAttempts() {
		return this.totalAttempts.get();
	}

	/**
	 * Outages that ended with a successful reconnect.
	 * @return the recovery count
	 */
	public long getSuccessfulReconnections() {
		return this.recoveries.get();
	}

	/**
	 * Mean time from losing an endpoint to reconnecting to it.
	 * @return the average, or {@code null} before the first recovery
	 */
	public @Nullable Duration getAverageRecoveryTime() {
		long count = this.recoveries.get();
		return (count > 0) ? Duration.ofMillis(this.recoveryMillis.get() / count) : null;
	}

	/**
	 * Automatic resets triggered by a stuck endpoint.
	 * @return the automatic reset count
	 */
	public long getAutoResets() {
		return this.autoResets.get();
	}

	/**
	 * Whether stuck endpoints are reset automatically.
	 * @return {@code true} when auto-reset is on
	 */
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
	 * Reconnect state of one endpoint.
	 *
	 * @param endpoint the remote address
	 * @param attempts reconnect attempts in the current outage
	 * @param disconnectedSince start of the current outage, {@code null} when connected
	 * @param lastFailure last reconnect failure, {@code null} when none
	 * @param lastFailureAt when it happened
	 * @param stuck whether the endpoint is stuck
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

		void clear() {
			this.attempts = 0;
			this.disconnectedAt = null;
			this.outageSince = null;
			this.stuck = false;
		}

	}

}
