package io.github.resilientredis.monitor;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

class MonitorSchedulerTests {

	@Test
	void startShouldRunTasksRepeatedlyOnADaemonThreadEvenAfterAFailure() {
		AtomicInteger runs = new AtomicInteger();
		Thread[] thread = new Thread[1];
		try (MonitorScheduler scheduler = new MonitorScheduler()) {
			scheduler.add("failing", Duration.ofMillis(20), () -> {
				thread[0] = Thread.currentThread();
				runs.incrementAndGet();
				throw new IllegalStateException("boom");
			});
			scheduler.start();
			await().atMost(Duration.ofSeconds(5)).until(() -> runs.get() >= 3);
			assertThat(thread[0].isDaemon()).isTrue();
			// Netty's DefaultThreadFactory numbers the pool and the thread, as Lettuce's own threads
			assertThat(thread[0].getName()).matches("redis-monitor-\\d+-\\d+");
		}
	}

	@Test
	void closeShouldStopTasks() throws InterruptedException {
		AtomicInteger runs = new AtomicInteger();
		MonitorScheduler scheduler = new MonitorScheduler().add("count", Duration.ofMillis(10), runs::incrementAndGet);
		scheduler.start();
		await().atMost(Duration.ofSeconds(5)).until(() -> runs.get() >= 1);
		scheduler.close();
		assertThat(scheduler.isRunning()).isFalse();
		int after = runs.get();
		Thread.sleep(100);
		assertThat(runs.get()).isLessThanOrEqualTo(after + 1);
	}

	@Test
	void addWhenIntervalNotPositiveShouldFail() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new MonitorScheduler().add("sampling", Duration.ZERO, () -> {
			}))
			.withMessageContaining("sampling");
	}

}
