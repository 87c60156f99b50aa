package dev.recado.channels.webchat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.recado.console.ConsoleBrowser;
import dev.recado.support.RecadoTest;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The widget in Chromium on a business's page: a page served by the test on its own origin
 * (127.0.0.1 and another port) with the one script tag, talking to Recado on localhost.
 */
@RecadoTest
class WebchatBrowserTest extends WebchatTestBase {

    HttpServer site;
    String sender;
    ConsoleBrowser browser;

    @BeforeAll
    void openSite() throws Exception {
        site = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        String origin = "http://127.0.0.1:" + site.getAddress().getPort();
        sender = widget(origin, "\"prechat_form\":true,\"title\":\"Zapatería Luna\",\"offline\":\"never\","
                + "\"greeting\":\"<i>¡Hola!</i> ¿En qué te ayudamos?\"");
        var snippet = api.get("/v1/senders/" + sender + "/webchat", key);
        String url = snippet.text("script_url");
        assertThat(snippet.text("snippet")).isEqualTo("<script src=\"" + url + "\" async></script>");
        // RECADO_BASE_URL names the test server's port as 0: the same script from the port it has
        String script = "<script src=\"http://localhost:" + port + url.substring(url.indexOf("/webchat/")) + "\" async></script>";
        byte[] page = """
                <!doctype html><html lang="es"><head><meta charset="utf-8"><title>Zapatería Luna</title></head>
                <body><h1>Zapatería Luna</h1><p>Zapatos desde 1987.</p>%s</body></html>""".formatted(script)
                .getBytes(StandardCharsets.UTF_8);
        site.createContext("/", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        site.start();
        browser = new ConsoleBrowser(port, Duration.ofSeconds(20));
    }

    @AfterAll
    void closeSite() {
        browser.close();
        site.stop(0);
    }

    @Test
    void aVisitorFillsTheFormChatsGetsTheReplyAndKeepsTheConversationAfterAReload() {
        browser.driver.get("http://127.0.0.1:" + site.getAddress().getPort() + "/");
        click("recado-wc-bubble");
        browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#recado-wc-form input[name=name]")))
                .sendKeys("Lucía Pérez");
        browser.driver.findElement(By.cssSelector("#recado-wc-form input[name=email]")).sendKeys("lucia@example.com");
        browser.driver.findElement(By.cssSelector("#recado-wc-form input[name=consent]")).click();
        assertThat(browser.text(By.id("recado-wc-head"))).isEqualTo("Zapatería Luna");
        // the greeting is text, not markup
        assertThat(browser.text(By.id("recado-wc-notice"))).isEqualTo("<i>¡Hola!</i> ¿En qué te ayudamos?");
        browser.driver.findElement(By.cssSelector("#recado-wc-form button[type=submit]")).click();

        var text = browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("recado-wc-text")));
        text.sendKeys("¿Tenéis botas <b>rojas</b> en la 38?");
        text.sendKeys(Keys.ENTER);
        browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".recado-wc-in[data-id]")));
        String visitor = jdbc.sql("select public_id from webchat_visitors where sender_id = :s")
                .param("s", Long.parseLong(sender.substring(4), 36)).query(String.class).single();
        await().atMost(Duration.ofSeconds(10)).until(() -> inboundOf(visitor) == 1);
        String contact = contactOf(visitor);
        assertThat(api.get("/v1/contacts/" + contact, key).text("first_name")).isEqualTo("Lucía");
        assertThat(api.get("/v1/contacts/" + contact + "/consents", key).body())
                .contains("\"channel\":\"webchat\"").contains("http://127.0.0.1:");

        String attack = "Sí <img src=x onerror=\"window.__owned=1\"><script>window.__owned=2</script>";
        var reply = api.post("/v1/messages", key, """
                {"to":"%s","channel":"webchat","body":%s}""".formatted(contact, ChatClient.JSON.writeValueAsString(attack)));
        assertThat(reply.status()).as(reply.body()).isEqualTo(202);
        browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".recado-wc-out"), "onerror"));
        assertThat(browser.text(By.cssSelector(".recado-wc-out"))).isEqualTo(attack);
        assertThat(browser.driver.findElements(By.cssSelector("#recado-wc-log img, #recado-wc-log script"))).isEmpty();
        assertThat(((JavascriptExecutor) browser.driver).executeScript("return window.__owned === undefined")).isEqualTo(true);
        // the bubble is open and the page visible: the reply was read
        awaitStatus(reply.text("id"), "read");

        browser.driver.navigate().refresh();
        click("recado-wc-bubble");
        browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".recado-wc-out"), "onerror"));
        assertThat(browser.driver.findElements(By.cssSelector(".recado-wc-line"))).extracting(e -> e.getText().strip())
                .containsExactly("¿Tenéis botas <b>rojas</b> en la 38?", attack);
        // the visitor was recognised by its cookie: no form again, and still one visitor and one contact
        assertThat(browser.driver.findElement(By.id("recado-wc-form")).isDisplayed()).isFalse();
        assertThat(jdbc.sql("select count(*) from webchat_visitors where sender_id = :s")
                .param("s", Long.parseLong(sender.substring(4), 36)).query(Long.class).single()).isEqualTo(1);
    }

    private void click(String id) {
        browser.wait.until(ExpectedConditions.elementToBeClickable(By.id(id))).click();
    }
}
