package io.github.resilientredis.sample;

import java.io.IOException;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The status page of the dev-time app on a machine with neither {@code redis-server} nor
 * Docker, in a real (headless) Chromium: it says what to install, offers no chaos button,
 * and a loop test is answered by the database and the local fallback without errors.
 */
@SpringBootTest(classes = { SampleApplication.class, SampleWithoutRedisIntegrationTests.NoDevRedis.class },
		webEnvironment = WebEnvironment.RANDOM_PORT)
class StatusPageWithoutRedisBrowserTests {

	@LocalServerPort
	private int port;

	@BeforeAll
	static void browserInstalled() {
		HeadlessChromium.assumeInstalled();
	}

	@Test
	void pageWhenNoDevTimeRedisCouldStartShouldSaySoAndServeFromTheDatabaseAndTheFallback() throws IOException {
		try (HeadlessChromium page = HeadlessChromium.open("http://127.0.0.1:" + this.port + "/")) {
			page.awaitText("stream-state", "live");
			assertThat(page.isDisplayed("dev-redis-unavailable")).isTrue();
			assertThat(page.text("dev-redis-unavailable"))
				.startsWith("no dev-time Redis: install redis-server or start Docker");
			assertThat(page.isDisplayed("dev-redis-line")).isFalse();
			StatusPageBrowserTests.runLoopTest(page, 60);
			assertThat(StatusPageBrowserTests.count(page, "DATABASE")).isPositive();
			assertThat(StatusPageBrowserTests.count(page, "LOCAL_FALLBACK")).isPositive();
			assertThat(StatusPageBrowserTests.count(page, "ERROR")).isZero();
			page.awaitText("redis-state", "DEGRADED");
			page.screenshot("no-dev-time-redis");
		}
	}

}
