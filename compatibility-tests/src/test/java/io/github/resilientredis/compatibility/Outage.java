package io.github.resilientredis.compatibility;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.awaitility.core.ThrowingRunnable;

import org.springframework.dao.DataAccessException;

import io.github.resilientredis.resilience.RedisUnavailableException;
import io.github.resilientredis.test.RedisServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/**
 * Kills and restarts the Redis of a compatibility case and checks how calls fail in between:
 * with a {@link DataAccessException} in both variants and, in the starter's once its breaker
 * is open, with a {@link RedisUnavailableException} well under the 2 s command timeout.
 */
final class Outage {

	/** Upper bound of a refusal by the open breaker: far below the 2 s command timeout. */
	private static final Duration FAIL_FAST = Duration.ofMillis(500);

	private static final Duration BREAKER_OPENS_WITHIN = Duration.ofSeconds(30);

	private static final Duration RECOVERY_WITHIN = Duration.ofSeconds(45);

	/** How long a recovery probe must keep passing: about ten probes. */
	private static final Duration STABLE_FOR = Duration.ofSeconds(1);

	private Outage() {
	}

	/**
	 * A server that keeps every acknowledged write across {@code kill()} and {@code restart()}.
	 * @return the builder of an append-only server that fsyncs every write
	 */
	static RedisServer.Builder durableRedis() {
		return RedisServer.builder().arg("--appendonly", "yes", "--appendfsync", "always");
	}

	/**
	 * Kill Redis. In the {@link Variant#STARTER} variant, call {@code probe} until the open
	 * breaker refuses it, then check that one more refusal is fast; every call before that
	 * must fail too, with a {@link DataAccessException}. Stock Spring Boot has no breaker to
	 * wait for.
	 * @param variant the variant under test
	 * @param server the server to kill
	 * @param probe a call that must fail while Redis is down
	 */
	static void begin(Variant variant, RedisServer server, ThrowingCallable probe) {
		server.kill();
		if (variant == Variant.STARTER) {
			await("the breaker to refuse the probe").atMost(BREAKER_OPENS_WITHIN)
				.pollInSameThread()
				.pollInterval(Duration.ofMillis(50))
				.until(() -> {
					Throwable failure = catchThrowable(probe);
					// an answer, or another kind of failure, fails the test at once
					assertDataAccessFailure(failure);
					return causes(failure).anyMatch(RedisUnavailableException.class::isInstance);
				});
			assertFailsFast(probe);
		}
	}

	/**
	 * Check a call refused by the open breaker: a {@link RedisUnavailableException} (possibly
	 * wrapped by the library) in under {@link #FAIL_FAST}.
	 * @param call the call
	 */
	static void assertFailsFast(ThrowingCallable call) {
		long start = System.nanoTime();
		Throwable failure = catchThrowable(call);
		Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
		assertThat(causes(failure)).as("causes of the failure while the breaker is open")
			.anyMatch(RedisUnavailableException.class::isInstance);
		assertThat(elapsed).as("time to refuse a call while the breaker is open").isLessThan(FAIL_FAST);
	}

	/**
	 * Run calls that must each fail while Redis is down, {@link #concurrently all at once},
	 * and check that each failed with a {@link DataAccessException} (possibly wrapped by the
	 * library): never an answer.
	 * @param calls the calls
	 */
	static void failures(ThrowingCallable... calls) {
		List<Throwable> failures = concurrently(
				Stream.of(calls).<Supplier<Throwable>>map((call) -> () -> catchThrowable(call)).toList());
		for (int i = 0; i < failures.size(); i++) {
			assertDataAccessFailure(failures.get(i), "call #" + (i + 1) + " made while Redis is down");
		}
	}

	/**
	 * Run calls all at once, each on its own thread: while Redis is down stock Spring Boot
	 * takes the whole command timeout for each.
	 * @param <T> the result type
	 * @param calls the calls
	 * @return their results, in order
	 */
	static <T> List<T> concurrently(List<Supplier<T>> calls) {
		ExecutorService executor = Executors.newFixedThreadPool(calls.size());
		try {
			List<CompletableFuture<T>> results = calls.stream()
				.map((call) -> CompletableFuture.supplyAsync(call, executor))
				.toList();
			return results.stream().map(CompletableFuture::join).toList();
		}
		finally {
			executor.shutdownNow();
		}
	}

	/**
	 * Check that a failure seen while Redis is down is, or wraps, a {@link DataAccessException}.
	 * @param failure the failure, {@code null} when the call succeeded
	 */
	static void assertDataAccessFailure(Throwable failure) {
		assertDataAccessFailure(failure, "a call made while Redis is down");
	}

	private static void assertDataAccessFailure(Throwable failure, String call) {
		assertThat(failure).as("failure of %s (none: it was answered)", call).isNotNull();
		assertThat(causes(failure)).as("causes of the failure of %s: %s", call, failure)
			.anyMatch(DataAccessException.class::isInstance);
	}

	/**
	 * Restart Redis on the same port (the append-only file brings back every acknowledged
	 * write) and {@link #awaitRecovery wait until the application is back}.
	 * @param server the server
	 * @param probe a call, or assertions, that pass once the application reaches Redis again
	 */
	static void end(RedisServer server, ThrowingRunnable probe) {
		server.restart();
		awaitRecovery(probe);
	}

	/**
	 * Wait until {@code probe} has passed without interruption for {@link #STABLE_FOR}: a
	 * breaker that lets a few trial calls through (half-open) before it closes is not back yet.
	 * @param probe a call, or assertions, that pass once the application reaches Redis again
	 */
	static void awaitRecovery(ThrowingRunnable probe) {
		await("the application to reach Redis again").atMost(RECOVERY_WITHIN)
			.pollInSameThread()
			.pollInterval(Duration.ofMillis(100))
			.during(STABLE_FOR)
			.ignoreExceptions()
			.untilAsserted(probe);
	}

	/**
	 * A failure and its causes.
	 * @param failure the failure, or {@code null}
	 * @return the failure followed by its causes, empty for {@code null}
	 */
	static Stream<Throwable> causes(Throwable failure) {
		return Stream.iterate(failure, Objects::nonNull, Throwable::getCause);
	}

}
