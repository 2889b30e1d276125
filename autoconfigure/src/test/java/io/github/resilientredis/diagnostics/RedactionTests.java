package io.github.resilientredis.diagnostics;

import java.util.concurrent.ExecutionException;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisConnectionException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RedactionTests {

	@Test
	void redactShouldMaskUserInfoOfEveryRedisUrl() {
		assertThat(Redaction.redact("a rediss://app:pw@h:1 and redis://:pw@h:2/0 and redis://h:3"))
			.isEqualTo("a rediss://****@h:1 and redis://****@h:2/0 and redis://h:3");
	}

	@Test
	void describeShouldNameTheFailureAndItsRootCause() {
		Exception failure = new ExecutionException(new RedisConnectionException("Unable to connect to redis://u:pw@h:1",
				new RedisCommandExecutionException("NOAUTH Authentication required.")));
		assertThat(Redaction.describe(failure)).isEqualTo("RedisConnectionException: Unable to connect to "
				+ "redis://****@h:1 (caused by RedisCommandExecutionException: NOAUTH Authentication required.)");
	}

}
