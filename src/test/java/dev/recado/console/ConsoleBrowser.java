package dev.recado.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.util.FileSystemUtils;

/**
 * A headless Chromium on a console, for browser tests: one profile (so one session) per test
 * class, English until a page switches language, and a wait that outlasts htmx's swaps.
 */
public final class ConsoleBrowser implements AutoCloseable {

    public final WebDriver driver;
    public final WebDriverWait wait;
    private final Path profile;
    private final int port;

    public ConsoleBrowser(int port, Duration patience) {
        this.port = port;
        System.setProperty("webdriver.chrome.driver", "/usr/bin/chromedriver");
        try {
            profile = Files.createTempDirectory("recado-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--user-data-dir=" + profile, "--lang=en-US", "--window-size=1280,900");
        // the console picks its language from Accept-Language: pin it so the first pages are English
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "en-US,en"));
        driver = new ChromeDriver(options);
        wait = new WebDriverWait(driver, patience);
        // htmx replaces polled and searched elements: a reference can go stale between two looks
        wait.ignoring(StaleElementReferenceException.class);
    }

    /**
     * A look or a click inside an element htmx may replace meanwhile (a table polled every few
     * seconds): found and used in one try, and tried again whole when the reference went stale.
     */
    public <T> T steady(Function<WebDriver, T> look) {
        return wait.until(look);
    }

    /** Clicks what {@code path} leads to, finding it again from the page if it was replaced before the click. */
    public void click(By... path) {
        steady(d -> {
            WebElement element = d.findElement(path[0]);
            for (int i = 1; i < path.length; i++) {
                element = element.findElement(path[i]);
            }
            element.click();
            return true;
        });
    }

    void open(String path) {
        driver.get(url(path));
    }

    String url(String path) {
        return "http://localhost:" + port + path;
    }

    void signIn(String email, String password) {
        WebElement field = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
        field.clear();
        field.sendKeys(email);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.id("login-submit")).click();
    }

    public String text(By by) {
        return driver.findElement(by).getText().strip();
    }

    /** On a contact's page: opted_in, opted_out or none, for one cell of the consent state table. */
    String consentState(String channel, String purpose) {
        return driver.findElement(By.cssSelector("#consent-state td.state-cell[data-channel='" + channel
                + "'][data-purpose='" + purpose + "']")).getDomAttribute("data-status");
    }

    @Override
    public void close() {
        driver.quit();
        FileSystemUtils.deleteRecursively(profile.toFile());
    }
}
