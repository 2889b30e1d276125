package io.github.resilientredis.monitor;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class UtilizationLevelTests {

	@Test
	void ofWhenBelowWarningShouldBeOk() {
		assertThat(UtilizationLevel.of(79.9, 80, 90)).isEqualTo(UtilizationLevel.OK);
	}

	@Test
	void ofWhenAtWarningShouldBeWarning() {
		assertThat(UtilizationLevel.of(80.0, 80, 90)).isEqualTo(UtilizationLevel.WARNING);
	}

	@Test
	void ofWhenAtCriticalShouldBeCritical() {
		assertThat(UtilizationLevel.of(90.0, 80, 90)).isEqualTo(UtilizationLevel.CRITICAL);
	}

	@Test
	void ofWhenUnknownShouldBeUnknown() {
		assertThat(UtilizationLevel.of(null, 80, 90)).isEqualTo(UtilizationLevel.UNKNOWN);
	}

}
