package io.github.resilientredis.monitor;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.event.connection.ConnectionActivatedEvent;
import io.lettuce.core.event.connection.DisconnectedEvent;
import io.lettuce.core.event.connection.ReconnectAttemptEvent;
import io.lettuce.core.event.connection.ReconnectFailedEvent;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ReconnectTrackerTests {

	private static final SocketAddress LOCAL = new InetSocketAddress("127.0.0.1", 50000);

	private static final SocketAddress REMOTE = new InetSocketAddress("127.0.0.1", 6390);

	private final MutableClock clock = new MutableClock();

	private final EventHistory history = new EventHistory(100, this.clock);

	private final AtomicInteger resets = new AtomicInteger();

	private final ConnectionResetter resetter = new ConnectionResetter(this.resets::incrementAndGet, this.history,
			Clock.systemUTC());

	@Test
	void onEventWhenAttemptsReachThresholdShouldBeStuck() {
		ReconnectTracker tracker = new ReconnectTracker(3, Duration.ofMinutes(1), null, this.history, this.clock);
		disconnectAndFail(tracker, 2);
		assertThat(tracker.isStuck()).isFalse();
		disconnectAndFail(tracker, 3);
		assertThat(tracker.isStuck()).isTrue();
		assertThat(tracker.getCurrentAttempts()).isEqualTo(3);
		assertThat(tracker.getEndpoints()).singleElement().satisfies((endpoint) -> {
			assertThat(endpoint.lastFailure()).contains("Connection refused");
			assertThat(endpoint.disconnectedSince()).isNotNull();
		});
		assertThat(this.resets).hasValue(0);
	}

	@Test
	void checkWhenDisconnectedLongerThanStuckAfterShouldBeStuck() {
		ReconnectTracker tracker = new ReconnectTracker(100, Duration.ofSeconds(30), null, this.history, this.clock);
		disconnectAndFail(tracker, 1);
		tracker.check();
		assertThat(tracker.isStuck()).isFalse();
		this.clock.advance(Duration.ofSeconds(30));
		tracker.check();
		assertThat(tracker.isStuck()).isTrue();
	}

	@Test
	void onEventWhenStuckAndAutoResetShouldResetOnceAndCount() {
		ReconnectTracker tracker = new ReconnectTracker(2, Duration.ofMinutes(1), this.resetter, this.history,
				this.clock);
		disconnectAndFail(tracker, 5);
		tracker.check();
		await().untilAsserted(() -> assertThat(this.resets).hasValue(1));
		assertThat(tracker.getAutoResets()).isEqualTo(1);
		assertThat(this.resetter.getResets()).isEqualTo(1);
		assertThat(this.history.getEvents()).extracting(RedisEvent::type).contains(RedisEvent.Type.STUCK);
	}

	@Test
	void onEventWhenReconnectedShouldClearStuckAndMeasureRecovery() {
		ReconnectTracker tracker = new ReconnectTracker(2, Duration.ofMinutes(1), null, this.history, this.clock);
		disconnectAndFail(tracker, 3);
		assertThat(tracker.isStuck()).isTrue();
		this.clock.advance(Duration.ofSeconds(4));
		tracker.onEvent(new ConnectionActivatedEvent(LOCAL, REMOTE));
		assertThat(tracker.isStuck()).isFalse();
		assertThat(tracker.getCurrentAttempts()).isZero();
		assertThat(tracker.getSuccessfulReconnections()).isEqualTo(1);
		assertThat(tracker.getAverageRecoveryTime()).isEqualTo(Duration.ofSeconds(4));
		assertThat(tracker.getTotalAttempts()).isEqualTo(3);
		assertThat(this.history.getEvents()).extracting(RedisEvent::type)
			.contains(RedisEvent.Type.DISCONNECTED, RedisEvent.Type.RECONNECT_ATTEMPT, RedisEvent.Type.STUCK,
					RedisEvent.Type.RECOVERED, RedisEvent.Type.CONNECTED);
	}

	@Test
	void onEventWhenManyAttemptsShouldRecordOnlyPowersOfTwo() {
		ReconnectTracker tracker = new ReconnectTracker(1000, Duration.ofHours(1), null, this.history, this.clock);
		disconnectAndFail(tracker, 100);
		assertThat(this.history.getEvents()).filteredOn((event) -> event.type() == RedisEvent.Type.RECONNECT_ATTEMPT)
			.hasSize(7);
	}

	private void disconnectAndFail(ReconnectTracker tracker, int attempts) {
		tracker.onEvent(new DisconnectedEvent(LOCAL, REMOTE));
		for (int attempt = tracker.getCurrentAttempts() + 1; attempt <= attempts; attempt++) {
			tracker.onEvent(new ReconnectAttemptEvent(LOCAL, REMOTE, attempt));
			tracker.onEvent(new ReconnectFailedEvent(LOCAL, REMOTE,
					new RedisConnectionException("Connection refused: /127.0.0.1:6390"), attempt));
		}
	}

}
