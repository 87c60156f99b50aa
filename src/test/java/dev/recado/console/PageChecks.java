package dev.recado.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;

/**
 * What every page state in a browser test must pass: no serious or critical axe-core violation and
 * nothing wider than the window. A check that finds a problem leaves a full-page screenshot under
 * target/screenshots named page-language-width.png; with {@code -Drecado.screenshots=true} every
 * check does, for review (a shot costs about a tenth of a second per state, some 70 states a run).
 */
final class PageChecks {

    static final Path SHOTS = Path.of("target", "screenshots");

    private final WebDriver driver;

    PageChecks(WebDriver driver) {
        this.driver = driver;
        try {
            Files.createDirectories(SHOTS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** axe's serious and critical findings, and anything wider than the window, for the page shown. */
    List<String> check(String page, String lang, int width) {
        List<String> problems = new ArrayList<>();
        AxeCheck.seriousViolations(driver).forEach(v -> problems.add(page + " [" + lang + ", " + width + "px] " + v));
        Object overflow = ((JavascriptExecutor) driver).executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
        if (((Number) overflow).intValue() > 1) {
            problems.add(page + " [" + lang + ", " + width + "px] is " + overflow + " px wider than the screen");
        }
        if (!problems.isEmpty() || Boolean.getBoolean("recado.screenshots")) {
            screenshot(page, lang, width);
        }
        return problems;
    }

    /** The whole page: the window grows to the document's height for the shot, then shrinks back. */
    void screenshot(String page, String lang, int width) {
        Number height = (Number) ((JavascriptExecutor) driver).executeScript(
                "return document.documentElement.scrollHeight;");
        driver.manage().window().setSize(new Dimension(width, Math.min(Math.max(height.intValue(), 900), 5000)));
        byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
        try {
            Files.write(SHOTS.resolve(page + "-" + lang + "-" + width + ".png"), png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        resize(width);
    }

    void resize(int width) {
        driver.manage().window().setSize(new Dimension(width, 900));
    }
}
