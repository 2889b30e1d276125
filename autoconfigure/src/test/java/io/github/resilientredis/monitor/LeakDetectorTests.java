package io.github.resilientredis.monitor;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.github.resilientredis.connection.ConnectionPoolStatistics;
import io.github.resilientredis.connection.ConnectionPoolStatistics.Borrow;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class LeakDetectorTests {

	private final MutableClock clock = new MutableClock();

	private final FixedPoolStatistics pool = new FixedPoolStatistics();

	private final EventHistory history = new EventHistory(100, this.clock);

	private final LeakDetector detector = new LeakDetector(() -> this.pool, Duration.ofSeconds(2), this.history);

	@Test
	void checkWhenHeldPastThresholdShouldLogStackTraceOncePerBorrow(CapturedOutput output) {
		this.pool.borrows.add(new Borrow(1, "conn-1", Duration.ofSeconds(3), "at com.example.Orders.load(Orders.java:42)"));
		assertThat(this.detector.check()).hasSize(1);
		this.clock.advance(Duration.ofSeconds(1));
		this.pool.borrows.set(0, new Borrow(1, "conn-1", Duration.ofSeconds(4), "at com.example.Orders.load(Orders.java:42)"));
		this.detector.check();
		assertThat(output).containsOnlyOnce("Redis connection conn-1 held for PT3S")
			.contains("redis.pool.leak-detection-threshold", "at com.example.Orders.load(Orders.java:42)");
		assertThat(this.detector.getSuspectsTotal()).isEqualTo(1);
		assertThat(this.detector.getSuspects()).extracting(Borrow::connection).containsExactly("conn-1");
		assertThat(this.history.getEvents()).extracting(RedisEvent::type).containsExactly(RedisEvent.Type.LEAK_SUSPECT);
	}

	@Test
	void checkWhenSameConnectionBorrowedAgainShouldCountNewBorrow() {
		this.pool.borrows.add(new Borrow(1, "conn-1", Duration.ofSeconds(3), null));
		this.detector.check();
		this.pool.borrows.clear();
		this.detector.check();
		assertThat(this.detector.getSuspects()).isEmpty();
		this.clock.advance(Duration.ofSeconds(10));
		this.pool.borrows.add(new Borrow(2, "conn-1", Duration.ofSeconds(3), null));
		this.detector.check();
		assertThat(this.detector.getSuspectsTotal()).isEqualTo(2);
	}

	@Test
	void checkWhenSameConnectionBorrowedAgainAtOnceShouldCountNewBorrow() {
		// returned and borrowed again between two checks, held as long: only the borrow id differs
		this.pool.borrows.add(new Borrow(1, "conn-1", Duration.ofSeconds(3), null));
		this.detector.check();
		this.pool.borrows.set(0, new Borrow(2, "conn-1", Duration.ofSeconds(3), null));
		this.detector.check();
		assertThat(this.detector.getSuspectsTotal()).isEqualTo(2);
	}

	@Test
	void checkWhenNoPoolShouldReportNothing() {
		LeakDetector detector = new LeakDetector(() -> null, Duration.ofSeconds(1), null);
		assertThat(detector.check()).isEmpty();
		assertThat(detector.getSuspectsTotal()).isZero();
	}

	static final class FixedPoolStatistics implements ConnectionPoolStatistics {

		final List<Borrow> borrows = new ArrayList<>();

		int active;

		@Override
		public boolean isPooled() {
			return true;
		}

		@Override
		public int getActive() {
			return this.active;
		}

		@Override
		public int getIdle() {
			return 2;
		}

		@Override
		public int getWaiting() {
			return 0;
		}

		@Override
		public int getMaxActive() {
			return 8;
		}

		@Override
		public long getCreated() {
			return 5;
		}

		@Override
		public long getDestroyed() {
			return 1;
		}

		@Override
		public List<Borrow> borrowedLongerThan(Duration threshold) {
			return this.borrows.stream().filter((borrow) -> borrow.heldFor().compareTo(threshold) > 0).toList();
		}

	}

}
