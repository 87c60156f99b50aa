package dev.recado.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.recado.support.BrowserTest;
import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import tools.jackson.databind.JsonNode;

/**
 * The virtual phone's chat apps in a headless Chromium. Telegram through its sandbox twin: an inline
 * keyboard, a photo and a document sent over the API are drawn, a tap comes back as the button's
 * callback, the customer writes, and Start on a deep link links the chat to its contact. Web chat
 * through the real widget: the phone visits a console page carrying the workspace's widget, the
 * visitor writes over the widget's socket, and an API reply appears in the widget.
 */
@BrowserTest
class PhoneChatBrowserTest extends PhoneBrowserTestBase {

    private static final String CHAT = "5550061";

    @Test
    @Order(1)
    void telegramDrawsAKeyboardATapIsItsCallbackAndStartLinksTheChatToTheContact() {
        switchTo("telegram");
        assertThat(browser.text(By.id("phone-help"))).startsWith("Messages and button presses reach Recado");
        driver.findElement(By.id("phone-chat-input")).clear();
        driver.findElement(By.id("phone-chat-input")).sendKeys(CHAT);
        driver.findElement(By.id("phone-chat-open")).click();
        wait.until(ExpectedConditions.textToBe(By.id("phone-number"), "Chat " + CHAT));

        String keyboard = sendTo(CHAT, """
                {"to":"%s","channel":"telegram","body":"¿Confirmas la cita?",
                 "buttons":[{"id":"confirm:7","title":"Confirmo"},{"id":"cancel:7","title":"Anular"}]}""");
        String photo = sendTo(CHAT, """
                {"to":"%s","channel":"telegram","media":{"kind":"image","url":"https://cdn.example.com/mapa.jpg","caption":"Cómo llegar"}}""");
        String document = sendTo(CHAT, """
                {"to":"%s","channel":"telegram","media":{"kind":"document","url":"https://cdn.example.com/horario.pdf"}}""");
        WebElement picture = wait.until(d -> bubble(photo).findElement(By.cssSelector("img.phone-image")));
        assertThat(picture.getDomAttribute("src")).isEqualTo("https://cdn.example.com/mapa.jpg");
        assertThat(bubble(photo).findElement(By.className("phone-text")).getText()).isEqualTo("Cómo llegar");
        WebElement attachment = wait.until(d -> bubble(document).findElement(By.className("phone-attachment")));
        assertThat(attachment.getText()).isEqualTo("Document: horario.pdf");
        assertThat(wait.until(d -> bubble(keyboard).findElements(By.cssSelector("button.phone-choice"))).stream()
                .map(WebElement::getText).toList()).containsExactly("Confirmo", "Anular");
        checkPage("telegram");

        // Telegram hands the bot only the button's callback_data
        tap(keyboard, "button[data-tap='cancel:7']");
        awaitInbound("telegram", CHAT, "cancel:7", "\"replyKind\":\"callback\",\"id\":\"cancel:7\"");
        driver.findElement(By.id("phone-reply-text")).sendKeys("Mejor el jueves");
        driver.findElement(By.id("phone-reply-send")).click();
        wait.until(d -> texts("sent").containsAll(List.of("Mejor el jueves", "cancel:7")));

        var contact = api.post("/v1/contacts", key, "{\"phone\":\"+34600000062\",\"first_name\":\"Marta\"}");
        assertThat(contact.status()).as(contact.body()).isEqualTo(201);
        String contactId = contact.text("id");
        var link = api.post("/v1/contacts/" + contactId + "/telegram-link", key, "");
        assertThat(link.status()).as(link.body()).isEqualTo(201);
        driver.findElement(By.id("phone-start-link")).sendKeys(link.text("url"));
        driver.findElement(By.id("phone-start")).click();
        // the chat is now Marta's: the phone names her contact, and a message to her reaches this chat
        wait.until(d -> d.findElement(By.id("phone-contact")).getDomAttribute("href").endsWith("/contacts/" + contactId));
        assertThat(driver.findElements(By.id("phone-reply-error"))).isEmpty();
        String toMarta = sendTo(contactId, "{\"to\":\"%s\",\"channel\":\"telegram\",\"body\":\"Hola Marta\"}");
        assertThat(wait.until(d -> bubble(toMarta)).findElement(By.className("phone-text")).getText()).isEqualTo("Hola Marta");
    }

    @Test
    @Order(2)
    void webChatVisitorWritesInTheRealWidgetAndTheApiReplyAppearsThere() {
        switchTo("webchat");
        // RECADO_BASE_URL names port 0 in tests, so the sandbox widget does not allow the console the
        // browser opened: the phone says which origin to add, and the business adds it
        String console = "http://localhost:" + port;
        assertThat(browser.text(By.id("phone-webchat-origin"))).contains(console, "http://localhost:0");
        String sender = driver.findElement(By.id("phone-webchat-sender")).getDomAttribute("href").replaceAll(".*/", "");
        var patched = api.patch("/v1/senders/" + sender, key, """
                {"allowed_origins":["http://localhost:0","%s"]}""".formatted(console));
        assertThat(patched.status()).as(patched.body()).isEqualTo(200);
        await().atMost(PATIENCE).until(() -> "connected".equals(api.get("/v1/senders/" + sender, key).text("status")));
        driver.navigate().refresh();
        wait.until(ExpectedConditions.attributeToBe(By.id("phone"), "data-channel", "webchat"));
        assertThat(driver.findElements(By.id("phone-webchat-origin"))).isEmpty();
        checkPage("webchat");

        driver.switchTo().frame("phone-webchat");
        wait.until(ExpectedConditions.elementToBeClickable(By.id("recado-wc-bubble"))).click();
        WebElement text = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("recado-wc-text")));
        text.sendKeys("¿Abrís el domingo?");
        text.sendKeys(Keys.ENTER);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".recado-wc-in[data-id]")));
        driver.switchTo().defaultContent();

        JsonNode inbound = await().atMost(PATIENCE).until(() -> inbound("webchat", null, "¿Abrís el domingo?"), m -> m != null);
        assertThat(inbound.get("from").asString()).startsWith("v_");
        String reply = sendTo(inbound.get("contact_id").asString(),
                "{\"to\":\"%s\",\"channel\":\"webchat\",\"body\":\"Sí, de 10 a 14.\"}");
        driver.switchTo().frame("phone-webchat");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".recado-wc-out"), "Sí, de 10 a 14."));
        assertThat(driver.findElements(By.cssSelector(".recado-wc-line"))).extracting(e -> e.getText().strip())
                .containsExactly("¿Abrís el domingo?", "Sí, de 10 a 14.");
        driver.switchTo().defaultContent();
        await().atMost(PATIENCE).until(() -> api.get("/v1/messages/" + reply, key).text("status").equals("read"));
        assertThat(problems).isEmpty();
    }
}
