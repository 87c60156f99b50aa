package dev.recado.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recado.billing.TopupRequests;
import dev.recado.common.PublicId;
import dev.recado.contacts.ContactInput;
import dev.recado.contacts.ContactManagement;
import dev.recado.messaging.Enqueued;
import dev.recado.messaging.MessageDraft;
import dev.recado.messaging.MessageManagement;
import dev.recado.support.BrowserTest;
import dev.recado.support.RecadoTest;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * Every console page in a real Chromium, in English and Spanish, at a laptop's width and at a
 * phone's (390 px): no serious or critical axe-core violation and nothing wider than the screen;
 * a screenshot under target/screenshots of each that fails (of all with -Drecado.screenshots=true).
 */
@RecadoTest
@BrowserTest
@TestPropertySource(properties = {"recado.sandbox=true", "recado.sandbox-receipt-delay-millis=50"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsolePagesBrowserTest {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ContactManagement contacts;
    @Autowired
    MessageManagement messages;
    @Autowired
    TopupRequests topups;

    private ConsoleBrowser browser;
    private WebDriver driver;
    private WebDriverWait wait;
    private PageChecks checks;
    /** Page name → path, in menu order. */
    private final Map<String, String> pages = new LinkedHashMap<>();

    @BeforeAll
    void startBrowserAndFillTheWorkspace() throws IOException {
        long workspaceId = TestUsers.workspaceOf(jdbc, TestUsers.ADMIN_EMAIL);
        var contact = contacts.create(workspaceId, new ContactInput("+34600000501", "irene@example.com", "Irene",
                "Álvarez", null, null, List.of("vip"), Map.of("city", "Bilbao")), true).contact();
        topups.request(workspaceId, new BigDecimal("20"), "Transferencia 77", "user:" + TestUsers.ADMIN_EMAIL);
        var message = ((Enqueued.Accepted) messages.send(workspaceId, MessageDraft.text("+34600000501", "sms", null,
                "Su pedido está listo", "transactional"))).message();
        pages.put("dashboard", "/");
        pages.put("contacts", "/contacts");
        pages.put("contacts-tag", "/contacts?tag=vip");
        pages.put("contacts-bulk", "/contacts/bulk?action=tag&bulkTag=fiel&scope=filter&tag=vip");
        pages.put("contacts-bulk-erase", "/contacts/bulk?action=erase&scope=selected&ids=" + PublicId.of("ct_", contact.id()));
        pages.put("contact", "/contacts/" + PublicId.of("ct_", contact.id()));
        pages.put("import", "/contacts/import");
        pages.put("messages", "/messages");
        pages.put("messages-filtered", "/messages?contact=Irene&from=2026-01-01");
        pages.put("message", "/messages/" + PublicId.of("msg_", message.id()));
        pages.put("senders", "/senders");
        pages.put("billing", "/billing");
        pages.put("phone", "/phone?number=%2B34600000501");
        pages.put("users", "/users");
        pages.put("webhooks", "/webhooks");
        pages.put("api-keys", "/api-keys");
        pages.put("not-found", "/no-such-page");

        browser = new ConsoleBrowser(port, PATIENCE);
        driver = browser.driver;
        wait = browser.wait;
        checks = new PageChecks(driver);
    }

    @AfterAll
    void quitBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    @Order(1)
    void theLoginPageIsAccessibleInBothLanguagesAndOnAPhone() throws IOException {
        List<String> problems = new ArrayList<>();
        for (String lang : List.of("en", "es")) {
            for (int width : List.of(1280, 390)) {
                resize(width);
                browser.open("/login?lang=" + lang);
                wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
                problems.addAll(check("login", lang, width));
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    @Order(2)
    void everyPageIsAccessibleInBothLanguagesAndFitsAPhone() throws IOException {
        resize(1280);
        browser.open("/login?lang=en");
        browser.signIn(TestUsers.ADMIN_EMAIL, TestUsers.ADMIN_PASSWORD);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("nav-dashboard")));
        List<String> problems = new ArrayList<>();
        for (String lang : List.of("en", "es")) {
            for (int width : List.of(1280, 390)) {
                resize(width);
                for (var page : pages.entrySet()) {
                    browser.open(page.getValue() + (page.getValue().contains("?") ? "&" : "?") + "lang=" + lang);
                    wait.until(ExpectedConditions.presenceOfElementLocated(By.tagName("h1")));
                    assertThat(driver.findElement(By.tagName("html")).getDomAttribute("lang")).isEqualTo(lang);
                    problems.addAll(check(page.getKey(), lang, width));
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    @Order(3)
    void theDashboardDrawsItsChartsAndTheSendFormQuotesAsOneTypes() throws IOException {
        resize(390);
        browser.open("/?lang=es");
        wait.until(d -> d.findElements(By.cssSelector("canvas[data-drawn='true']")).size() == 4);
        browser.open("/messages?lang=es");
        driver.findElement(By.id("send-to")).sendKeys("+34600000501");
        driver.findElement(By.id("send-body")).sendKeys("Mañana abrimos – ¡te esperamos!");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("send-ucs2")));
        assertThat(browser.text(By.id("send-ucs2-chars"))).isEqualTo("–");
        assertThat(browser.text(By.id("send-summary"))).isEqualTo("31 caracteres · UCS-2 · 1 segmento");
        assertThat(browser.text(By.id("send-cost"))).startsWith("1 destinatario · coste ");
        driver.findElement(By.id("send-fix-apply")).click();
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("send-ucs2")));
        assertThat(driver.findElement(By.id("send-body")).getDomProperty("value")).isEqualTo("Mañana abrimos - ¡te esperamos!");
        assertThat(browser.text(By.id("send-summary"))).isEqualTo("31 caracteres · GSM-7 · 1 segmento");
        driver.findElement(By.id("send-mode-list")).click();
        assertThat(driver.findElement(By.id("send-to")).isDisplayed()).isFalse();
        driver.findElement(By.id("send-numbers")).sendKeys("+34600000502\n+34600000503\nhola");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("send-cost"), "2 destinatarios"));
        assertThat(browser.text(By.id("send-invalid-list"))).isEqualTo("hola");
        screenshot("send-live", "es", 390);
        driver.findElement(By.id("send-submit")).click();
        wait.until(ExpectedConditions.textToBe(By.id("confirm-recipients"), "2"));
        assertThat(check("send-confirm", "es", 390)).isEmpty();
    }

    private List<String> check(String page, String lang, int width) {
        return checks.check(page, lang, width);
    }

    private void screenshot(String page, String lang, int width) {
        checks.screenshot(page, lang, width);
    }

    private void resize(int width) {
        checks.resize(width);
    }
}
