package dev.recado.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recado.channels.telegram.BotApiServer;
import dev.recado.channels.whatsapp.GraphApiServer;
import dev.recado.support.BrowserTest;
import dev.recado.support.RecadoTest;
import dev.recado.workspace.WorkspaceManagement;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Senders of other channels set up in a headless Chromium, in a workspace of their own: a WhatsApp
 * number pointed at a local Graph-shaped server (its webhook URL, a connection test that works and
 * one that names Meta's refusal of a bad token, templates synced and listed), and a Telegram bot
 * whose bad token is refused beside its field, in English and Spanish, then fixed.
 */
@RecadoTest
@BrowserTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SenderChannelsBrowserTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final String TOKEN = "EAAG-console-access-token-0123456789";
    private static final String BOT_TOKEN = "7000001:AAH-console-bot-token-0123456789abc";
    private static final String WHATSAPP = "Tienda WA";
    private static final String BOT = "Tienda Bot";

    @LocalServerPort
    int port;
    @Autowired
    WorkspaceManagement workspaces;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PasswordEncoder passwords;

    private ConsoleBrowser browser;
    private WebDriver driver;
    private WebDriverWait wait;
    private GraphApiServer graph;
    private BotApiServer bot;
    private String email;
    private String phoneNumberId;

    @BeforeAll
    void start() throws IOException {
        phoneNumberId = String.valueOf(200_000_000_000L + System.nanoTime() % 1_000_000);
        graph = new GraphApiServer(phoneNumberId, TOKEN);
        bot = new BotApiServer(BOT_TOKEN);
        email = "senders-" + System.nanoTime() + "@tienda.test";
        TestUsers.newAdmin(workspaces, jdbc, passwords, "Senders " + System.nanoTime(), email, email + "-password");
        browser = new ConsoleBrowser(port, PATIENCE);
        driver = browser.driver;
        wait = browser.wait;
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.close();
        }
        graph.close();
        bot.close();
    }

    private By row(String name) {
        return By.xpath("//tr[contains(@class,'sender-row')][.//span[@class='sender-name' and text()='" + name + "']]");
    }

    private void fill(String id, String value) {
        WebElement field = driver.findElement(By.id(id));
        field.clear();
        field.sendKeys(value);
    }

    private void choose(String provider) {
        driver.findElement(By.cssSelector("#provider-choice a[data-provider='" + provider + "']")).click();
        wait.until(ExpectedConditions.attributeToBe(By.cssSelector("#sender-form input[name='provider']"), "value", provider));
    }

    private void openAdvanced() {
        WebElement details = driver.findElement(By.id("sender-advanced"));
        if (details.getDomAttribute("open") == null) {
            details.findElement(By.tagName("summary")).click();
        }
    }

    private void submit() {
        driver.findElement(By.id("sender-submit")).click();
    }

    private void openPage(String name) {
        browser.click(row(name), By.cssSelector(".sender-edit"));
        wait.until(ExpectedConditions.textToBe(By.tagName("h1"), name));
    }

    private void save(String name) {
        submit();
        wait.until(ExpectedConditions.textToBe(By.id("notice"), name + " saved."));
    }

    private void test() {
        driver.findElement(By.id("sender-test")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("test-result")));
    }

    private String status(String name) {
        return browser.steady(d -> d.findElement(row(name)).getDomAttribute("data-status"));
    }

    @Test
    @Order(1)
    void addsAWhatsAppSenderFromTheFormItsProviderDeclares() {
        browser.open("/senders");
        browser.signIn(email, email + "-password");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.tagName("h1")));
        browser.open("/senders");
        wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Senders"));
        choose("whatsapp");
        assertThat(browser.text(By.cssSelector("#add-sender h2"))).isEqualTo("Add a WhatsApp sender (whatsapp)");
        // SMPP's fields are gone, WhatsApp's are there, its secrets as password inputs
        assertThat(driver.findElements(By.id("sender-host"))).isEmpty();
        assertThat(driver.findElement(By.id("sender-access-token")).getDomAttribute("type")).isEqualTo("password");
        assertThat(driver.findElement(By.id("sender-app-secret")).getDomAttribute("type")).isEqualTo("password");

        fill("sender-name", WHATSAPP);
        fill("sender-phone-number-id", phoneNumberId);
        fill("sender-business-account-id", "1029384756");
        fill("sender-access-token", TOKEN);
        fill("sender-app-secret", "app-secret-0123456789");
        fill("sender-verify-token", "verify-me-123");
        openAdvanced();
        fill("sender-api-base-url", graph.baseUrl());
        submit();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("notice"), WHATSAPP + " added"));
        wait.until(d -> "connected".equals(status(WHATSAPP)));
    }

    @Test
    @Order(2)
    void itsPageShowsTheWebhookUrlAndTheVerifyTokenHintAndItsTestConnects() {
        openPage(WHATSAPP);
        String id = driver.findElement(By.cssSelector(".lead code")).getText();
        assertThat(browser.text(By.id("webhook-url"))).matches("https?://.+/hooks/whatsapp/" + id);
        assertThat(driver.findElement(By.id("webhook-copy")).getDomAttribute("data-copy-from")).isEqualTo("webhook-url");
        assertThat(browser.text(By.id("verify-token-hint"))).startsWith("Verify token:");
        // secrets are never sent back to the browser
        assertThat(driver.findElement(By.id("sender-access-token")).getDomProperty("value")).isEmpty();
        assertThat(driver.getPageSource()).doesNotContain(TOKEN).doesNotContain("verify-me-123");
        assertThat(driver.findElement(By.id("sender-access-token")).getDomAttribute("placeholder"))
                .isEqualTo("leave blank to keep");

        test();
        assertThat(driver.findElement(By.id("test-result")).getDomAttribute("data-connected")).isEqualTo("true");
        assertThat(browser.text(By.id("test-result"))).startsWith(WHATSAPP + ": connected.");
    }

    @Test
    @Order(3)
    void aTokenMetaRefusesFailsTheTestWithMetasReasonUntilItIsFixed() {
        fill("sender-access-token", "EAAG-revoked-token-000000000");
        save(WHATSAPP);
        wait.until(d -> "failed".equals(status(WHATSAPP)));
        openPage(WHATSAPP);

        test();
        assertThat(driver.findElement(By.id("test-result")).getDomAttribute("data-connected")).isEqualTo("false");
        assertThat(browser.text(By.id("test-result"))).startsWith(WHATSAPP + ": could not connect (Failed)");
        assertThat(browser.text(By.id("test-detail"))).contains("code 190").contains("Error validating access token");

        // a blank secret keeps the stored one: saving the name alone leaves the bad token in place
        fill("sender-name", WHATSAPP);
        save(WHATSAPP);
        openPage(WHATSAPP);
        test();
        assertThat(driver.findElement(By.id("test-result")).getDomAttribute("data-connected")).isEqualTo("false");

        fill("sender-access-token", TOKEN);
        save(WHATSAPP);
        wait.until(d -> "connected".equals(status(WHATSAPP)));
    }

    @Test
    @Order(4)
    void syncsTheTemplatesNowAndListsThem() {
        graph.templates = """
                {"name":"order_update","language":"es","category":"UTILITY","status":"APPROVED","quality_score":{"score":"GREEN"}},
                {"name":"spring_sale","language":"es_ES","category":"MARKETING","status":"PENDING"}""";
        openPage(WHATSAPP);
        driver.findElement(By.id("templates-sync")).click();
        wait.until(ExpectedConditions.textToBe(By.id("sync-result"), "2 templates synced."));
        var order = driver.findElement(By.cssSelector("#templates-table tr[data-name='order_update']"));
        assertThat(order.getText()).contains("order_update").contains("es").contains("utility").contains("approved")
                .contains("green");
        var sale = driver.findElement(By.cssSelector("#templates-table tr[data-name='spring_sale']"));
        assertThat(sale.getDomAttribute("data-status")).isEqualTo("pending");
        assertThat(sale.getText()).contains("es_ES").contains("marketing");

        // Meta refusing the read is said, and the list stays as it was
        graph.token = "EAAG-rotated-elsewhere-0000000";
        driver.findElement(By.id("templates-sync")).click();
        wait.until(ExpectedConditions.attributeToBe(By.id("sync-result"), "data-synced", "false"));
        assertThat(browser.text(By.id("sync-result"))).startsWith("Could not read the templates:").contains("190");
        assertThat(driver.findElements(By.cssSelector("#templates-table tr.template-row"))).hasSize(2);
        graph.token = TOKEN;
    }

    @Test
    @Order(5)
    void aTelegramBotsBadTokenIsRefusedBesideItsFieldInBothLanguagesThenFixed() {
        browser.open("/senders");
        wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Senders"));
        choose("telegram");
        fill("sender-name", BOT);
        fill("sender-bot-token", "not-a-token");
        submit();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("error-bot_token")));
        assertThat(browser.text(By.id("error-bot_token"))).isEqualTo("must be a bot token as BotFather gives it (123456:ABC...)");
        assertThat(driver.findElement(By.id("sender-bot-token")).getDomAttribute("class")).contains("invalid");
        assertThat(driver.findElement(By.id("sender-bot-token")).getDomProperty("value")).isEmpty();
        assertThat(driver.findElement(By.id("sender-name")).getDomProperty("value")).isEqualTo(BOT);
        assertThat(driver.findElements(row(BOT))).isEmpty();

        driver.findElement(By.id("lang-es")).click();
        wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Remitentes"));
        choose("telegram");
        assertThat(browser.text(By.cssSelector("#add-sender h2"))).isEqualTo("Añadir un remitente de Telegram (telegram)");
        fill("sender-name", BOT);
        fill("sender-bot-token", "12345:corto");
        submit();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("error-bot_token")));
        assertThat(browser.text(By.id("error-bot_token"))).isEqualTo("debe ser un token de bot como lo da BotFather (123456:ABC...)");
        driver.findElement(By.id("lang-en")).click();
        wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Senders"));

        choose("telegram");
        fill("sender-name", BOT);
        fill("sender-bot-token", BOT_TOKEN);
        openAdvanced();
        fill("sender-api-base-url", bot.baseUrl());
        submit();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("notice"), BOT + " added"));
        wait.until(d -> "connected".equals(status(BOT)));
        openPage(BOT);
        assertThat(browser.text(By.id("webhook-url"))).contains("/hooks/telegram/");
        assertThat(driver.findElements(By.id("verify-token-hint"))).isEmpty();
        assertThat(driver.findElements(By.id("templates"))).isEmpty();

        // a token Telegram does not know: the test says so with Telegram's words
        fill("sender-bot-token", "7000002:AAH-someone-elses-token-0123456789");
        save(BOT);
        wait.until(d -> "failed".equals(status(BOT)));
        openPage(BOT);
        test();
        assertThat(driver.findElement(By.id("test-result")).getDomAttribute("data-connected")).isEqualTo("false");
        assertThat(browser.text(By.id("test-detail"))).isEqualTo("Telegram 401: Unauthorized");
    }
}
