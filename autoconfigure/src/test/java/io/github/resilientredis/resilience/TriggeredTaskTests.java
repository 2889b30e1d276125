package io.github.resilientredis.resilience;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests of {@link TriggeredTask}: no thread before the first trigger, triggers while a run
 * is pending are covered by it, nothing runs after close.
 */
class TriggeredTaskTests {

	@Test
	void triggersWhilePendingShouldRunOnceAndTheThreadStartsAtTheFirstTrigger() throws Exception {
		AtomicInteger runs = new AtomicInteger();
		CountDownLatch firstRunStarted = new CountDownLatch(1);
		CountDownLatch releaseFirstRun = new CountDownLatch(1);
		try (TriggeredTask task = new TriggeredTask("triggered-task-test-1", () -> {
			if (runs.incrementAndGet() == 1) {
				firstRunStarted.countDown();
				awaitQuietly(releaseFirstRun);
			}
		})) {
			assertThat(threadExists("triggered-task-test-1")).isFalse();
			task.trigger(Duration.ZERO);
			assertThat(threadExists("triggered-task-test-1")).isTrue();
			assertThat(firstRunStarted.await(5, TimeUnit.SECONDS)).isTrue();
			// the first run is under way: the next trigger is pending, the one after it is covered by it
			task.trigger(Duration.ZERO);
			task.trigger(Duration.ZERO);
			assertThat(task.isPending()).isTrue();
			releaseFirstRun.countDown();
			await().atMost(Duration.ofSeconds(5)).until(() -> runs.get() == 2 && !task.isPending());
			// single thread: with nothing pending once the second run started, no third run is queued
			task.trigger(Duration.ZERO);
			await().atMost(Duration.ofSeconds(5)).until(() -> runs.get() == 3);
		}
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Test
	void taskThatFailsShouldBeTriggerableAgain() {
		AtomicInteger runs = new AtomicInteger();
		try (TriggeredTask task = new TriggeredTask("triggered-task-test-2", () -> {
			runs.incrementAndGet();
			throw new IllegalStateException("boom");
		})) {
			task.trigger(Duration.ZERO);
			await().atMost(Duration.ofSeconds(5)).until(() -> runs.get() == 1 && !task.isPending());
			task.trigger(Duration.ZERO);
			await().atMost(Duration.ofSeconds(5)).until(() -> runs.get() == 2);
		}
	}

	@Test
	void triggerAfterCloseShouldDoNothing() {
		AtomicInteger runs = new AtomicInteger();
		TriggeredTask task = new TriggeredTask("triggered-task-test-3", runs::incrementAndGet);
		task.close();
		task.trigger(Duration.ZERO);
		assertThat(threadExists("triggered-task-test-3")).isFalse();
		assertThat(runs).hasValue(0);
	}

	private static boolean threadExists(String prefix) {
		return Thread.getAllStackTraces().keySet().stream().anyMatch((thread) -> thread.getName().startsWith(prefix));
	}

}
