package dev.recado.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recado.support.BrowserTest;
import dev.recado.support.RecadoTest;
import dev.recado.support.TestSmsc;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The senders page in a headless Chromium, against the SMSC simulator over TCP and a port nobody
 * listens on: add an SMPP sender (a refused form first), watch it connect and become the default,
 * test connections, choose the default, disable, enable and edit, and read it all in Spanish.
 */
@RecadoTest
@BrowserTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SendersBrowserTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final String CARRIER = "Carrier " + Long.toString(System.nanoTime() % 100_000, 36);
    private static final String BACKUP = "Backup " + Long.toString(System.nanoTime() % 100_000, 36);

    @RegisterExtension
    static TestSmsc smscs = new TestSmsc(Duration.ofMillis(20));

    @LocalServerPort
    int port;

    private ConsoleBrowser browser;
    private WebDriver driver;
    private WebDriverWait wait;
    private int deadPort;

    @BeforeAll
    void startBrowser() {
        browser = new ConsoleBrowser(port, PATIENCE);
        driver = browser.driver;
        wait = browser.wait;
        try (ServerSocket socket = new ServerSocket(0)) {
            deadPort = socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterAll
    void quitBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    private By row(String name) {
        return By.xpath("//tr[contains(@class,'sender-row')][.//span[@class='sender-name' and text()='" + name + "']]");
    }

    private String attr(String name, String attribute) {
        return browser.steady(d -> d.findElement(row(name)).getDomAttribute(attribute));
    }

    private void fill(String id, String value) {
        WebElement field = driver.findElement(By.id(id));
        field.clear();
        field.sendKeys(value);
    }

    private void fillSender(String name, int smppPort) {
        fill("sender-name", name);
        fill("sender-host", "127.0.0.1");
        fill("sender-port", Integer.toString(smppPort));
        fill("sender-system-id", TestSmsc.systemId("br"));
        fill("sender-password", "secret");
        fill("sender-source-address", "Tienda");
    }

    private void click(String name, String action) {
        browser.click(row(name), By.cssSelector("." + action));
    }

    @Test
    @Order(1)
    void addsAnSmppSenderThatBecomesTheDefaultOnceConnected() {
        browser.open("/senders");
        browser.signIn(TestUsers.ADMIN_EMAIL, TestUsers.ADMIN_PASSWORD);
        wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Dashboard"));
        driver.findElement(By.id("nav-senders")).click();
        wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Senders"));

        // refused: the field is named and nothing is added
        fillSender(CARRIER, smscs.simulator().port());
        fill("sender-port", "not-a-port");
        driver.findElement(By.id("sender-submit")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#sender-errors li[data-field='port']")));
        assertThat(driver.findElement(By.id("sender-port")).getDomAttribute("class")).contains("invalid");
        assertThat(driver.findElements(row(CARRIER))).isEmpty();

        fillSender(CARRIER, smscs.simulator().port());
        driver.findElement(By.id("sender-submit")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("notice"), CARRIER + " added"));
        wait.until(d -> "connected".equals(attr(CARRIER, "data-status")));
        wait.until(d -> "true".equals(attr(CARRIER, "data-default")));
    }

    @Test
    @Order(2)
    void aSenderThatCannotConnectIsNotTheDefaultAndItsTestSaysSo() {
        fillSender(BACKUP, deadPort);
        driver.findElement(By.id("sender-submit")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("notice"), BACKUP + " added"));
        assertThat(attr(BACKUP, "data-default")).isEqualTo("false");

        click(BACKUP, "sender-test");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("test-result")));
        assertThat(driver.findElement(By.id("test-result")).getDomAttribute("data-connected")).isEqualTo("false");
        assertThat(browser.text(By.id("test-result"))).startsWith(BACKUP + ": could not connect");

        click(CARRIER, "sender-test");
        wait.until(ExpectedConditions.textToBe(By.id("test-result"), CARRIER + ": connected."));
        assertThat(attr(CARRIER, "data-default")).isEqualTo("true");
    }

    @Test
    @Order(3)
    void choosesTheDefaultDisablesAndEnables() {
        click(BACKUP, "sender-default");
        wait.until(ExpectedConditions.textToBe(By.id("notice"), BACKUP + " is now the default."));
        assertThat(attr(BACKUP, "data-default")).isEqualTo("true");
        assertThat(attr(CARRIER, "data-default")).isEqualTo("false");

        click(BACKUP, "sender-disable");
        wait.until(ExpectedConditions.alertIsPresent()).accept();
        wait.until(ExpectedConditions.textToBe(By.id("notice"), BACKUP + " disabled."));
        assertThat(attr(BACKUP, "data-enabled")).isEqualTo("false");
        // the default moved to a sender that remains (the connected Carrier, unless another test's sender was first)
        assertThat(attr(BACKUP, "data-default")).isEqualTo("false");
        assertThat(driver.findElements(By.cssSelector("tr.sender-row[data-default='true']"))).hasSize(1);

        click(BACKUP, "sender-enable");
        wait.until(ExpectedConditions.textToBe(By.id("notice"), BACKUP + " enabled."));
        assertThat(attr(BACKUP, "data-enabled")).isEqualTo("true");
        assertThat(attr(BACKUP, "data-default")).isEqualTo("false");
    }

    @Test
    @Order(4)
    void editsASenderWithoutShowingItsPassword() {
        click(CARRIER, "sender-edit");
        wait.until(ExpectedConditions.textToBe(By.tagName("h1"), CARRIER));
        assertThat(driver.findElement(By.id("sender-password")).getDomProperty("value")).isEmpty();
        assertThat(driver.findElement(By.id("sender-port")).getDomProperty("value"))
                .isEqualTo(Integer.toString(smscs.simulator().port()));
        fill("sender-window", "0");
        driver.findElement(By.id("sender-submit")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#sender-errors li[data-field='window']")));

        fill("sender-name", CARRIER + " ES");
        fill("sender-window", "5");
        driver.findElement(By.id("sender-submit")).click();
        wait.until(ExpectedConditions.textToBe(By.id("notice"), CARRIER + " ES saved."));
        wait.until(d -> "connected".equals(attr(CARRIER + " ES", "data-status")));
        assertThat(browser.<String>steady(d -> d.findElement(row(CARRIER + " ES")).findElements(By.tagName("td")).get(5).getText()))
                .isEqualTo("5");
    }

    @Test
    @Order(5)
    void theSendersPageSpeaksSpanish() {
        driver.findElement(By.id("lang-es")).click();
        wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Remitentes"));
        assertThat(browser.text(By.cssSelector("#add-sender h2"))).isEqualTo("Añadir un remitente SMPP");
        assertThat(browser.<String>steady(d -> d.findElement(row(BACKUP)).findElement(By.cssSelector(".sender-test")).getText()))
                .isEqualTo("Probar");
        click(BACKUP, "sender-test");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("test-result")));
        assertThat(browser.text(By.id("test-result"))).startsWith(BACKUP + ": no se pudo conectar");
        driver.findElement(By.id("lang-en")).click();
        wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Senders"));
    }
}
