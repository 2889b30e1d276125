package io.github.resilientredis.fallback;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import io.lettuce.core.cluster.SlotHash;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of {@link LocalFallback#perSlot per-slot} activation, for Redis Cluster: a failed key
 * switches only its hash slot to the fallback, a whole-cache activation every slot, and the
 * switch back every slot at once.
 */
class LocalFallbackPerSlotTests {

	private final LocalFallback fallback = LocalFallback.perSlot(new FallbackStore(100, Duration.ofMinutes(5)),
			new OutageJournal(100), List.of(), Clock.systemUTC());

	private final byte[] dead = key("{a}:1");

	private final byte[] sameSlot = key("{a}:2");

	private final byte[] healthy = key("{b}:1");

	@Test
	void activateWhenKeyGivenShouldServeOnlyItsSlot() {
		assertThat(SlotHash.getSlot(this.dead)).isNotEqualTo(SlotHash.getSlot(this.healthy));
		this.fallback.activate("test", this.dead);
		assertThat(this.fallback.isActive()).isTrue();
		assertThat(this.fallback.isActiveFor(this.dead)).isTrue();
		assertThat(this.fallback.isActiveFor(this.sameSlot)).isTrue();
		assertThat(this.fallback.isActiveFor(this.healthy)).isFalse();
		assertThat(this.fallback.callIfActive(this.healthy, () -> "local")).isNull();
		assertThat(this.fallback.callIfActive(this.dead, () -> "local")).isEqualTo(new LocalFallback.Served("local"));
	}

	@Test
	void activateWhenNoKeyShouldServeEverySlot() {
		this.fallback.activate("test", this.dead);
		this.fallback.activate("cache cleared");
		assertThat(this.fallback.isActiveFor(this.healthy)).isTrue();
		this.fallback.activate("test", this.dead);
		assertThat(this.fallback.isActiveFor(this.healthy)).as("stays whole").isTrue();
	}

	@Test
	void deactivateShouldSwitchEverySlotBack() {
		this.fallback.activate("test", this.dead);
		this.fallback.getStore().put(this.dead, key("v"), null);
		this.fallback.deactivate(() -> {
		});
		assertThat(this.fallback.isActive()).isFalse();
		assertThat(this.fallback.isActiveFor(this.dead)).isFalse();
		assertThat(this.fallback.getStore().size()).isZero();
		this.fallback.activate("test", this.healthy);
		assertThat(this.fallback.isActiveFor(this.dead)).as("a new outage starts empty").isFalse();
	}

	@Test
	void activateWhenNotPerSlotShouldServeEveryKey() {
		LocalFallback whole = new LocalFallback(new FallbackStore(100, Duration.ofMinutes(5)), new OutageJournal(100),
				List.of(), Clock.systemUTC());
		whole.activate("test", this.dead);
		assertThat(whole.isActiveFor(this.healthy)).isTrue();
	}

	private static byte[] key(String key) {
		return key.getBytes(StandardCharsets.UTF_8);
	}

}
