package dev.recado.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recado.support.BrowserTest;
import dev.recado.support.RecadoTest;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
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
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * The message engine through the console in a headless Chromium, in sandbox mode: send an SMS,
 * watch it get delivered, receive it on the virtual phone, answer BAJA and see the opt-out on the
 * contact. Steps share one browser and run in order; each waits for what it expects to see.
 */
@RecadoTest
@BrowserTest
@TestPropertySource(properties = {"recado.sandbox=true", "recado.sandbox-receipt-delay-millis=50"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MessagingBrowserTest {

    /** Delivery goes through a real SMPP bind; an idle dispatcher may take up to 5 s to look again. */
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    /** A number no other test writes to, so the phone shows only this story. */
    private static final String NUMBER = "+34600000077";
    private static final String TEXT = "Hola desde la consola";

    @LocalServerPort
    int port;

    private ConsoleBrowser browser;
    private WebDriver driver;
    private WebDriverWait wait;
    private String messageId;

    @BeforeAll
    void startBrowser() {
        browser = new ConsoleBrowser(port, PATIENCE);
        driver = browser.driver;
        wait = browser.wait;
    }

    @AfterAll
    void quitBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    @Order(1)
    void signsInAndOpensTheMessageLog() {
        browser.open("/messages");
        browser.signIn(TestUsers.ADMIN_EMAIL, TestUsers.ADMIN_PASSWORD);
        wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Dashboard"));
        driver.findElement(By.id("nav-messages")).click();
        wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Messages"));
        assertThat(driver.findElements(By.id("nav-phone"))).hasSize(1);
    }

    @Test
    @Order(2)
    void sendsAnSmsAndWatchesItGetDelivered() {
        driver.findElement(By.id("send-to")).sendKeys(NUMBER);
        driver.findElement(By.id("send-body")).sendKeys(TEXT);
        assertThat(driver.findElement(By.id("send-transactional")).isSelected()).isTrue();
        driver.findElement(By.id("send-submit")).click();

        wait.until(ExpectedConditions.urlMatches("/messages/msg_[0-9a-z]+$"));
        messageId = browser.text(By.id("message-id"));
        assertThat(driver.getCurrentUrl()).endsWith("/messages/" + messageId);
        assertThat(browser.text(By.id("message-body"))).isEqualTo(TEXT);
        assertThat(browser.text(By.id("message-to"))).isEqualTo(NUMBER);
        // no reload: the status block polls itself until the receipt has come
        wait.until(d -> "delivered".equals(d.findElement(By.id("message-status")).getDomAttribute("data-status")));
        assertThat(browser.text(By.id("status-badge"))).isEqualTo("Delivered");
        assertThat(driver.findElements(By.cssSelector("#timeline .timeline-step")).stream()
                .map(s -> s.getDomAttribute("data-status")).toList())
                .containsExactly("accepted", "queued", "sent", "delivered");
        assertThat(browser.text(By.id("provider-id"))).isNotEqualTo("—");
        assertThat(driver.findElement(By.id("message-status")).getDomAttribute("hx-trigger")).isNull();
        assertThat(driver.findElements(By.id("cancel-form"))).isEmpty();

        browser.open("/messages?status=delivered");
        assertThat(driver.findElements(By.cssSelector(".message-row .message-link")).stream()
                .map(a -> a.getDomAttribute("href"))).contains("/messages/" + messageId);
    }

    @Test
    @Order(3)
    void thePhoneReceivesItAndRepliesBaja() {
        browser.open("/phone?number=%2B34600000077");
        // the screen is replaced every second: the bubble's id is read in the look that finds it
        Optional<String> shownId = wait.until(d -> d.findElements(By.cssSelector("#phone-messages .phone-bubble.received"))
                .stream().filter(b -> b.getText().contains(TEXT)).findFirst()
                .map(b -> Optional.ofNullable(b.getDomAttribute("data-message-id"))).orElse(null));
        assertThat(shownId).hasValue(messageId);

        driver.findElement(By.id("phone-reply-text")).sendKeys("BAJA");
        driver.findElement(By.id("phone-reply-send")).click();
        // the reply is a real inbound SMS: the keyword rule answers it, and that answer reaches the phone
        wait.until(d -> bubbles("received").stream().findFirst().orElse("").startsWith("Te hemos dado de baja"));
        wait.until(d -> bubbles("sent").contains("BAJA"));
        assertThat(bubbles("received")).hasSize(2);
        assertThat(bubbles("received").get(1)).isEqualTo(TEXT);
    }

    @Test
    @Order(4)
    void theContactShowsTheOptOut() {
        browser.open("/contacts");
        driver.findElement(By.id("q")).sendKeys("600000077");
        wait.until(d -> d.findElements(By.className("contact-row")).size() == 1);
        // a slower keystroke's search can still swap the results in after the wait saw one row
        browser.click(By.cssSelector(".contact-row .contact-link"));

        wait.until(ExpectedConditions.textToBe(By.id("contact-phone"), NUMBER));
        assertThat(browser.consentState("sms", "marketing")).isEqualTo("opted_out");
        assertThat(driver.findElements(By.cssSelector("#consent-history .consent-row")).stream()
                .map(r -> r.getDomAttribute("data-source"))).contains("keyword");
    }

    @Test
    @Order(5)
    void aMarketingSmsToThePersonWhoLeftIsRefusedOnTheForm() {
        browser.open("/messages");
        driver.findElement(By.id("send-to")).sendKeys(NUMBER);
        driver.findElement(By.id("send-body")).sendKeys("Oferta de primavera");
        driver.findElement(By.id("send-marketing")).click();
        driver.findElement(By.id("send-submit")).click();

        WebElement error = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("send-error")));
        assertThat(error.getDomAttribute("data-code")).isEqualTo("opted_out");
        assertThat(error.getText()).contains("opted out");
        assertThat(driver.findElement(By.id("send-body")).getDomProperty("value")).isEqualTo("Oferta de primavera");
        assertThat(driver.findElement(By.id("send-marketing")).isSelected()).isTrue();
    }

    @Test
    @Order(6)
    void theSandboxSenderShowsItsLiveBind() {
        browser.open("/senders");
        // the table is replaced every 2 s: the row is read whole in the look that finds it
        record Row(String status, String text) {
        }
        Row row = wait.until(d -> d.findElements(By.className("sender-row")).stream()
                .filter(r -> "connected".equals(r.getDomAttribute("data-status")) && r.getText().contains("Sandbox SMS"))
                .findFirst().map(r -> new Row(r.findElement(By.className("sender-status")).getText(), r.getText()))
                .orElse(null));
        assertThat(row.status()).isEqualTo("Connected");
        assertThat(row.text()).contains("Sandbox SMS").contains("sandbox");
    }

    @Test
    @Order(7)
    void theBalancePageListsTheUsage() {
        browser.open("/billing");
        assertThat(browser.text(By.id("balance-available"))).isNotEqualTo("—");
        // usage is settled in batches after the carrier accepted: wait for the line, then read it
        browser.wait.until(d -> kinds().contains("usage"));
        assertThat(kinds()).contains("trial");
    }

    private List<String> kinds() {
        driver.navigate().refresh();
        return driver.findElements(By.className("ledger-row")).stream().map(r -> r.getDomAttribute("data-kind")).toList();
    }

    /** The texts on the phone's screen from one side, newest first; read again whole when the screen was replaced meanwhile. */
    private List<String> bubbles(String side) {
        return browser.steady(d -> d.findElements(By.cssSelector("#phone-messages .phone-bubble." + side)).stream()
                .map(b -> b.findElement(By.className("phone-text")).getText()).toList());
    }
}
