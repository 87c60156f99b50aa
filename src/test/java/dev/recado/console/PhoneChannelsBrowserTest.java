package dev.recado.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.recado.support.BrowserTest;
import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;

/**
 * The virtual phone's rich channels in a headless Chromium, each through its sandbox twin: the
 * business sends over the API (WhatsApp buttons, a list and media; an RCS card with suggestions; an
 * HTML email), the phone draws it, the customer taps or replies there, and the API then holds the
 * inbound answer as Recado received it from the twin. Telegram and web chat: {@link PhoneChatBrowserTest}.
 */
@BrowserTest
class PhoneChannelsBrowserTest extends PhoneBrowserTestBase {

    private static final String ADDRESS = "ana.telefono@cliente.example";

    @Test
    @Order(1)
    void whatsAppShowsButtonsAListAndMediaAndTapsGoBackAsReplies() {
        switchTo("whatsapp");
        assertThat(browser.text(By.id("phone-help"))).startsWith("Replies reach Recado as real WhatsApp messages");
        // outside the service window only an approved template goes out (the twin approves at once);
        // the handset shows its name and parameters
        String twin = java.util.stream.StreamSupport.stream(api.get("/v1/senders", key).json().path("data")
                .spliterator(), false).filter(s -> s.path("provider").asString().equals("sandbox_whatsapp"))
                .findFirst().orElseThrow().path("id").asString();
        var submitted = api.post("/v1/senders/" + twin + "/templates", key, """
                {"name":"cita","language":"es","category":"UTILITY","components":[{"type":"BODY",
                 "text":"Su cita: {{1}} a las {{2}}","example":{"body_text":[["martes","10:00"]]}}]}""");
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(201);
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
        switchTo("rcs");
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
        switchTo("email");
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

        // the inbox is replaced every second and its rows are not preserved: each is found and read in one try
        By row = By.cssSelector("#phone-inbox li[data-message-id='" + id + "']");
        assertThat(browser.<String>steady(d -> d.findElement(row).findElement(By.className("phone-mail-subject")).getText()))
                .isEqualTo("Tu cita del martes");
        assertThat(browser.<String>steady(d -> d.findElement(row).findElement(By.className("phone-mail-from")).getText()))
                .contains("@");
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
}
