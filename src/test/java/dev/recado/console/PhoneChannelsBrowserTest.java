package dev.recado.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.recado.common.PublicId;
import dev.recado.support.ApiClient;
import dev.recado.support.RecadoTest;
import java.time.Duration;
import java.util.ArrayList;
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
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The virtual phone's rich channels in a headless Chromium, each through its sandbox twin: the
 * business sends over the API (WhatsApp buttons, a list and media; an RCS card with suggestions; an
 * HTML email), the phone draws it, the customer taps or replies there, and the API then holds the
 * inbound answer as Recado received it from the twin.
 */
@RecadoTest
@TestPropertySource(properties = {"recado.sandbox=true", "recado.sandbox-receipt-delay-millis=50"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PhoneChannelsBrowserTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final String NUMBER = "+34600000061";
    private static final String ADDRESS = "ana.telefono@cliente.example";

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PasswordEncoder passwords;

    private ApiClient api;
    private String key;
    private ConsoleBrowser browser;
    private WebDriver driver;
    private WebDriverWait wait;
    private final List<String> problems = new ArrayList<>();

    @BeforeAll
    void startBrowser() {
        api = new ApiClient(port);
        String name = "Phone channels " + System.nanoTime();
        key = api.newWorkspace(name);
        long workspace = jdbc.sql("select id from workspaces where name = :name").param("name", name).query(Long.class).single();
        TestUsers.createAgent(jdbc, passwords, workspace, "phone-agent@test.local", "phone-agent-password");
        browser = new ConsoleBrowser(port, PATIENCE);
        driver = browser.driver;
        wait = browser.wait;
        browser.open("/phone");
        browser.signIn("phone-agent@test.local", "phone-agent-password");
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

    @Test
    @Order(1)
    void whatsAppShowsButtonsAListAndMediaAndTapsGoBackAsReplies() {
        driver.findElement(By.id("phone-channel-whatsapp")).click();
        wait.until(ExpectedConditions.attributeToBe(By.id("phone"), "data-channel", "whatsapp"));
        assertThat(browser.text(By.id("phone-help"))).startsWith("Replies reach Recado as real WhatsApp messages");
        // outside the service window only a template goes out; the handset shows its name and parameters
        String template = send("""
                {"to":"%s","channel":"whatsapp","template":{"name":"cita","language":"es","params":["martes","10:00"]}}""");
        WebElement templateBubble = wait.until(d -> bubble(template));
        assertThat(templateBubble.findElement(By.className("phone-label")).getText()).isEqualTo("Template cita · es");
        assertThat(templateBubble.findElement(By.className("phone-text")).getText()).isEqualTo("martes\n10:00");
        // the customer writes, which opens the service window for free-form messages
        driver.findElement(By.id("phone-reply-text")).sendKeys("Hola, quiero una cita");
        driver.findElement(By.id("phone-reply-send")).click();
        wait.until(d -> texts("sent").contains("Hola, quiero una cita"));

        String buttons = send("""
                {"to":"%s","channel":"whatsapp","body":"¿Te va bien el martes?",
                 "buttons":[{"id":"ok","title":"Sí"},{"id":"other_day","title":"Otro día"}]}""");
        String list = send("""
                {"to":"%s","channel":"whatsapp","body":"Elige sede","list":{"button":"Ver sedes","sections":[
                 {"title":"Madrid","rows":[{"id":"mad_sol","title":"Sol","description":"Puerta del Sol 1"},
                  {"id":"mad_ret","title":"Retiro"}]}]}}""");
        String image = send("""
                {"to":"%s","channel":"whatsapp","media":{"kind":"image","url":"https://cdn.example.com/sede.jpg","caption":"Nuestra sede"}}""");
        String document = send("""
                {"to":"%s","channel":"whatsapp","media":{"kind":"document","url":"https://cdn.example.com/tarifas.pdf"}}""");

        WebElement picture = wait.until(d -> bubble(image).findElement(By.cssSelector("img.phone-image")));
        assertThat(picture.getDomAttribute("src")).isEqualTo("https://cdn.example.com/sede.jpg");
        assertThat(bubble(image).findElement(By.className("phone-text")).getText()).isEqualTo("Nuestra sede");
        WebElement attachment = wait.until(d -> bubble(document).findElement(By.className("phone-attachment")));
        assertThat(attachment.getText()).isEqualTo("Document: tarifas.pdf");
        assertThat(attachment.getDomAttribute("href")).isEqualTo("https://cdn.example.com/tarifas.pdf");
        assertThat(wait.until(d -> bubble(buttons).findElements(By.cssSelector("button.phone-choice"))).stream()
                .map(WebElement::getText).toList()).containsExactly("Sí", "Otro día");

        tap(buttons, "button[data-tap='other_day']");
        awaitInbound("whatsapp", NUMBER, "Otro día", "\"id\":\"other_day\"");
        wait.until(d -> texts("sent").contains("Otro día"));

        // the list opens on the phone and stays open while the screen refreshes
        wait.until(d -> {
            bubble(list).findElement(By.cssSelector("details.phone-list summary")).click();
            return true;
        });
        WebElement row = wait.until(ExpectedConditions.visibilityOfNestedElementsLocatedBy(By.id("bubble-" + list),
                By.cssSelector("button[data-tap='mad_sol']"))).get(0);
        assertThat(row.getText()).contains("Sol", "Puerta del Sol 1");
        tap(list, "button[data-tap='mad_sol']");
        awaitInbound("whatsapp", NUMBER, "Sol", "\"id\":\"mad_sol\"");
        checkPage("whatsapp");
    }

    @Test
    @Order(2)
    void rcsShowsACardWithChipsAndASuggestedReplyGoesBackAsItsPostback() {
        driver.findElement(By.id("phone-channel-rcs")).click();
        wait.until(ExpectedConditions.attributeToBe(By.id("phone"), "data-channel", "rcs"));
        String card = send("""
                {"to":"%s","channel":"rcs","card":{"title":"Cita el martes","description":"10:00 con Dr. Pérez",
                 "media_url":"https://cdn.example.com/clinica.jpg",
                 "suggestions":[{"type":"reply","text":"Confirmo","postback_data":"confirm_42"},
                  {"type":"reply","text":"Cambiar","postback_data":"change_42"}]},
                 "suggestions":[{"type":"dial","text":"Llamar","phone_number":"+34910000000"},
                  {"type":"open_url","text":"Ver web","url":"https://clinica.example.com/cita"}]}""");
        WebElement cardView = wait.until(d -> bubble(card).findElement(By.className("phone-card")));
        assertThat(cardView.findElement(By.className("phone-card-title")).getText()).isEqualTo("Cita el martes");
        assertThat(cardView.findElement(By.className("phone-card-text")).getText()).isEqualTo("10:00 con Dr. Pérez");
        assertThat(cardView.findElement(By.className("phone-card-image")).getDomAttribute("src"))
                .isEqualTo("https://cdn.example.com/clinica.jpg");
        assertThat(cardView.findElements(By.cssSelector("button.phone-choice")).stream().map(WebElement::getText).toList())
                .containsExactly("Confirmo", "Cambiar");
        List<WebElement> actions = bubble(card).findElements(By.cssSelector(":scope > .phone-chips a.phone-choice"));
        assertThat(actions).extracting(a -> a.getDomAttribute("href"))
                .containsExactly("tel:+34910000000", "https://clinica.example.com/cita");

        tap(card, "button[data-tap='change_42']");
        awaitInbound("rcs", NUMBER, "Cambiar", "\"id\":\"change_42\"");
        wait.until(d -> texts("sent").contains("Cambiar"));
        checkPage("rcs");
    }

    @Test
    @Order(3)
    void emailOpensInASandboxedFrameAndTheReplyArrivesThreaded() {
        driver.findElement(By.id("phone-channel-email")).click();
        wait.until(ExpectedConditions.attributeToBe(By.id("phone"), "data-channel", "email"));
        driver.findElement(By.id("phone-address-input")).clear();
        driver.findElement(By.id("phone-address-input")).sendKeys(ADDRESS);
        driver.findElement(By.id("phone-address-open")).click();
        wait.until(ExpectedConditions.textToBe(By.id("phone-number"), ADDRESS));
        var sent = api.post("/v1/messages", key, """
                {"to":"%s","channel":"email","subject":"Tu cita del martes","body":"Hola Ana, te esperamos.",
                 "html":"<p id=\\"greeting\\">Hola <b>Ana</b>, te esperamos.</p><script>document.body.insertAdjacentHTML('beforeend','<p id=\\"ran\\">script</p>')</script>"}"""
                .formatted(ADDRESS));
        assertThat(sent.status()).as(sent.body()).isEqualTo(202);
        String id = sent.text("id");

        WebElement row = wait.until(d -> d.findElement(By.cssSelector("#phone-inbox li[data-message-id='" + id + "']")));
        assertThat(row.findElement(By.className("phone-mail-subject")).getText()).isEqualTo("Tu cita del martes");
        assertThat(row.findElement(By.className("phone-mail-from")).getText()).contains("@");
        wait.until(d -> {
            d.findElement(By.cssSelector("#phone-inbox li[data-message-id='" + id + "'] a")).click();
            return true;
        });
        wait.until(ExpectedConditions.textToBe(By.id("phone-email-subject"), "Tu cita del martes"));
        WebElement frame = driver.findElement(By.id("phone-email-html"));
        assertThat(frame.getDomAttribute("sandbox")).isEmpty();
        assertThat(frame.getDomAttribute("srcdoc")).contains("<script>");
        driver.switchTo().frame(frame);
        assertThat(wait.until(d -> d.findElement(By.id("greeting"))).getText()).isEqualTo("Hola Ana, te esperamos.");
        assertThat(driver.findElements(By.id("ran"))).as("the email's script must not run").isEmpty();
        driver.switchTo().defaultContent();
        driver.findElement(By.cssSelector("#phone-email-text summary")).click();
        assertThat(browser.text(By.cssSelector("#phone-email-text pre"))).isEqualTo("Hola Ana, te esperamos.");
        checkPage("email");

        driver.findElement(By.id("phone-reply-text")).sendKeys("Allí estaré");
        driver.findElement(By.id("phone-reply-send")).click();
        JsonNode reply = await().atMost(PATIENCE).until(() -> inbound("email", ADDRESS, "Allí estaré"), r -> r != null);
        assertThat(reply.get("in_reply_to").asString()).isEqualTo(id);
        // back on the email, its thread shows the reply as Recado stored it
        WebElement shown = new WebDriverWait(driver, PATIENCE)
                .withMessage(() -> driver.getCurrentUrl() + " " + driver.findElement(By.tagName("main")).getText())
                .until(d -> d.findElement(By.cssSelector("#phone-email .phone-bubble.sent")));
        assertThat(shown.getDomAttribute("data-message-id")).isEqualTo(reply.get("id").asString());
        assertThat(shown.findElement(By.className("phone-text")).getText()).isEqualTo("Allí estaré");
        assertThat(driver.findElements(By.id("phone-reply-error"))).isEmpty();
        assertThat(problems).isEmpty();
    }

    private String send(String json) {
        var sent = api.post("/v1/messages", key, json.formatted(NUMBER));
        assertThat(sent.status()).as(sent.body()).isEqualTo(202);
        return sent.text("id");
    }

    private WebElement bubble(String messageId) {
        return driver.findElement(By.id("bubble-" + messageId));
    }

    /** Taps as the customer: the page reloads after the tap, so the wait ends when it is no longer this page. */
    private void tap(String messageId, String css) {
        WebElement body = driver.findElement(By.tagName("body"));
        wait.until(d -> {
            bubble(messageId).findElement(By.cssSelector(css)).click();
            return true;
        });
        wait.until(ExpectedConditions.stalenessOf(body));
        assertThat(driver.findElements(By.id("phone-reply-error"))).isEmpty();
    }

    /** The texts of the customer's own bubbles, newest first. */
    private List<String> texts(String side) {
        return driver.findElements(By.cssSelector("#phone-messages .phone-bubble." + side)).stream()
                .map(b -> b.findElement(By.className("phone-text")).getText()).toList();
    }

    /** Waits until Recado holds an inbound {@code channel} message from {@code from} saying {@code body}. */
    private void awaitInbound(String channel, String from, String body, String content) {
        JsonNode message = await().atMost(PATIENCE).until(() -> inbound(channel, from, body), m -> m != null);
        String stored = jdbc.sql("select content from messages where id = :id")
                .param("id", PublicId.parse("msg_", message.get("id").asString()).orElseThrow()).query(String.class).single();
        assertThat(stored).contains("\"type\":\"reply\"", content);
    }

    private JsonNode inbound(String channel, String from, String body) {
        for (JsonNode m : api.get("/v1/messages?direction=inbound&channel=" + channel, key).json().get("data")) {
            if (m.get("from").asString().equals(from) && body.equals(m.path("body").asString())) {
                return m;
            }
        }
        return null;
    }

    private void checkPage(String state) {
        var checks = new PageChecks(driver);
        problems.addAll(checks.check("phone-" + state, "en", 1280));
        problems.addAll(checks.check("phone-" + state, "en", 390));
        checks.resize(1280);
    }
}
