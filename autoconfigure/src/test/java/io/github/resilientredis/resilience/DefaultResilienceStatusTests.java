package io.github.resilientredis.resilience;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.RedisConnectionFailureException;

import io.github.resilientredis.fallback.FallbackStore;
import io.github.resilientredis.fallback.LocalFallback;
import io.github.resilientredis.fallback.OutageJournal;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of {@link DefaultResilienceStatus}: breaker state, fallback activity and last failure as read by health, endpoint and meters.
 */
class DefaultResilienceStatusTests {

	@Test
	void statusShouldReflectBreakerFallbackAndLastFailure() {
		CircuitBreaker breaker = CircuitBreaker.ofDefaults("redis");
		LocalFallback fallback = new LocalFallback(new FallbackStore(10, Duration.ofMinutes(1)), new OutageJournal(10),
				List.of(), Clock.systemUTC());
		UnavailabilityTracker tracker = new UnavailabilityTracker();
		DefaultResilienceStatus status = new DefaultResilienceStatus("redis", breaker, fallback, tracker, () -> 3,
				List::of);
		assertThat(status.getCircuitBreakerState()).isEqualTo("CLOSED");
		assertThat(status.isFallbackActive()).isFalse();
		assertThat(status.getFallbackActiveSince()).isNull();
		tracker.record(new RedisConnectionFailureException("Unable to connect to redis://u:secret@h:1"));
		fallback.activate("down");
		fallback.getJournal().recordKey("cache", new byte[] { 1 }, () -> new byte[] { 42 });
		fallback.getStore().put(new byte[] { 1 }, new byte[] { 2 }, null);
		breaker.transitionToOpenState();
		assertThat(status.getCircuitBreakerState()).isEqualTo("OPEN");
		assertThat(status.isFallbackActive()).isTrue();
		assertThat(status.getFallbackActiveSince()).isNotNull();
		assertThat(status.getFallbackEntries()).isOne();
		assertThat(status.getJournalSize()).isOne();
		assertThat(status.getLastFailure()).contains("Unable to connect").doesNotContain("secret");
		assertThat(status.getLastFailureAt()).isNotNull();
		assertThat(status.getJournalReplays()).isEqualTo(3);
	}

	@Test
	void statusWhenBreakerDisabledShouldSayDisabled() {
		DefaultResilienceStatus status = new DefaultResilienceStatus("redis", null, null, new UnavailabilityTracker(),
				() -> 0, List::of);
		assertThat(status.getCircuitBreakerState()).isEqualTo("DISABLED");
		assertThat(status.isFallbackActive()).isFalse();
		assertThat(status.getFallbackEntries()).isZero();
	}

}
