package io.github.resilientredis.sample;

import java.io.IOException;

import io.github.resilientredis.devtime.DevRedisConfiguration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The status page of the dev-time app in a real (headless) Chromium: UP, kill the
 * dev-time Redis with its button and see DEGRADED while the loop test is answered by the
 * local fallback, restart it and see UP, and count a loop test's answers by source.
 * Screenshots go to {@code target/screenshots/}. Skipped, saying what to install, when
 * Debian's {@code chromium} and {@code chromium-driver} are missing.
 */
@SpringBootTest(classes = { SampleApplication.class, DevRedisConfiguration.class },
		webEnvironment = WebEnvironment.RANDOM_PORT)
class StatusPageBrowserTests {

	@LocalServerPort
	private int port;

	@BeforeAll
	static void browserInstalled() {
		HeadlessChromium.assumeInstalled();
	}

	@Test
	void pageWhenRedisIsKilledAndRestartedShouldShowDegradedThenUpAndCountAnswersBySource() throws IOException {
		try (HeadlessChromium page = HeadlessChromium.open("http://127.0.0.1:" + this.port + "/")) {
			page.awaitText("redis-state", "UP");
			page.awaitText("breaker-state", "CLOSED");
			page.awaitText("dev-redis-state", "RUNNING");

			page.click("dev-kill");
			page.awaitText("dev-redis-state", "KILLED");
			// reads keep coming during the outage: the breaker opens and the fallback answers
			runLoopTest(page, 60);
			page.awaitText("redis-state", "DEGRADED");
			page.awaitText("fallback-active", "active");
			assertThat(count(page, "LOCAL_FALLBACK")).isPositive();
			assertThat(count(page, "ERROR")).isZero();
			page.screenshot("degraded");

			page.click("dev-restart");
			page.awaitText("dev-redis-state", "RUNNING");
			page.awaitText("redis-state", "UP");
			page.awaitText("fallback-active", "inactive");
			page.awaitText("breaker-state", "CLOSED");

			runLoopTest(page, 200);
			assertThat(count(page, "REDIS") + count(page, "DATABASE") + count(page, "LOCAL_FALLBACK")).isEqualTo(200);
			assertThat(count(page, "REDIS")).isPositive();
			assertThat(count(page, "ERROR")).isZero();
			assertThat(page.count("#events tr")).isPositive();
			page.screenshot("up-after-restart");
		}
	}

	static void runLoopTest(HeadlessChromium page, int requests) {
		page.type("loop-count", String.valueOf(requests));
		page.click("loop-run");
		page.awaitText("loop-status", "done");
		page.awaitText("loop-done", requests + " / " + requests);
	}

	static long count(HeadlessChromium page, String source) {
		return Long.parseLong(page.text("count-" + source));
	}

}
