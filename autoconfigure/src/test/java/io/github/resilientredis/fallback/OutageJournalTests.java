package io.github.resilientredis.fallback;

import org.junit.jupiter.api.Test;

import static io.github.resilientredis.fallback.FallbackStoreTests.bytes;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of {@link OutageJournal}: keys recorded once, the overflow rule (clear the whole cache) and putting back a failed replay.
 */
class OutageJournalTests {

	private final OutageJournal journal = new OutageJournal(2);

	@Test
	void recordKeyWhenWithinBoundShouldKeepEachKeyOnce() {
		record("a");
		record("a");
		record("b");
		assertThat(this.journal.size()).isEqualTo(2);
		assertThat(this.journal.isOverflowed()).isFalse();
		OutageJournal.Batch batch = this.journal.drain();
		assertThat(batch.keys()).containsExactly(bytes("a"), bytes("b"));
		assertThat(this.journal.size()).isZero();
	}

	@Test
	void recordKeyWhenOverflowingShouldClearThatCacheOnly() {
		this.journal.recordKey("authors", bytes("authors::1"), () -> bytes("authors::*"));
		this.journal.recordKey("books", bytes("books::1"), () -> bytes("books::*"));
		this.journal.recordKey("books", bytes("books::2"), () -> bytes("books::*"));
		this.journal.recordKey("books", bytes("books::3"), () -> bytes("books::*"));
		assertThat(this.journal.isOverflowed()).isTrue();
		OutageJournal.Batch batch = this.journal.drain();
		assertThat(batch.keys()).containsExactly(bytes("authors::1"), bytes("books::1"));
		assertThat(batch.cachesToClear()).containsOnlyKeys("books");
		assertThat(batch.cachesToClear().get("books")).isEqualTo(bytes("books::*"));
	}

	@Test
	void recordKeyWhenOverflowingACacheWithoutPrefixShouldRefuseTheKey() {
		record("a");
		record("b");
		assertThat(this.journal.recordKey("unprefixed", bytes("c"), () -> null)).isFalse();
		OutageJournal.Batch batch = this.journal.drain();
		assertThat(batch.keys()).containsExactly(bytes("a"), bytes("b"));
		assertThat(batch.cachesToClear()).as("never a pattern matching every key").isEmpty();
	}

	@Test
	void restoreShouldPutBackAFailedReplay() {
		record("a");
		this.journal.recordCacheClear("books", bytes("books::*"));
		OutageJournal.Batch batch = this.journal.drain();
		record("late");
		this.journal.restore(batch);
		assertThat(this.journal.size()).isEqualTo(3);
	}

	@Test
	void endOutageShouldResetTheOverflow() {
		record("a");
		record("b");
		record("c");
		this.journal.drain();
		this.journal.endOutage();
		assertThat(this.journal.isOverflowed()).isFalse();
	}

	private void record(String key) {
		this.journal.recordKey("cache", bytes(key), () -> bytes("cache::*"));
	}

	@Test
	void globLiteralShouldEscapeEveryGlobCharacter() {
		assertThat(OutageJournal.globLiteral("cat?[a]\\*:")).isEqualTo("cat\\?\\[a\\]\\\\\\*:");
		assertThat(OutageJournal.globLiteral("products::")).isEqualTo("products::");
	}

}
