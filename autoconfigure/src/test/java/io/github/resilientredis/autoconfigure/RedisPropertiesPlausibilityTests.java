package io.github.resilientredis.autoconfigure;

import java.time.Duration;

import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RedisPropertiesPlausibility}.
 */
@ExtendWith(OutputCaptureExtension.class)
class RedisPropertiesPlausibilityTests {

	private final RedisPropertiesPlausibility plausibility = new RedisPropertiesPlausibility(
			LogFactory.getLog(RedisPropertiesPlausibilityTests.class));

	@Test
	void checkWhenDefaultsShouldNotWarn(CapturedOutput output) {
		this.plausibility.check(new RedisResilienceProperties());
		assertThat(output).doesNotContain("plausible");
	}

	@Test
	void checkWhenCommandTimeoutOneMillisecondShouldWarnWithValueAndRange(CapturedOutput output) {
		RedisResilienceProperties properties = new RedisResilienceProperties();
		properties.setCommandTimeout(Duration.ofMillis(1));
		this.plausibility.check(properties);
		assertThat(output).contains("WARN")
			.contains("redis.command-timeout=1ms is outside the plausible range (10ms to 5m)")
			.contains("a bare number means milliseconds");
	}

	@Test
	void checkWhenConnectTimeoutOverFiveMinutesShouldWarn(CapturedOutput output) {
		RedisResilienceProperties properties = new RedisResilienceProperties();
		properties.setConnectTimeout(Duration.ofMinutes(10));
		this.plausibility.check(properties);
		assertThat(output).contains("redis.connect-timeout=600s is outside the plausible range (10ms to 5m)");
	}

	@Test
	void checkWhenPoolMaxActiveAMillionShouldWarn(CapturedOutput output) {
		RedisResilienceProperties properties = new RedisResilienceProperties();
		properties.getPool().setMaxActive(1_000_000);
		this.plausibility.check(properties);
		assertThat(output).contains("redis.pool.max-active=1000000 is outside the plausible range (at most 10000)")
			.contains("maxclients");
	}

	@Test
	void checkWhenPoolDisabledShouldNotWarnAboutIt(CapturedOutput output) {
		RedisResilienceProperties properties = new RedisResilienceProperties();
		properties.getPool().setEnabled(false);
		properties.getPool().setMaxActive(1_000_000);
		this.plausibility.check(properties);
		assertThat(output).doesNotContain("redis.pool.max-active");
	}

	@Test
	void checkWhenSeveralImplausibleValuesShouldWarnOncePerProperty(CapturedOutput output) {
		RedisResilienceProperties properties = new RedisResilienceProperties();
		properties.getHealth().setTimeout(Duration.ofMillis(5));
		properties.getFallback().setMaximumEntries(50_000_000);
		properties.getMonitor().setEventHistorySize(1_000_000);
		this.plausibility.check(properties);
		assertThat(output.toString().split("plausible range", -1)).hasSize(4);
		assertThat(output).contains("redis.health.timeout=5ms")
			.contains("redis.fallback.maximum-entries=50000000")
			.contains("redis.monitor.event-history-size=1000000");
	}

}
