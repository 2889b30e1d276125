package io.github.resilientredis.fallback;

import org.junit.jupiter.api.Test;

import static io.github.resilientredis.fallback.FallbackStoreTests.bytes;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of {@link OutageJournal}: keys recorded once, the overflow rules (clear the cache, or count as lost) and putting back a failed replay.
 */
class OutageJournalTests {

	private final OutageJournal journal = new OutageJournal(2);

	@Test
	void recordKeyWhenWithinBoundShouldKeepEachKeyOnce() {
		this.journal.recordKey(bytes("a"));
		this.journal.recordKey(bytes("a"));
		this.journal.recordKey(bytes("b"));
		assertThat(this.journal.size()).isEqualTo(2);
		assertThat(this.journal.isOverflowed()).isFalse();
		OutageJournal.Batch batch = this.journal.drain();
		assertThat(batch.keys()).containsExactly(bytes("a"), bytes("b"));
		assertThat(this.journal.size()).isZero();
	}

	@Test
	void recordKeyWhenOverflowingWithCacheKeyShouldClearThatCache() {
		this.journal.registerCache("books", bytes("books::"));
		this.journal.registerCache("authors", bytes("authors::"));
		this.journal.recordKey(bytes("books::1"));
		this.journal.recordKey(bytes("books::2"));
		this.journal.recordKey(bytes("books::3"));
		assertThat(this.journal.isOverflowed()).isTrue();
		OutageJournal.Batch batch = this.journal.drain();
		assertThat(batch.cachesToClear()).containsOnlyKeys("books");
		assertThat(batch.cachesToClear().get("books")).isEqualTo(bytes("books::*"));
		assertThat(batch.lostKeys()).isZero();
	}

	@Test
	void recordKeyWhenOverflowingWithOtherKeyShouldCountItAsLost() {
		this.journal.recordKey(bytes("a"));
		this.journal.recordKey(bytes("b"));
		this.journal.recordKey(bytes("c"));
		this.journal.recordKey(bytes("d"));
		OutageJournal.Batch batch = this.journal.drain();
		assertThat(batch.keys()).hasSize(2);
		assertThat(batch.lostKeys()).isEqualTo(2);
	}

	@Test
	void restoreShouldPutBackAFailedReplay() {
		this.journal.recordKey(bytes("a"));
		this.journal.recordCacheClear("books", bytes("books::*"));
		OutageJournal.Batch batch = this.journal.drain();
		this.journal.recordKey(bytes("late"));
		this.journal.restore(batch);
		assertThat(this.journal.size()).isEqualTo(3);
	}

	@Test
	void endOutageShouldResetTheOverflow() {
		this.journal.recordKey(bytes("a"));
		this.journal.recordKey(bytes("b"));
		this.journal.recordKey(bytes("c"));
		this.journal.drain();
		this.journal.endOutage();
		assertThat(this.journal.isOverflowed()).isFalse();
	}

}
