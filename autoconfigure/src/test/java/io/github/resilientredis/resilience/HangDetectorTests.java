package io.github.resilientredis.resilience;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreaker.State;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.StatusOutput;
import io.lettuce.core.protocol.Command;
import io.lettuce.core.protocol.CommandType;
import org.junit.jupiter.api.Test;

import io.github.resilientredis.resilience.InFlightCommands.CommandKind;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of {@link HangDetector}'s judgement, on a clock the test moves: what counts as
 * waiting, what a late tick (a paused JVM) does, and when the probe vetoes. No thread and
 * no Redis: commands are only listed in flight, never sent.
 */
class HangDetectorTests {

	private static final Duration THRESHOLD = Duration.ofSeconds(1);

	private final CircuitBreaker breaker = CircuitBreaker.ofDefaults("redis");

	private final UnavailabilityTracker tracker = new UnavailabilityTracker();

	private final CircuitBreakerCommandGuard guard = new CircuitBreakerCommandGuard(this.breaker, null, this.tracker,
			Clock.systemUTC(), List.of(), null);

	private final HangTarget target = new HangTarget(this.breaker, this.tracker);

	private final List<CompletableFuture<Object>> pings = new ArrayList<>();

	private long now;

	private HangDetector detector(HangProbe probe) {
		return new HangDetector(THRESHOLD, probe, () -> this.now);
	}

	private CompletableFuture<Object> silentProbe(HangTarget target) {
		CompletableFuture<Object> ping = new CompletableFuture<>();
		this.pings.add(ping);
		return ping;
	}

	private GuardedCommand<String, String, String> write(InFlightCommands connection, CommandType type,
			CommandKind kind, Duration blockTime) {
		return new GuardedCommand<>(new Command<>(type, new StatusOutput<>(StringCodec.UTF8)),
				this.guard.getRouter().base(), blockTime, kind, connection);
	}

	private GuardedCommand<String, String, String> write(InFlightCommands connection) {
		return write(connection, CommandType.GET, CommandKind.PLAIN, Duration.ZERO);
	}

	/** Ticks on schedule for the given time; returns how long it took the breaker to open, or -1. */
	private long runOnSchedule(HangDetector detector, Duration duration) {
		long step = detector.getInterval().toNanos();
		for (long elapsed = step; elapsed <= duration.toNanos(); elapsed += step) {
			this.now += step;
			detector.tick();
			if (this.breaker.getState() == State.OPEN) {
				return TimeUnit.NANOSECONDS.toMillis(elapsed);
			}
		}
		return -1;
	}

	@Test
	void plainCommandUnansweredWhenProbeSilentShouldOpenTheBreakerAfterTheThreshold() {
		HangDetector detector = detector(this::silentProbe);
		write(detector.track(this.target));
		long openedAfter = runOnSchedule(detector, Duration.ofSeconds(3));
		assertThat(openedAfter).isBetween(THRESHOLD.toMillis(), THRESHOLD.toMillis() + 200);
		// counted from the first check that saw it waiting
		assertThat(this.tracker.getLastFailure()).containsPattern("Redis did not answer GET for 1\\.[01] s \\(hang detected\\)");
		assertThat(this.pings).hasSize(1);
		assertThat(this.pings.get(0)).as("the probe is given up").isCancelled();
	}

	@Test
	void plainCommandUnansweredWhenProbeFailsShouldOpenTheBreaker() {
		HangDetector detector = detector((target) -> CompletableFuture.failedFuture(new RedisConnectionException("x")));
		write(detector.track(this.target));
		assertThat(runOnSchedule(detector, Duration.ofSeconds(3))).isBetween(THRESHOLD.toMillis(),
				THRESHOLD.toMillis() + 200);
	}

	@Test
	void plainCommandUnansweredWhenProbeAnsweredShouldLeaveTheBreakerClosed() {
		HangDetector detector = detector((target) -> CompletableFuture.completedFuture("PONG"));
		write(detector.track(this.target));
		assertThat(runOnSchedule(detector, Duration.ofSeconds(5))).isEqualTo(-1);
		assertThat(this.breaker.getState()).isEqualTo(State.CLOSED);
	}

	@Test
	void commandAnsweredBeforeTheThresholdShouldLeaveTheBreakerClosed() {
		HangDetector detector = detector(this::silentProbe);
		InFlightCommands connection = detector.track(this.target);
		for (int i = 0; i < 30; i++) {
			GuardedCommand<String, String, String> command = write(connection);
			runOnSchedule(detector, Duration.ofMillis(500));
			command.complete();
		}
		assertThat(this.breaker.getState()).isEqualTo(State.CLOSED);
		// the same command left unanswered is a hang: the test above could fail
		write(connection);
		assertThat(runOnSchedule(detector, Duration.ofSeconds(3))).isPositive();
	}

	@Test
	void lateTicksWhenTheJvmIsPausedShouldNotCountAsWaiting() {
		HangDetector detector = detector(this::silentProbe);
		InFlightCommands connection = detector.track(this.target);
		for (int pause = 0; pause < 5; pause++) {
			GuardedCommand<String, String, String> command = write(connection);
			runOnSchedule(detector, Duration.ofMillis(700));
			// a 3 s pause (GC, safepoint): Redis' answer sits unread in the socket meanwhile
			this.now += TimeUnit.SECONDS.toNanos(3);
			detector.tick();
			// the event loop reads it soon after the pause
			runOnSchedule(detector, Duration.ofMillis(100));
			command.complete();
		}
		assertThat(this.breaker.getState()).isEqualTo(State.CLOSED);
		assertThat(detector.getLateTicks()).isEqualTo(5);
		// the same wait on schedule is a hang: the test above could fail
		write(connection);
		runOnSchedule(detector, Duration.ofMillis(700));
		assertThat(runOnSchedule(detector, Duration.ofSeconds(3))).isPositive();
	}

	@Test
	void blockingCommandAndWhatWaitsBehindItShouldNotCount() {
		HangDetector detector = detector(this::silentProbe);
		InFlightCommands connection = detector.track(this.target);
		write(connection, CommandType.BLPOP, CommandKind.PLAIN, Duration.ofSeconds(30));
		write(connection);
		assertThat(runOnSchedule(detector, Duration.ofSeconds(5))).isEqualTo(-1);
	}

	@Test
	void scriptInFlightShouldSuspendDetectionOnEveryConnectionOfTheBreaker() {
		HangDetector detector = detector(this::silentProbe);
		InFlightCommands scripting = detector.track(this.target);
		InFlightCommands other = detector.track(this.target);
		GuardedCommand<String, String, String> script = write(scripting, CommandType.EVAL, CommandKind.SCRIPT,
				Duration.ZERO);
		write(other);
		assertThat(runOnSchedule(detector, Duration.ofSeconds(5))).isEqualTo(-1);
		script.complete();
		// the script ended but GET still gets no answer: now it is a hang
		assertThat(runOnSchedule(detector, Duration.ofSeconds(2))).isPositive();
	}

	@Test
	void bufferedCommandsOfAPipelineShouldNotCountUntilFlushed() {
		HangDetector detector = detector(this::silentProbe);
		InFlightCommands connection = detector.track(this.target);
		connection.setBuffering(true);
		write(connection);
		assertThat(runOnSchedule(detector, Duration.ofSeconds(3))).isEqualTo(-1);
		// flushed and still unanswered: now it is a hang
		connection.setBuffering(false);
		assertThat(runOnSchedule(detector, Duration.ofSeconds(3))).isPositive();
	}

	@Test
	void withoutProbeShouldOpenOnTheWaitAlone() {
		HangDetector detector = detector((target) -> null);
		write(detector.track(this.target));
		assertThat(runOnSchedule(detector, Duration.ofSeconds(3))).isBetween(THRESHOLD.toMillis(),
				THRESHOLD.toMillis() + 200);
	}

	@Test
	void breakersShouldBeJudgedApart() {
		CircuitBreaker otherBreaker = CircuitBreaker.ofDefaults("node-2");
		HangDetector detector = detector(this::silentProbe);
		write(detector.track(new HangTarget(otherBreaker, this.tracker)));
		InFlightCommands scripting = detector.track(this.target);
		write(scripting, CommandType.EVAL, CommandKind.SCRIPT, Duration.ZERO);
		runOnSchedule(detector, Duration.ofSeconds(3));
		assertThat(otherBreaker.getState()).isEqualTo(State.OPEN);
		assertThat(this.breaker.getState()).isEqualTo(State.CLOSED);
	}

}
