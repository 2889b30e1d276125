package io.github.resilientredis.monitor;

import java.time.Duration;
import java.util.List;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class EventHistoryTests {

	@Test
	void recordWhenFullShouldKeepNewestLast() {
		EventHistory history = new EventHistory(100);
		for (int i = 1; i <= 150; i++) {
			history.record(RedisEvent.Type.CONNECTED, "event " + i);
		}
		List<RedisEvent> events = history.getEvents();
		assertThat(events).hasSize(100);
		assertThat(events.get(0).detail()).isEqualTo("event 51");
		assertThat(events.get(99).detail()).isEqualTo("event 150");
	}

	@Test
	void recordWhenConcurrentShouldStayCapped() throws InterruptedException {
		EventHistory history = new EventHistory(100);
		List<Thread> threads = new java.util.ArrayList<>();
		for (int t = 0; t < 4; t++) {
			Thread thread = new Thread(() -> {
				for (int i = 0; i < 1000; i++) {
					history.record(RedisEvent.Type.RECONNECT_ATTEMPT, "x");
				}
			});
			threads.add(thread);
			thread.start();
		}
		for (Thread thread : threads) {
			thread.join();
		}
		assertThat(history.getEvents()).hasSize(100).doesNotContainNull();
	}

	@Test
	void recordWhenDetailHasCredentialedUrlShouldMaskIt() {
		EventHistory history = new EventHistory(10);
		history.record(RedisEvent.Type.DISCONNECTED, "lost redis://app:s3cret@cache:6379/0");
		assertThat(history.getEvents().get(0).detail()).isEqualTo("lost redis://****@cache:6379/0");
	}

	@Test
	void resilienceCallbacksShouldBeRecorded() {
		EventHistory history = new EventHistory(10);
		history.fallbackActivated("connection refused");
		history.journalReplayFailed("timeout");
		history.fallbackDeactivated(3, 1, Duration.ofSeconds(7));
		assertThat(history.getEvents()).extracting(RedisEvent::type)
			.containsExactly(RedisEvent.Type.FALLBACK_ACTIVATED, RedisEvent.Type.JOURNAL_REPLAY_FAILED,
					RedisEvent.Type.FALLBACK_DEACTIVATED);
		assertThat(history.getEvents().get(2).detail()).contains("3 keys invalidated", "1 caches cleared");
	}

	@Test
	void followWhenBreakerTransitionsShouldRecordTransition() {
		EventHistory history = new EventHistory(10);
		CircuitBreaker breaker = CircuitBreaker.ofDefaults("redis");
		history.follow(breaker);
		breaker.transitionToOpenState();
		assertThat(history.getEvents()).singleElement().satisfies((event) -> {
			assertThat(event.type()).isEqualTo(RedisEvent.Type.CIRCUIT_BREAKER);
			assertThat(event.detail()).isEqualTo("redis: CLOSED -> OPEN");
		});
	}

	@Test
	void createWhenCapacityNotPositiveShouldNameProperty() {
		assertThatIllegalArgumentException().isThrownBy(() -> new EventHistory(0))
			.withMessageContaining("redis.monitor.event-history-size");
	}

}
