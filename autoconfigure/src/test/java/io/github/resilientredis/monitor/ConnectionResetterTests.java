package io.github.resilientredis.monitor;

import java.time.Clock;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class ConnectionResetterTests {

	private final EventHistory history = new EventHistory(10);

	@Test
	void resetShouldRunActionCountAndRecord() {
		int[] runs = new int[1];
		ConnectionResetter resetter = new ConnectionResetter(() -> runs[0]++, this.history, Clock.systemUTC());
		resetter.reset("requested");
		assertThat(runs[0]).isEqualTo(1);
		assertThat(resetter.getResets()).isEqualTo(1);
		assertThat(resetter.getLastReason()).isEqualTo("requested");
		assertThat(resetter.getLastReset()).isNotNull();
		assertThat(this.history.getEvents()).extracting(RedisEvent::detail).containsExactly("requested");
	}

	@Test
	void resetWhenActionFailsShouldNotCountButRecordTheFailure() {
		ConnectionResetter resetter = new ConnectionResetter(() -> {
			throw new IllegalStateException("factory stopped");
		}, this.history, Clock.systemUTC());
		assertThatIllegalStateException().isThrownBy(() -> resetter.reset("requested"));
		assertThat(resetter.getResets()).isZero();
		assertThat(this.history.getEvents()).extracting(RedisEvent::detail)
			.containsExactly("reset failed (requested): IllegalStateException: factory stopped");
	}

}
