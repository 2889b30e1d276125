package io.github.resilientredis.sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Debian's {@code chromium}, headless, driven through its {@code chromedriver} (never a
 * downloaded one), with waits on element text and screenshots under
 * {@code target/screenshots/}.
 */
final class HeadlessChromium implements AutoCloseable {

	private static final Path CHROMIUM = Paths.get("/usr/bin/chromium");

	private static final Path CHROMEDRIVER = Paths.get("/usr/bin/chromedriver");

	private static final Path SCREENSHOTS = Paths.get("target", "screenshots");

	private static final Duration STATE_CHANGE = Duration.ofSeconds(30);

	private final ChromeDriver driver;

	private HeadlessChromium(ChromeDriver driver) {
		this.driver = driver;
	}

	/**
	 * Skip the calling test class, saying what to install, when the browser is missing.
	 */
	static void assumeInstalled() {
		assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER), "The status page tests need "
				+ CHROMIUM + " and " + CHROMEDRIVER + ": apt-get install -y chromium chromium-driver");
	}

	static HeadlessChromium open(String url) {
		ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
			.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1700");
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.build();
		HeadlessChromium chromium = new HeadlessChromium(new ChromeDriver(service, options));
		chromium.driver.get(url);
		return chromium;
	}

	void click(String id) {
		new WebDriverWait(this.driver, STATE_CHANGE).until(ExpectedConditions.elementToBeClickable(By.id(id))).click();
	}

	void type(String id, String text) {
		WebElement element = element(id);
		element.clear();
		element.sendKeys(text);
	}

	void awaitText(String id, String text) {
		new WebDriverWait(this.driver, STATE_CHANGE)
			.withMessage(() -> "#" + id + " to read '" + text + "', but it reads '" + text(id) + "'")
			.until(ExpectedConditions.textToBe(By.id(id), text));
	}

	String text(String id) {
		return element(id).getText();
	}

	boolean isDisplayed(String id) {
		return element(id).isDisplayed();
	}

	int count(String cssSelector) {
		return this.driver.findElements(By.cssSelector(cssSelector)).size();
	}

	void screenshot(String name) throws IOException {
		Path screenshot = this.driver.getScreenshotAs(OutputType.FILE).toPath();
		Files.createDirectories(SCREENSHOTS);
		Files.copy(screenshot, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
	}

	private WebElement element(String id) {
		return this.driver.findElement(By.id(id));
	}

	@Override
	public void close() {
		this.driver.quit();
	}

}
