package io.github.resilientredis.sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

import io.github.resilientredis.devtime.DevRedisConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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

	private static final Path CHROMIUM = Paths.get("/usr/bin/chromium");

	private static final Path CHROMEDRIVER = Paths.get("/usr/bin/chromedriver");

	private static final Path SCREENSHOTS = Paths.get("target", "screenshots");

	private static final Duration STATE_CHANGE = Duration.ofSeconds(30);

	@LocalServerPort
	private int port;

	private WebDriver driver;

	@BeforeAll
	static void browserInstalled() {
		assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
				"The status page test needs " + CHROMIUM + " and " + CHROMEDRIVER
						+ ": apt-get install -y chromium chromium-driver");
	}

	@BeforeEach
	void openBrowser() {
		ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
			.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1700");
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.build();
		this.driver = new ChromeDriver(service, options);
	}

	@AfterEach
	void closeBrowser() {
		if (this.driver != null) {
			this.driver.quit();
		}
	}

	@Test
	void pageWhenRedisIsKilledAndRestartedShouldShowDegradedThenUpAndCountAnswersBySource() throws IOException {
		this.driver.get("http://127.0.0.1:" + this.port + "/");
		awaitText("redis-state", "UP");
		awaitText("breaker-state", "CLOSED");
		awaitText("dev-redis-state", "RUNNING");

		click("dev-kill");
		awaitText("dev-redis-state", "KILLED");
		// reads keep coming during the outage: the breaker opens and the fallback answers
		runLoopTest(60);
		awaitText("redis-state", "DEGRADED");
		awaitText("fallback-active", "active");
		assertThat(count("LOCAL_FALLBACK")).isPositive();
		assertThat(count("ERROR")).isZero();
		screenshot("degraded");

		click("dev-restart");
		awaitText("dev-redis-state", "RUNNING");
		awaitText("redis-state", "UP");
		awaitText("fallback-active", "inactive");
		awaitText("breaker-state", "CLOSED");

		runLoopTest(200);
		assertThat(count("REDIS") + count("DATABASE") + count("LOCAL_FALLBACK")).isEqualTo(200);
		assertThat(count("REDIS")).isPositive();
		assertThat(count("ERROR")).isZero();
		assertThat(this.driver.findElements(By.cssSelector("#events tr"))).isNotEmpty();
		screenshot("up-after-restart");
	}

	private void runLoopTest(int requests) {
		WebElement count = element("loop-count");
		count.clear();
		count.sendKeys(String.valueOf(requests));
		click("loop-run");
		awaitText("loop-status", "done");
		awaitText("loop-done", requests + " / " + requests);
	}

	private long count(String source) {
		return Long.parseLong(element("count-" + source).getText());
	}

	private void click(String id) {
		new WebDriverWait(this.driver, STATE_CHANGE).until(ExpectedConditions.elementToBeClickable(By.id(id))).click();
	}

	private void awaitText(String id, String text) {
		new WebDriverWait(this.driver, STATE_CHANGE)
			.withMessage(() -> "#" + id + " to read '" + text + "', but it reads '" + element(id).getText() + "'")
			.until(ExpectedConditions.textToBe(By.id(id), text));
	}

	private WebElement element(String id) {
		return this.driver.findElement(By.id(id));
	}

	private void screenshot(String name) throws IOException {
		Path screenshot = ((ChromeDriver) this.driver).getScreenshotAs(OutputType.FILE).toPath();
		Files.createDirectories(SCREENSHOTS);
		Files.copy(screenshot, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
	}

}
