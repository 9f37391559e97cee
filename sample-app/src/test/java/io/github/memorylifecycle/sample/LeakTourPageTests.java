package io.github.memorylifecycle.sample;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
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
 * The tour's page in Debian's headless Chromium: it loads, renders one row per pattern, and a click on a leaky
 * button makes the live figure rise. Skipped, not failed, where Chromium or its driver is not installed
 * ({@code .ci/run} installs both).
 * <p>
 * The browser and the driver are given by path, so Selenium Manager never runs and nothing is downloaded.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class LeakTourPageTests {

	private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	/**
	 * Quiets Selenium's warning that it has no DevTools protocol for this Chromium version: the test drives the page
	 * through WebDriver only. Held here because java.util.logging keeps loggers weakly.
	 */
	private static final List<Logger> QUIETED = quiet("org.openqa.selenium.devtools", "org.openqa.selenium.chromium");

	/** Where the test leaves a screenshot of the page, to look at after a run. */
	private static final Path SCREENSHOT = Path.of(System.getProperty("java.io.tmpdir"), "leak-tour-page.png");

	@LocalServerPort
	int port;

	@TempDir
	Path profile;

	private SampleClient sample;

	private ChromeDriver browser;

	@BeforeEach
	void openTheBrowser() {
		assumeTrue(Files.isExecutable(CHROMIUM), "Chromium is not installed at " + CHROMIUM);
		assumeTrue(Files.isExecutable(CHROMEDRIVER), "chromedriver is not installed at " + CHROMEDRIVER);
		this.sample = new SampleClient(this.port);
		this.sample.resetAndSettle();
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
				"--window-size=1280,1200", "--user-data-dir=" + this.profile);
		ChromeDriverService service = new ChromeDriverService.Builder()
			.usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.build();
		this.browser = new ChromeDriver(service, options);
	}

	private static List<Logger> quiet(String... names) {
		List<Logger> loggers = new ArrayList<>();
		for (String name : names) {
			Logger logger = Logger.getLogger(name);
			logger.setLevel(Level.SEVERE);
			loggers.add(logger);
		}
		return loggers;
	}

	@AfterEach
	void closeTheBrowser() {
		if (this.browser != null) {
			this.browser.quit();
		}
		if (this.sample != null) {
			this.sample.post("/leaks/reset");
		}
	}

	@Test
	void aClickOnTheLeakyTimerButtonMakesTheLiveTimersFigureRise() throws IOException {
		WebDriverWait wait = new WebDriverWait(this.browser, Duration.ofSeconds(15));
		this.browser.get(this.sample.baseUrl() + "/");
		assertThat(this.browser.getTitle()).isEqualTo("memory-lifecycle: leaks side by side");
		wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#patterns tbody tr"),
				LeakTourController.PATTERNS.size()));
		assertThat(this.browser.findElement(By.id("pattern-timer")).getText()).contains("repeating timer per request");
		wait.until(ExpectedConditions.textToBe(By.id("live-timers"), "0"));

		WebElement count = this.browser.findElement(By.id("count"));
		count.clear();
		count.sendKeys("5");
		this.browser.findElement(By.id("timer-leaky")).click();

		wait.until(ExpectedConditions.textToBe(By.id("live-timers"), "5"));
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"),
				"fired 5 requests at timer/leaky"));
		assertThat(this.sample.liveTimers()).isEqualTo(5);
		File screenshot = this.browser.getScreenshotAs(OutputType.FILE);
		Files.copy(screenshot.toPath(), SCREENSHOT, StandardCopyOption.REPLACE_EXISTING);
	}

}
