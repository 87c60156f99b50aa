package dev.recado.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.recado.common.PublicId;
import dev.recado.support.ApiClient;
import dev.recado.support.BrowserTest;
import dev.recado.support.RecadoTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
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
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The virtual phone in a headless Chromium: a sandbox workspace of its own per test class, an agent
 * signed in on /phone, and the moves of a customer (taps, replies) with the API's view of what
 * Recado received. The subclasses share one application context.
 */
@RecadoTest
@BrowserTest
@TestPropertySource(properties = {"recado.sandbox=true", "recado.sandbox-receipt-delay-millis=50"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class PhoneBrowserTestBase {

    static final Duration PATIENCE = Duration.ofSeconds(30);
    static final String NUMBER = "+34600000061";

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PasswordEncoder passwords;

    ApiClient api;
    String key;
    ConsoleBrowser browser;
    WebDriver driver;
    WebDriverWait wait;
    final List<String> problems = new ArrayList<>();

    @BeforeAll
    void startBrowser() {
        api = new ApiClient(port);
        String name = "Phone " + getClass().getSimpleName() + " " + System.nanoTime();
        key = api.newWorkspace(name);
        long workspace = jdbc.sql("select id from workspaces where name = :name").param("name", name).query(Long.class).single();
        String agent = "phone-agent-" + System.nanoTime() + "@test.local";
        TestUsers.createAgent(jdbc, passwords, workspace, agent, "phone-agent-password");
        browser = new ConsoleBrowser(port, PATIENCE);
        driver = browser.driver;
        wait = browser.wait;
        browser.open("/phone");
        browser.signIn(agent, "phone-agent-password");
        wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Dashboard"));
        browser.open("/phone?number=" + NUMBER.replace("+", "%2B"));
        wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Virtual phone"));
    }

    @AfterAll
    void quitBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    /** Switches the phone to {@code channel} with the switcher, as a person would. */
    void switchTo(String channel) {
        driver.findElement(By.id("phone-channel-" + channel)).click();
        wait.until(ExpectedConditions.attributeToBe(By.id("phone"), "data-channel", channel));
    }

    /** Sends over the API; {@code json} names the recipient as {@code %s}, which is {@link #NUMBER}. */
    String send(String json) {
        return sendTo(NUMBER, json);
    }

    String sendTo(String to, String json) {
        var sent = api.post("/v1/messages", key, json.formatted(to));
        assertThat(sent.status()).as(sent.body()).isEqualTo(202);
        return sent.text("id");
    }

    WebElement bubble(String messageId) {
        return driver.findElement(By.id("bubble-" + messageId));
    }

    /** Taps as the customer: the page reloads after the tap, so the wait ends when it is no longer this page. */
    void tap(String messageId, String css) {
        WebElement body = driver.findElement(By.tagName("body"));
        wait.until(d -> {
            bubble(messageId).findElement(By.cssSelector(css)).click();
            return true;
        });
        wait.until(ExpectedConditions.stalenessOf(body));
        assertThat(driver.findElements(By.id("phone-reply-error"))).isEmpty();
    }

    /**
     * The texts of one side's bubbles, newest first. Only received rich bubbles are kept across the
     * screen's refresh (hx-preserve), so these are read again whole when it was replaced meanwhile.
     */
    List<String> texts(String side) {
        return browser.steady(d -> d.findElements(By.cssSelector("#phone-messages .phone-bubble." + side)).stream()
                .map(b -> b.findElement(By.className("phone-text")).getText()).toList());
    }

    /**
     * Waits until Recado holds an inbound {@code channel} message from {@code from} saying {@code body},
     * a reply whose stored content has {@code content}.
     */
    JsonNode awaitInbound(String channel, String from, String body, String content) {
        JsonNode message = await().atMost(PATIENCE).until(() -> inbound(channel, from, body), m -> m != null);
        String stored = jdbc.sql("select content from messages where id = :id")
                .param("id", PublicId.parse("msg_", message.get("id").asString()).orElseThrow()).query(String.class).single();
        assertThat(stored).contains("\"type\":\"reply\"", content);
        return message;
    }

    /** The inbound {@code channel} message from {@code from} (any sender when null) saying {@code body}, or null. */
    JsonNode inbound(String channel, String from, String body) {
        for (JsonNode m : api.get("/v1/messages?direction=inbound&channel=" + channel, key).json().get("data")) {
            if ((from == null || m.get("from").asString().equals(from)) && body.equals(m.path("body").asString())) {
                return m;
            }
        }
        return null;
    }

    /** axe and the phone's width at 1280 and 390 px; what it finds is asserted at the end of the class. */
    void checkPage(String state) {
        var checks = new PageChecks(driver);
        problems.addAll(checks.check("phone-" + state, "en", 1280));
        problems.addAll(checks.check("phone-" + state, "en", 390));
        checks.resize(1280);
    }
}
