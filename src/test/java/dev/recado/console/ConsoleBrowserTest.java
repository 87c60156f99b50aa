package dev.recado.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recado.support.ApiClient;
import dev.recado.support.BrowserTest;
import dev.recado.support.RecadoTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.util.FileSystemUtils;

/**
 * The console in a real headless Chromium: what a shop owner does on a first day. Steps share
 * one browser (and its session) and run in order; each waits for what it expects to see.
 */
@RecadoTest
@BrowserTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserTest {

    private static final Duration PATIENCE = Duration.ofSeconds(15);

    @LocalServerPort
    int port;

    private ConsoleBrowser browser;
    private WebDriver driver;
    private WebDriverWait wait;
    private Path files;

    @BeforeAll
    void startBrowser() throws IOException {
        browser = new ConsoleBrowser(port, PATIENCE);
        driver = browser.driver;
        wait = browser.wait;
        files = Files.createTempDirectory("recado-upload-");
    }

    @AfterAll
    void quitBrowser() {
        if (browser != null) {
            browser.close();
        }
        FileSystemUtils.deleteRecursively(files.toFile());
    }

    @Test
    @Order(1)
    void signsInAfterAWrongPasswordAndSwitchesToSpanish() {
        driver.get(url("/contacts"));
        wait.until(ExpectedConditions.urlContains("/login"));
        signIn("wrong-password");
        wait.until(ExpectedConditions.urlContains("/login?error"));
        assertThat(text(By.id("login-error"))).isEqualTo("Wrong email or password.");

        signIn(TestUsers.ADMIN_PASSWORD);
        wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Dashboard"));
        assertThat(text(By.id("user-name"))).isEqualTo("Admin");
        assertThat(driver.findElements(By.id("nav-api-keys"))).hasSize(1);

        driver.findElement(By.id("lang-es")).click();
        wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Panel"));
        assertThat(driver.findElement(By.tagName("html")).getDomAttribute("lang")).isEqualTo("es");
        assertThat(text(By.id("nav-contacts"))).isEqualTo("Contactos");
        // the cookie keeps the choice on the next page
        driver.get(url("/contacts"));
        assertThat(text(By.tagName("h1"))).isEqualTo("Contactos");
    }

    @Test
    @Order(2)
    void importsACsvAndShowsTheRejectedRow() throws IOException {
        Path csv = files.resolve("clientes.csv");
        Files.writeString(csv, """
                first_name,last_name,phone,email
                Zuriñe,Etxeberria,+34 699 000 101,zurine@example.com
                Iker,Goikoetxea,699000102,iker@example.com
                Amaia,Badnumber,12345,
                Jon,Arrieta,+34699000104,
                Leire,Zabala,,leire@example.com
                """, StandardCharsets.UTF_8);
        driver.get(url("/contacts/import"));
        driver.findElement(By.id("import-file")).sendKeys(csv.toString());
        new Select(driver.findElement(By.id("import-consent-channel"))).selectByValue("sms");
        new Select(driver.findElement(By.id("import-consent-purpose"))).selectByValue("marketing");
        driver.findElement(By.id("import-evidence")).sendKeys("Hojas de alta firmadas en la tienda");
        driver.findElement(By.id("import-submit")).click();

        wait.until(ExpectedConditions.urlMatches("/contacts/import/imp_[0-9a-z]+$"));
        wait.until(d -> "completed".equals(d.findElement(By.id("import-progress")).getDomAttribute("data-status")));
        assertThat(text(By.id("import-status"))).isEqualTo("Terminada");
        assertThat(text(By.id("rows-read"))).isEqualTo("5");
        assertThat(text(By.id("rows-created"))).isEqualTo("4");
        assertThat(text(By.id("rows-rejected"))).isEqualTo("1");
        List<WebElement> rejected = driver.findElements(By.cssSelector("#rejections .rejection-row"));
        assertThat(rejected).hasSize(1);
        // rows are numbered as in a spreadsheet: the header is row 1, Amaia's row is row 4
        assertThat(rejected.get(0).findElement(By.className("row-number")).getText()).isEqualTo("4");
        assertThat(rejected.get(0).findElement(By.className("reason")).getText())
                .isEqualTo("Teléfono: no es un número de teléfono válido");
    }

    @Test
    @Order(3)
    void findsAnImportedContactAndRecordsAnOptOut() {
        driver.get(url("/contacts"));
        assertThat(driver.findElements(By.className("contact-row")).size()).isGreaterThanOrEqualTo(4);
        driver.findElement(By.id("q")).sendKeys("Zuri");
        // no submit: htmx swaps the results in as the user types
        wait.until(d -> d.findElements(By.className("contact-row")).size() == 1);
        assertThat(driver.getCurrentUrl()).contains("q=Zuri");
        // a slower keystroke's search can still swap the results in after the wait saw one row
        browser.click(By.cssSelector(".contact-row .contact-link"));

        wait.until(ExpectedConditions.textToBe(By.id("contact-name"), "Zuriñe Etxeberria"));
        assertThat(text(By.id("contact-phone"))).isEqualTo("+34699000101");
        List<WebElement> history = driver.findElements(By.cssSelector("#consent-history .consent-row"));
        assertThat(history).hasSize(1);
        assertThat(history.get(0).getDomAttribute("data-source")).isEqualTo("import");
        assertThat(history.get(0).getText()).contains("Importación").contains("Hojas de alta firmadas en la tienda");
        assertThat(stateOf("sms", "marketing")).isEqualTo("opted_in");

        new Select(driver.findElement(By.id("consent-channel"))).selectByValue("sms");
        new Select(driver.findElement(By.id("consent-purpose"))).selectByValue("marketing");
        new Select(driver.findElement(By.id("consent-status"))).selectByValue("opted_out");
        driver.findElement(By.id("consent-evidence")).sendKeys("Llamó a la tienda para darse de baja");
        driver.findElement(By.id("consent-submit")).click();

        wait.until(d -> d.findElements(By.cssSelector("#consent-history .consent-row")).size() == 2);
        assertThat(text(By.id("notice"))).isEqualTo("Consentimiento registrado.");
        WebElement newest = driver.findElement(By.cssSelector("#consent-history .consent-row"));
        assertThat(newest.getDomAttribute("data-source")).isEqualTo("agent");
        assertThat(newest.getDomAttribute("data-status")).isEqualTo("opted_out");
        assertThat(newest.findElement(By.className("actor")).getText()).isEqualTo("Admin");
        assertThat(newest.getText()).contains("Llamó a la tienda");
        assertThat(stateOf("sms", "marketing")).isEqualTo("opted_out");
        assertThat(stateOf("whatsapp", "marketing")).isEqualTo("none");
    }

    @Test
    @Order(4)
    void newContactFormShowsErrorsBesideTheFields() {
        driver.get(url("/contacts"));
        driver.findElement(By.id("new-phone")).sendKeys("not a phone");
        driver.findElement(By.id("new-first")).sendKeys("Nerea");
        driver.findElement(By.id("new-contact-submit")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("error-phone")));
        // letters are refused as such, not read as a keypad number or dropped as an extension
        assertThat(text(By.id("error-phone"))).isEqualTo("solo admite cifras, espacios y + - . ( ) / (ni letras ni extensión)");
        assertThat(driver.findElement(By.id("new-first")).getDomProperty("value")).isEqualTo("Nerea");

        driver.findElement(By.id("new-phone")).clear();
        driver.findElement(By.id("new-phone")).sendKeys("+34 699 000 104");
        driver.findElement(By.id("new-contact-submit")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("existing-contact"))).click();
        wait.until(ExpectedConditions.textToBe(By.id("contact-name"), "Jon Arrieta"));
    }

    @Test
    @Order(5)
    void anApiKeySecretIsShownOnceAndTheKeyCanBeRevoked() {
        driver.get(url("/api-keys"));
        driver.findElement(By.id("key-name")).sendKeys("CRM");
        new Select(driver.findElement(By.id("key-scope"))).selectByValue("read");
        driver.findElement(By.id("key-submit")).click();
        String secret = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("new-key-secret"))).getText();
        assertThat(secret).startsWith("rk_");
        var api = new ApiClient(port);
        assertThat(api.get("/v1/contacts?q=Zuri", secret).status()).isEqualTo(200);

        driver.get(url("/api-keys"));
        assertThat(driver.findElements(By.id("new-key"))).isEmpty();
        assertThat(driver.getPageSource()).doesNotContain(secret);

        WebElement row = driver.findElements(By.className("key-row")).stream()
                .filter(r -> r.findElement(By.className("key-name")).getText().equals("CRM")).findFirst().orElseThrow();
        row.findElement(By.cssSelector(".revoke-form button")).click();
        wait.until(ExpectedConditions.alertIsPresent()).accept();
        wait.until(ExpectedConditions.textToBe(By.id("notice"), "Clave «CRM» revocada."));
        assertThat(api.get("/v1/contacts", secret).status()).isEqualTo(401);
    }

    @Test
    @Order(6)
    void signsOut() {
        driver.findElement(By.id("logout")).click();
        wait.until(ExpectedConditions.urlContains("/login?logout"));
        assertThat(text(By.id("login-logout"))).isEqualTo("Has cerrado la sesión.");
        driver.get(url("/contacts"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
        assertThat(driver.getCurrentUrl()).endsWith("/login");
    }

    private void signIn(String password) {
        browser.signIn(TestUsers.ADMIN_EMAIL, password);
    }

    private String stateOf(String channel, String purpose) {
        return browser.consentState(channel, purpose);
    }

    private String text(By by) {
        return browser.text(by);
    }

    private String url(String path) {
        return browser.url(path);
    }
}
