package io.github.resilientredis.resilience;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.lang.reflect.UndeclaredThrowableException;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreaker.State;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.connection.RedisClusterConnection;
import org.springframework.data.redis.connection.RedisConnection;

import io.github.resilientredis.connection.ConnectionInterceptor;
import io.github.resilientredis.fallback.KeyValueCommand;
import io.github.resilientredis.fallback.LocalFallback;

/**
 * Puts every Redis command behind one circuit breaker: the connection handed out is a
 * proxy that acquires the real connection lazily, asks the breaker for permission before
 * each command, records the outcome (with its duration, so slow calls count), and lets
 * the {@link LocalFallback} answer cache and key-value commands while Redis is
 * unavailable.
 * <p>
 * Pipelines and transactions: {@code openPipeline} and {@code multi} are guarded like
 * commands (they fail fast while the breaker is open and are never answered locally);
 * commands queued inside a pipeline or transaction pass through without accounting; the
 * round trip ({@code closePipeline}, {@code exec}, {@code discard}) is recorded as one
 * call.
 */
public final class CircuitBreakerConnectionInterceptor implements ConnectionInterceptor {

	private static final Log logger = LogFactory.getLog(CircuitBreakerConnectionInterceptor.class);

	private final CircuitBreaker breaker;

	private final @Nullable LocalFallback fallback;

	private final UnavailabilityTracker tracker;

	private final Clock clock;

	private volatile @Nullable Instant openSince;

	/**
	 * Breaker state last observed. Transitions are observed by polling rather than through
	 * the breaker's event publisher: registering a consumer there makes the breaker
	 * allocate an event (with a timestamp) on every successful call.
	 */
	private final AtomicReference<State> lastState;

	/**
	 * Create an interceptor.
	 * @param breaker the circuit breaker (its configuration decides which failures count,
	 * see {@link RedisUnavailability})
	 * @param fallback the local fallback, or {@code null} when disabled
	 * @param tracker records unavailability failures
	 * @param clock the clock
	 */
	public CircuitBreakerConnectionInterceptor(CircuitBreaker breaker, @Nullable LocalFallback fallback,
			UnavailabilityTracker tracker, Clock clock) {
		this.breaker = breaker;
		this.fallback = fallback;
		this.tracker = tracker;
		this.clock = clock;
		this.lastState = new AtomicReference<>(breaker.getState());
	}

	@Override
	public RedisConnection intercept(Supplier<RedisConnection> acquire) {
		return proxy(RedisConnection.class, new GuardedConnection(this, acquire::get));
	}

	@Override
	public RedisClusterConnection interceptCluster(Supplier<RedisClusterConnection> acquire) {
		return proxy(RedisClusterConnection.class, new GuardedConnection(this, acquire::get));
	}

	/**
	 * The circuit breaker.
	 * @return the breaker
	 */
	public CircuitBreaker getCircuitBreaker() {
		return this.breaker;
	}

	@SuppressWarnings("unchecked")
	static <T> T proxy(Class<T> type, java.lang.reflect.InvocationHandler handler) {
		return (T) Proxy.newProxyInstance(CircuitBreakerConnectionInterceptor.class.getClassLoader(),
				new Class<?>[] { type }, handler);
	}

	/**
	 * Run one command: local answer while the fallback serves, fail fast while the
	 * breaker refuses, else call Redis and record the outcome.
	 */
	@Nullable Object call(Method method, @Nullable Object[] args, boolean localAllowed, TargetResolver target)
			throws Throwable {
		KeyValueCommand command = localAllowed ? localCommand(method, args) : null;
		if (command != null && this.fallback.isActive()) {
			LocalFallback.Served served = this.fallback.serveIfActive(command, args);
			if (served != null) {
				return served.value();
			}
		}
		if (!this.breaker.tryAcquirePermission()) {
			return refused(method, args, command);
		}
		long start = System.nanoTime();
		try {
			Object result = method.invoke(target.resolve(), args);
			this.breaker.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
			if (this.lastState.get() != State.CLOSED || this.breaker.getState() != State.CLOSED) {
				observeBreakerState();
			}
			return result;
		}
		catch (InvocationTargetException ex) {
			return failed(method, args, command, ex.getCause(), System.nanoTime() - start);
		}
		catch (RuntimeException ex) {
			// acquiring the connection failed
			return failed(method, args, command, ex, System.nanoTime() - start);
		}
	}

	private @Nullable KeyValueCommand localCommand(Method method, @Nullable Object[] args) {
		if (this.fallback == null || args == null) {
			return null;
		}
		KeyValueCommand command = KeyValueCommand.of(method);
		return (command != null && command.canServe(args)) ? command : null;
	}

	private @Nullable Object refused(Method method, @Nullable Object[] args, @Nullable KeyValueCommand command) {
		observeBreakerState();
		if (command != null) {
			LocalFallback.Served served = serveLocally(reason(), command, args);
			if (served != null) {
				return served.value();
			}
		}
		throw RedisUnavailableException.breakerOpen(this.breaker.getName(), this.breaker.getState().name(),
				this.openSince, this.tracker.getLastFailure(), method.getName());
	}

	private @Nullable Object failed(Method method, @Nullable Object[] args, @Nullable KeyValueCommand command,
			Throwable failure, long durationNanos) throws Throwable {
		this.breaker.onError(durationNanos, TimeUnit.NANOSECONDS, failure);
		if (!RedisUnavailability.isUnavailability(failure)) {
			throw failure;
		}
		String description = this.tracker.record(failure);
		observeBreakerState();
		if (this.fallback != null) {
			this.fallback.activate(description);
			if (command != null) {
				LocalFallback.Served served = serveLocally(description, command, args);
				if (served != null) {
					return served.value();
				}
			}
		}
		throw failure;
	}

	/**
	 * Activate the fallback and serve the command from it. The recovery thread may switch
	 * the fallback off between the two steps (its probe reached Redis while this command
	 * failed, as after a CLIENT KILL); this command did fail, so it is served locally and
	 * journaled all the same, and the recovery thread replays it on its next round.
	 */
	private LocalFallback.@Nullable Served serveLocally(String cause, KeyValueCommand command,
			@Nullable Object[] args) {
		for (int attempt = 0; attempt < 3; attempt++) {
			this.fallback.activate(cause);
			LocalFallback.Served served = this.fallback.serveIfActive(command, args);
			if (served != null) {
				return served;
			}
		}
		return null;
	}

	private String reason() {
		String lastFailure = this.tracker.getLastFailure();
		return "circuit breaker '" + this.breaker.getName() + "' is " + this.breaker.getState()
				+ ((lastFailure != null) ? ", last failure: " + lastFailure : "");
	}

	/**
	 * Log a breaker transition once and activate the fallback when the breaker opened.
	 * Called on failures, refusals, successes outside CLOSED, and periodically by the
	 * recovery probe.
	 */
	public void observeBreakerState() {
		State to = this.breaker.getState();
		State from = this.lastState.getAndSet(to);
		if (from != to) {
			onStateTransition(from, to);
		}
	}

	private void onStateTransition(State from, State to) {
		if (to == State.OPEN || to == State.FORCED_OPEN) {
			if (from == State.CLOSED || from == State.FORCED_OPEN || from == State.DISABLED
					|| from == State.METRICS_ONLY || this.openSince == null) {
				this.openSince = this.clock.instant();
				logger.warn("Redis circuit breaker '" + this.breaker.getName() + "' opened (" + from + " -> " + to
						+ "): commands without a local fallback now fail fast; " + lastFailureText());
			}
			else if (logger.isDebugEnabled()) {
				logger.debug("Redis circuit breaker '" + this.breaker.getName() + "' " + from + " -> " + to);
			}
			if (this.fallback != null) {
				this.fallback.activate(reason());
			}
		}
		else if (to == State.CLOSED) {
			this.openSince = null;
			logger.info("Redis circuit breaker '" + this.breaker.getName() + "' closed (" + from + " -> " + to
					+ "): commands go to Redis again");
		}
		else if (logger.isDebugEnabled()) {
			logger.debug("Redis circuit breaker '" + this.breaker.getName() + "' " + from + " -> " + to);
		}
	}

	private String lastFailureText() {
		String lastFailure = this.tracker.getLastFailure();
		return "last failure: " + ((lastFailure != null) ? lastFailure : "unknown");
	}

	/**
	 * Resolves the object a command method is invoked on.
	 */
	@FunctionalInterface
	interface TargetResolver {

		Object resolve();

	}

	static RuntimeException rethrowable(Throwable failure) {
		if (failure instanceof RuntimeException runtime) {
			return runtime;
		}
		if (failure instanceof Error error) {
			throw error;
		}
		return new UndeclaredThrowableException(failure);
	}

}
