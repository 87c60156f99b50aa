package dev.recado.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

/**
 * Runs axe-core (4.11.0, vendored from npm under test resources with its licence) in the page the
 * browser shows, and answers the serious and critical violations, one line each.
 */
final class AxeCheck {

    private static final String AXE = load();

    private AxeCheck() {
    }

    @SuppressWarnings("unchecked")
    static List<String> seriousViolations(WebDriver driver) {
        var js = (JavascriptExecutor) driver;
        if (!Boolean.TRUE.equals(js.executeScript("return typeof window.axe === 'object'"))) {
            js.executeScript(AXE);
        }
        Object result = js.executeAsyncScript("""
                var done = arguments[arguments.length - 1];
                axe.run(document, {resultTypes: ['violations']})
                   .then(function (r) { done(r.violations.filter(function (v) {
                       return v.impact === 'serious' || v.impact === 'critical'; }).map(function (v) {
                       return {id: v.id, impact: v.impact, help: v.help,
                               targets: v.nodes.slice(0, 3).map(function (n) { return n.target.join(' '); })};
                   })); })
                   .catch(function (e) { done([{id: 'axe-error', impact: 'critical', help: String(e), targets: []}]); });
                """);
        List<String> lines = new ArrayList<>();
        for (Object v : (List<Object>) result) {
            var violation = (Map<String, Object>) v;
            lines.add(violation.get("impact") + " " + violation.get("id") + ": " + violation.get("help") + " at "
                    + violation.get("targets"));
        }
        return lines;
    }

    private static String load() {
        try (InputStream in = AxeCheck.class.getResourceAsStream("/axe/axe.min.js")) {
            if (in == null) {
                throw new IllegalStateException("axe/axe.min.js is missing from the test resources");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
