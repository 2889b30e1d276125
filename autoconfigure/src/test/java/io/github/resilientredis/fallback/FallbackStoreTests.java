package io.github.resilientredis.fallback;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.github.benmanes.caffeine.cache.Ticker;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests of {@link FallbackStore}: byte-array keys, TTL capping and expiry on a fake clock, the size bound, NX/XX writes and prefix removal.
 */
class FallbackStoreTests {

	private final AtomicLong nanos = new AtomicLong();

	private final Ticker ticker = this.nanos::get;

	private final FallbackStore store = new FallbackStore(100, Duration.ofMinutes(5), this.ticker);

	@Test
	void getWhenStoredWithEqualBytesShouldFindTheValue() {
		this.store.put(bytes("k"), bytes("v"), null);
		assertThat(this.store.get(bytes("k"))).isEqualTo(bytes("v"));
		assertThat(this.store.getHits()).isOne();
		assertThat(this.store.get(bytes("other"))).isNull();
		assertThat(this.store.getMisses()).isOne();
	}

	@Test
	void containsWhenCheckingPresenceShouldNotCountAReadAndClearShouldKeepTheCounts() {
		this.store.put(bytes("k"), bytes("v"), null);
		assertThat(this.store.contains(bytes("k"))).isTrue();
		assertThat(this.store.contains(bytes("other"))).isFalse();
		assertThat(this.store.getHits()).isZero();
		assertThat(this.store.getMisses()).isZero();
		this.store.get(bytes("k"));
		this.store.get(bytes("other"));
		this.store.clear();
		assertThat(this.store.getHits()).isOne();
		assertThat(this.store.getMisses()).isOne();
	}

	@Test
	void getWhenReadShouldNotExtendTheLifetime() {
		this.store.put(bytes("k"), bytes("v"), Duration.ofSeconds(10));
		advance(Duration.ofSeconds(9));
		assertThat(this.store.get(bytes("k"))).isEqualTo(bytes("v"));
		advance(Duration.ofSeconds(2));
		assertThat(this.store.get(bytes("k"))).isNull();
	}

	@Test
	void putWhenWrittenWithShorterTtlShouldExpireAtThatTtl() {
		this.store.put(bytes("k"), bytes("v"), Duration.ofSeconds(10));
		advance(Duration.ofSeconds(9));
		assertThat(this.store.contains(bytes("k"))).isTrue();
		advance(Duration.ofSeconds(2));
		assertThat(this.store.contains(bytes("k"))).isFalse();
	}

	@Test
	void putWhenWrittenWithLongerTtlShouldBeCappedAtTheFallbackTtl() {
		this.store.put(bytes("k"), bytes("v"), Duration.ofHours(1));
		advance(Duration.ofMinutes(4));
		assertThat(this.store.contains(bytes("k"))).isTrue();
		advance(Duration.ofMinutes(2));
		assertThat(this.store.contains(bytes("k"))).isFalse();
	}

	@Test
	void putWhenWrittenWithoutTtlShouldExpireAtTheFallbackTtl() {
		this.store.put(bytes("k"), bytes("v"), null);
		advance(Duration.ofMinutes(6));
		assertThat(this.store.get(bytes("k"))).isNull();
	}

	@Test
	void expireShouldShortenTheLifetime() {
		this.store.put(bytes("k"), bytes("v"), null);
		assertThat(this.store.expire(bytes("k"), Duration.ofSeconds(1))).isTrue();
		assertThat(this.store.expire(bytes("absent"), Duration.ofSeconds(1))).isFalse();
		advance(Duration.ofSeconds(2));
		assertThat(this.store.contains(bytes("k"))).isFalse();
	}

	@Test
	void putWhenMoreThanMaximumEntriesShouldStayBounded() {
		FallbackStore small = new FallbackStore(10, Duration.ofMinutes(5));
		for (int i = 0; i < 1000; i++) {
			small.put(bytes("k" + i), bytes("v"), null);
		}
		assertThat(small.size()).isLessThanOrEqualTo(10);
	}

	@Test
	void putIfAbsentShouldFollowNx() {
		assertThat(this.store.putIfAbsent(bytes("k"), bytes("v1"), null)).isTrue();
		assertThat(this.store.putIfAbsent(bytes("k"), bytes("v2"), null)).isFalse();
		assertThat(this.store.get(bytes("k"))).isEqualTo(bytes("v1"));
	}

	@Test
	void removeByPrefixShouldRemoveOnlyMatchingKeys() {
		this.store.put(bytes("books::1"), bytes("v"), null);
		this.store.put(bytes("books::2"), bytes("v"), null);
		this.store.put(bytes("authors::1"), bytes("v"), null);
		this.store.removeByPrefix(bytes("books::"));
		assertThat(this.store.contains(bytes("books::1"))).isFalse();
		assertThat(this.store.contains(bytes("authors::1"))).isTrue();
	}

	@Test
	void createWhenTtlIsZeroShouldNameTheProperty() {
		assertThatIllegalArgumentException().isThrownBy(() -> new FallbackStore(10, Duration.ZERO))
			.withMessageContaining("redis.fallback.ttl");
	}

	private void advance(Duration duration) {
		this.nanos.addAndGet(TimeUnit.NANOSECONDS.convert(duration));
	}

	static byte[] bytes(String value) {
		return value.getBytes(StandardCharsets.UTF_8);
	}

}
