package dev.recado.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recado.contacts.ContactInput;
import dev.recado.contacts.ContactManagement;
import dev.recado.support.BrowserTest;
import dev.recado.support.RecadoTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * A campaign through the console in a headless Chromium, in sandbox mode: a segment from the
 * editor, a campaign whose text has a placeholder and a link to its landing page, started; the
 * virtual phone receives the personalised SMS, the phone's browser opens the short link and lands
 * on the page greeting the person; the report counts the click. Every page state passes axe and
 * fits a phone's width.
 */
@RecadoTest
@BrowserTest
@TestPropertySource(properties = {"recado.sandbox=true", "recado.sandbox-receipt-delay-millis=50"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CampaignBrowserTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    /** A number no other test writes to, so the phone shows only this story. */
    private static final String NUMBER = "+34600000093";
    private static final String TAG = "lectores-" + System.nanoTime();
    private static final String SLUG = "regalo-" + System.nanoTime();
    /** A phone's browser: a headless one would be flagged as a scanner and its click not counted. */
    private static final String PHONE_AGENT = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36"
            + " (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36";
    private static final int PORT = freePort();

    /** Short links and landing pages are addressed on the server's own port, which the browser follows. */
    @DynamicPropertySource
    static void fixedPort(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> PORT);
    }

    @LocalServerPort
    int port;
    @Autowired
    ContactManagement contacts;
    @Autowired
    JdbcClient jdbc;

    private ConsoleBrowser browser;
    private WebDriver driver;
    private WebDriverWait wait;
    private PageChecks checks;
    private final List<String> problems = new ArrayList<>();
    private String campaignPath;

    @BeforeAll
    void startBrowser() {
        contacts.create(TestUsers.workspaceOf(jdbc, TestUsers.ADMIN_EMAIL), new ContactInput(NUMBER, null, "Marta",
                null, "es", null, List.of(TAG), Map.of()), false);
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
    void buildsTheSegmentWithALiveCount() {
        browser.open("/campaigns");
        browser.signIn(TestUsers.ADMIN_EMAIL, TestUsers.ADMIN_PASSWORD);
        wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Dashboard"));
        driver.findElement(By.id("nav-campaigns")).click();
        wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Campaigns"));
        driver.findElement(By.id("nav-segments")).click();
        driver.findElement(By.id("new-segment")).click();
        driver.findElement(By.id("segment-name")).sendKeys("Lectores " + TAG);
        driver.findElement(By.id("condition-field-0")).clear();
        driver.findElement(By.id("condition-field-0")).sendKeys("tag");
        new Select(driver.findElement(By.id("condition-op-0"))).selectByValue("has");
        driver.findElement(By.id("condition-value-0")).sendKeys(TAG);
        wait.until(d -> "1".equals(d.findElement(By.id("segment-live-count")).getDomAttribute("data-count")));
        problems.addAll(checks.check("segment-editor", "en", 390));
        checks.resize(1280);
        driver.findElement(By.id("segment-submit")).click();
        wait.until(ExpectedConditions.textToBe(By.id("segment-count"), "1"));
    }

    @Test
    @Order(2)
    void buildsTheCampaignWithALivePreviewAndSavesADraft() {
        driver.findElement(By.id("segment-use")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("builder")));
        driver.findElement(By.id("builder-name")).sendKeys("Regalo " + TAG);
        assertThat(new Select(driver.findElement(By.id("builder-segment"))).getFirstSelectedOption().getText())
                .isEqualTo("Lectores " + TAG);
        driver.findElement(By.id("content-new")).click();
        driver.findElement(By.id("builder-template-name")).sendKeys("Regalo " + TAG);
        driver.findElement(By.id("builder-body")).sendKeys("Hola {{first_name}}, tu regalo: "
                + browser.url("/p/" + SLUG));
        driver.findElement(By.id("purpose-transactional")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("preview-text"), "Hola Marta, tu regalo: "));
        // the link in the preview is already a short link of the length every recipient's will have
        assertThat(live(By.id("preview-text"))).contains("/l/").doesNotContain("/p/" + SLUG);
        assertThat(live(By.id("preview-encoding"))).isEqualTo("GSM-7");
        assertThat(live(By.id("review-recipients"))).isEqualTo("1");
        assertThat(live(By.id("review-total"))).isNotEqualTo("—");
        // Marta's own text, rendered for the review: one segment
        assertThat(live(By.id("review-segments-sms"))).isEqualTo("1");
        problems.addAll(checks.check("campaign-builder", "en", 1280));
        problems.addAll(checks.check("campaign-builder", "en", 390));
        checks.resize(1280);

        driver.findElement(By.id("builder-save")).click();
        wait.until(ExpectedConditions.urlMatches("/campaigns/cmp_[0-9a-z]+/edit$"));
        assertThat(browser.text(By.id("notice"))).startsWith("Draft saved");
        campaignPath = driver.getCurrentUrl().replaceAll("^.*(/campaigns/cmp_[0-9a-z]+)/edit$", "$1");
        assertThat(driver.findElement(By.id("content-saved")).isSelected()).isTrue();
    }

    @Test
    @Order(3)
    void addsTheLandingPageAndStartsTheCampaign() {
        browser.open(campaignPath);
        driver.findElement(By.id("landing-slug")).sendKeys(SLUG);
        driver.findElement(By.id("landing-title-field")).sendKeys("Tu regalo");
        driver.findElement(By.id("landing-text")).sendKeys("Un 10 % en tu próxima compra");
        driver.findElement(By.id("landing-submit")).click();
        wait.until(d -> !d.findElements(By.cssSelector(".landing-row[data-slug='" + SLUG + "']")).isEmpty());

        driver.findElement(By.id("campaign-start")).click();
        wait.until(ExpectedConditions.alertIsPresent()).accept();
        // no reload: the progress block polls itself until the campaign has finished
        // completed once enqueued; the bar reaches 100 % when the message is counted as sent
        wait.until(d -> "completed".equals(d.findElement(By.id("campaign-progress")).getDomAttribute("data-status"))
                && "100".equals(d.findElement(By.id("progress-bar")).getDomAttribute("data-percent")));
        assertThat(browser.text(By.id("stat-targeted"))).isEqualTo("1");
    }

    @Test
    @Order(4)
    void thePhoneReceivesThePersonalisedMessageAndItsLinkLandsOnThePage() {
        browser.open("/phone?number=%2B34600000093");
        // the screen is replaced every second: the bubble's text is taken in the look that finds it
        String bubble = wait.until(d -> d.findElements(By.cssSelector("#phone-messages .phone-bubble.received"))
                .stream().map(WebElement::getText).filter(t -> t.contains("Hola Marta, tu regalo: ")).findFirst().orElse(null));
        Matcher link = Pattern.compile("https?://[^/\\s]+(/l/[0-9A-Za-z]+)").matcher(bubble);
        assertThat(link.find()).as(bubble).isTrue();

        ((ChromeDriver) driver).executeCdpCommand("Network.setUserAgentOverride", Map.of("userAgent", PHONE_AGENT));
        browser.open(link.group(1));
        wait.until(ExpectedConditions.urlContains("/p/" + SLUG));
        assertThat(driver.findElement(By.tagName("body")).getText()).contains("Marta", "Tu regalo",
                "Un 10 % en tu próxima compra");
    }

    @Test
    @Order(5)
    void theReportCountsTheClick() {
        browser.open(campaignPath);
        wait.until(d -> {
            d.navigate().refresh();
            return "1".equals(d.findElement(By.id("stat-clicked")).getDomAttribute("data-unique"));
        });
        assertThat(driver.findElements(By.cssSelector("#top-links .link-row .url")).stream().map(WebElement::getText))
                .containsExactly(browser.url("/p/" + SLUG));
        assertThat(browser.text(By.id("stat-sent"))).isEqualTo("1");
        wait.until(d -> "true".equals(d.findElement(By.cssSelector("canvas[data-chart='time']"))
                .getDomAttribute("data-drawn")));
        assertThat(driver.findElement(By.id("recipients-csv")).getDomAttribute("href"))
                .isEqualTo(campaignPath + "/recipients.csv");
        problems.addAll(checks.check("campaign", "en", 1280));
        problems.addAll(checks.check("campaign", "en", 390));
        checks.resize(1280);

        driver.findElement(By.id("lang-es")).click();
        wait.until(ExpectedConditions.textToBe(By.id("report-title"), "Informe"));
        assertThat(browser.text(By.id("campaign-status"))).isEqualTo("Terminada");
        problems.addAll(checks.check("campaign", "es", 390));
        browser.open("/campaigns");
        problems.addAll(checks.check("campaigns", "es", 390));
        browser.open("/templates/new");
        problems.addAll(checks.check("template-editor", "es", 390));
        checks.resize(1280);
        driver.findElement(By.id("lang-en")).click();
        wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "New template"));
        assertThat(problems).isEmpty();
    }

    /**
     * A live panel's text: each change of the form can swap the panels again after the wait saw
     * them, so the element is found and read in one try.
     */
    private String live(By by) {
        return browser.steady(d -> d.findElement(by).getText().strip());
    }

    private static int freePort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
