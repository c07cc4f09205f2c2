package com.retailpulse.infra.console;

import com.retailpulse.infra.support.Api;
import com.retailpulse.infra.support.TestUsers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;

/**
 * What every console browser test does: Debian's chromium driven headless through chromedriver (never a
 * downloaded browser; on CI a missing one fails the test, elsewhere it is skipped with the reason), a fresh
 * session per test, the browser's console log printed after each test, and the waits, clicks and
 * whole-page screenshots the tests are written with. Files the console saves land in
 * target/console-downloads; each test class names its screenshot folder.
 */
abstract class ConsoleBrowserTest {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path DOWNLOADS = Path.of("target", "console-downloads");
    static final Duration WAIT = Duration.ofSeconds(20);

    static ChromeDriverService service;
    static WebDriver browser;
    private static int shots;

    @LocalServerPort
    int port;
    Api api;
    String run;

    /** Where this class's screenshots go (under target/). */
    abstract Path screenshots();

    @BeforeAll
    static void startBrowser() throws IOException {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            String message = "the console test needs Debian's chromium and chromedriver (" + CHROMIUM + ", " + CHROMEDRIVER
                    + "): apt-get install -y chromium chromium-driver (.ci/run installs them)";
            if ("true".equals(System.getenv("CI"))) {
                Assertions.fail(message);
            }
            Assumptions.abort(message);
        }
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1440,1000", "--lang=en-GB", "--no-first-run", "--disable-extensions",
                "--disable-background-networking", "--disable-component-update", "--disable-sync");
        // files the console saves (the audit trail) land here, without a prompt
        Files.createDirectories(DOWNLOADS);
        options.setExperimentalOption("prefs", Map.of("download.default_directory", DOWNLOADS.toAbsolutePath().toString(),
                "download.prompt_for_download", false));
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        browser = new ChromeDriver(service, options);
        shots = 0;
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
            browser = null;
        }
        if (service != null) {
            service.stop();
            service = null;
        }
    }

    @BeforeEach
    void openConsole() throws IOException {
        Files.createDirectories(screenshots());
        api = new Api(port);
        run = UUID.randomUUID().toString().substring(0, 8);
        browser.get(url("/console/"));
        js("sessionStorage.clear(); localStorage.clear();");
        browser.get(url("/console/"));
    }

    @AfterEach
    void browserLog() {
        browser.manage().logs().get(LogType.BROWSER).getAll().forEach(e -> System.out.println("[browser] " + e));
    }

    void signIn(String user) {
        signIn(user, TestUsers.PASSWORD);
    }

    void signIn(String user, String password) {
        type(By.id("login-user"), user);
        type(By.id("login-password"), password);
        click(By.id("login-submit"));
        visible(By.id("sign-out"));
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    Object js(String script) {
        return ((JavascriptExecutor) browser).executeScript(script);
    }

    WebElement visible(By by) {
        return waiting(WAIT).until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    void click(By by) {
        waiting(WAIT).until(d -> {
            WebElement element = ExpectedConditions.elementToBeClickable(by).apply(d);
            if (element == null) {
                return false;
            }
            element.click();
            return true;
        });
    }

    /** A wait that looks again when the page replaced the element meanwhile (reports and lists are redrawn as they change). */
    WebDriverWait waiting(Duration timeout) {
        WebDriverWait wait = new WebDriverWait(browser, timeout);
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    String attribute(By by, String name) {
        return waiting(WAIT).until(d -> d.findElement(by).getAttribute(name));
    }

    void waitAttribute(By by, String name, String expected, Duration timeout) {
        waiting(timeout).until(ExpectedConditions.attributeToBe(by, name, expected));
    }

    void type(By by, String text) {
        WebElement input = visible(by);
        input.clear();
        input.sendKeys(text);
    }

    String text(By by) {
        return waiting(WAIT).until(d -> {
            WebElement element = d.findElement(by);
            return element.isDisplayed() ? element.getText() : null;
        });
    }

    void waitText(By by, String expected) {
        waiting(WAIT).until(ExpectedConditions.textToBePresentInElementLocated(by, expected));
    }

    /** The whole page: the window is stretched to the page's height for the shot (headless chrome allows it). */
    /** Sets a datetime-local input to {@code at} in the browser's time zone, to the minute (typing into one depends on its locale). */
    void dateTime(By by, java.time.Instant at) {
        ((JavascriptExecutor) browser).executeScript("""
                const d = new Date(arguments[1]); const p = (n) => String(n).padStart(2, '0');
                arguments[0].value = `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;""",
                visible(by), at.toEpochMilli());
    }

    void screenshot(String page) {
        Dimension window = browser.manage().window().getSize();
        long height = (Long) js("return Math.ceil(document.documentElement.scrollHeight)");
        browser.manage().window().setSize(new Dimension(window.getWidth(), (int) Math.max(window.getHeight(), Math.min(height + 150, 6000))));
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        browser.manage().window().setSize(window);
        try {
            Files.copy(shot.toPath(), screenshots().resolve(String.format("%02d-%s.png", ++shots, page)), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
