package dev.recado.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recado.contacts.ContactInput;
import dev.recado.contacts.ContactManagement;
import dev.recado.support.BrowserTest;
import dev.recado.support.RecadoTest;
import java.time.Duration;
import java.util.ArrayList;
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
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The new contact and balance tools used as a shop owner would, in a real Chromium on a phone
 * (390 px): a tag chip, a bulk action with its confirmation, the edit form's field errors, chosen
 * columns, a top-up request. Each state is axe-checked and screenshotted.
 */
@RecadoTest
@BrowserTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ContactsAndBalanceBrowserTest extends NewWorkspaceSupport {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @Autowired
    ContactManagement contacts;

    private ConsoleBrowser browser;
    private WebDriver driver;
    private WebDriverWait wait;
    private PageChecks checks;
    private final List<String> problems = new ArrayList<>();

    @BeforeAll
    void aShopWithContacts() {
        var owner = newWorkspace("Quesería Ane", "ane@test.local", "2.00");
        long ws = owner.workspaceId();
        contacts.create(ws, new ContactInput("+34600000951", null, "Amaia", "Ruiz", null, null, List.of("socia"),
                Map.of("pueblo", "Tolosa")), false);
        contacts.create(ws, new ContactInput("+34600000952", null, "Bittor", null, null, null, List.of("socia"),
                Map.of("pueblo", "Azpeitia")), false);
        contacts.create(ws, new ContactInput("+34600000953", null, "Koldo", null, null, null, List.of(), Map.of()), false);
        browser = new ConsoleBrowser(port, PATIENCE);
        driver = browser.driver;
        wait = browser.wait;
        checks = new PageChecks(driver);
        checks.resize(390);
        browser.open("/login?lang=es");
        browser.signIn("ane@test.local", "ane@test.local-password");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("nav-dashboard")));
    }

    @AfterAll
    void quitBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    @Order(1)
    void aTagChipFiltersAndABulkTagIsConfirmedWithItsCount() {
        browser.open("/contacts?lang=es");
        driver.findElement(By.cssSelector("#tag-chips a.chip")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("tag-chip")));
        assertThat(browser.text(By.id("tag-chip"))).startsWith("socia");
        assertThat(driver.findElements(By.className("contact-row"))).hasSize(2);
        problems.addAll(checks.check("flow-contacts-chip", "es", 390));

        driver.findElement(By.id("select-all")).click();
        new Select(driver.findElement(By.id("bulk-action"))).selectByValue("tag");
        driver.findElement(By.id("bulk-tag")).sendKeys("Fiel");
        driver.findElement(By.id("bulk-submit")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("bulk-question")));
        assertThat(browser.text(By.id("bulk-question"))).isEqualTo("¿Añadir la etiqueta «fiel» a 2 contactos?");
        problems.addAll(checks.check("flow-contacts-bulk-confirm", "es", 390));
        driver.findElement(By.id("bulk-confirm-submit")).click();
        wait.until(ExpectedConditions.textToBe(By.id("notice"), "2 contactos etiquetados."));
        assertThat(driver.getCurrentUrl()).endsWith("/contacts?tag=socia");
        assertThat(driver.findElements(By.xpath("//tr[@class='contact-row']//span[@class='tag' and text()='fiel']")))
                .hasSize(2);

        // the tag box hides for actions without a tag
        new Select(driver.findElement(By.id("bulk-action"))).selectByValue("erase");
        assertThat(driver.findElement(By.id("bulk-tag")).isDisplayed()).isFalse();
        assertThat(problems).isEmpty();
    }

    @Test
    @Order(2)
    void chosenAttributeColumnsStay() {
        browser.open("/contacts?lang=es");
        driver.findElement(By.cssSelector("#columns-chooser summary")).click();
        driver.findElement(By.id("column-pueblo")).click();
        driver.findElement(By.id("columns-save")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("th.attribute-column")));
        browser.open("/contacts?lang=es&q=Amaia");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("td.attribute-cell")));
        assertThat(browser.text(By.cssSelector("td.attribute-cell"))).isEqualTo("Tolosa");
        problems.addAll(checks.check("flow-contacts-columns", "es", 390));
        assertThat(problems).isEmpty();
    }

    @Test
    @Order(3)
    void theEditFormShowsItsErrorsBesideTheFields() {
        browser.open("/contacts?lang=en&q=Koldo");
        wait.until(d -> d.findElements(By.className("contact-row")).size() == 1);
        driver.findElement(By.cssSelector(".contact-row .contact-link")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("contact-name")));
        driver.findElement(By.cssSelector("#contact-edit summary")).click();
        var email = driver.findElement(By.id("edit-email"));
        email.sendKeys("koldo-at-example");
        driver.findElement(By.id("contact-save")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("edit-error-email")));
        assertThat(driver.findElement(By.id("edit-email")).getDomAttribute("aria-describedby")).isEqualTo("edit-error-email");
        problems.addAll(checks.check("flow-contact-edit-error", "en", 390));
        var fixed = driver.findElement(By.id("edit-email"));
        fixed.clear();
        fixed.sendKeys("koldo@example.com");
        driver.findElement(By.id("edit-last_name")).sendKeys("Etxeberria");
        driver.findElement(By.id("contact-save")).click();
        wait.until(ExpectedConditions.textToBe(By.id("notice"), "Contact saved."));
        assertThat(browser.text(By.id("contact-name"))).isEqualTo("Koldo Etxeberria");
        assertThat(browser.text(By.id("contact-email"))).isEqualTo("koldo@example.com");
        assertThat(problems).isEmpty();
    }

    @Test
    @Order(4)
    void aTopUpRequestShowsAsPending() {
        for (String lang : List.of("es", "en")) {
            for (int width : List.of(390, 1280)) {
                checks.resize(width);
                browser.open("/billing?lang=" + lang);
                wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("topup-form")));
                problems.addAll(checks.check("flow-billing", lang, width));
            }
        }
        checks.resize(390);
        browser.open("/billing?lang=es");
        driver.findElement(By.id("topup-amount")).sendKeys("doce");
        driver.findElement(By.id("topup-submit")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("error-amount")));
        problems.addAll(checks.check("flow-billing-topup-error", "es", 390));
        var amount = driver.findElement(By.id("topup-amount"));
        amount.clear();
        amount.sendKeys("15,50");
        driver.findElement(By.id("topup-note")).sendKeys("Pagado en tienda");
        driver.findElement(By.id("topup-submit")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".topup-row[data-status='pending']")));
        assertThat(browser.text(By.cssSelector(".topup-row[data-status='pending'] .badge"))).isEqualTo("pendiente");
        problems.addAll(checks.check("flow-billing-topup-sent", "es", 390));
        assertThat(problems).isEmpty();
    }

    @Test
    @Order(5)
    void theMessageLogFiltersByDayAsTheDateChanges() {
        browser.open("/messages?lang=es");
        ((JavascriptExecutor) driver).executeScript("""
                var from = document.getElementById('filter-from');
                from.value = '2020-01-01';
                from.dispatchEvent(new Event('change', {bubbles: true}));""");
        wait.until(ExpectedConditions.urlContains("from=2020-01-01"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#message-rows tr.empty")));
        problems.addAll(checks.check("flow-messages-dates", "es", 390));
        assertThat(problems).isEmpty();
    }
}
