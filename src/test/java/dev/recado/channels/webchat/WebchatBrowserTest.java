package dev.recado.channels.webchat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.recado.console.ConsoleBrowser;
import dev.recado.support.BrowserTest;
import dev.recado.support.RecadoTest;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The widget in Chromium on a business's page: a page served by the test on its own origin
 * (127.0.0.1 and another port) with the one script tag, talking to Recado on localhost.
 */
@RecadoTest
@BrowserTest
// its methods share one widget page and browser: an orderer keeps them in one thread
@TestMethodOrder(MethodOrderer.MethodName.class)
class WebchatBrowserTest extends WebchatTestBase {

    HttpServer site;
    String sender;
    /** A widget that is offline while no one of the workspace is in the console. */
    String away;
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
        serve("/", url);
        away = widget(origin, "\"title\":\"Zapatería Luna\",\"offline\":\"no_agents\",\"greeting\":\"¡Hola!\","
                + "\"offline_text\":\"Ahora no hay nadie.\",\"reply_time\":\"Respondemos en unas 2 horas.\"");
        serve("/away", api.get("/v1/senders/" + away + "/webchat", key).text("script_url"));
        site.start();
        browser = new ConsoleBrowser(port, Duration.ofSeconds(20));
    }

    /** A page of the site at {@code path} with the widget's one tag. */
    private void serve(String path, String scriptUrl) {
        // RECADO_BASE_URL names the test server's port as 0: the same script from the port it has
        String script = "<script src=\"http://localhost:" + port + scriptUrl.substring(scriptUrl.indexOf("/webchat/"))
                + "\" async></script>";
        byte[] page = """
                <!doctype html><html lang="es"><head><meta charset="utf-8"><title>Zapatería Luna</title></head>
                <body><h1>Zapatería Luna</h1><p>Zapatos desde 1987.</p>%s</body></html>""".formatted(script)
                .getBytes(StandardCharsets.UTF_8);
        site.createContext(path, exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
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

    @Test
    void withNoAgentItTakesAMessageTurnsOnlineWhenOneComesAndShowsTheAgentTyping() {
        browser.driver.get("http://127.0.0.1:" + site.getAddress().getPort() + "/away");
        click("recado-wc-bubble");
        // offline: "leave a message" (the form first), the away text and when an answer comes
        browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#recado-wc-form input[name=name]")));
        assertThat(browser.text(By.id("recado-wc-notice"))).isEqualTo("Ahora no hay nadie.\nRespondemos en unas 2 horas.");
        assertThat(browser.text(By.id("recado-wc-head"))).isEqualTo("Zapatería Luna · Fuera de línea");

        long awayId = Long.parseLong(away.substring(4), 36);
        long workspace = jdbc.sql("select workspace_id from senders where id = :s").param("s", awayId).query(Long.class).single();
        // an agent of the workspace opens the console (as AgentPresence records a page view)
        jdbc.sql("""
                insert into users (workspace_id, email, name, password_hash, role, created_at, last_active_at)
                values (:w, :e, 'Rosa', 'x', 'agent', :now, :now)""").param("w", workspace)
                .param("e", "rosa-" + System.nanoTime() + "@luna.example").param("now", java.sql.Timestamp.from(java.time.Instant.now()))
                .update();
        // pushed to the open page within one presence round, no reload
        new org.openqa.selenium.support.ui.WebDriverWait(browser.driver, Duration.ofSeconds(40))
                .until(ExpectedConditions.attributeToBe(By.id("recado-wc-panel"), "data-online", "true"));
        assertThat(browser.text(By.id("recado-wc-head"))).isEqualTo("Zapatería Luna");
        assertThat(browser.text(By.id("recado-wc-notice"))).isEqualTo("¡Hola!");
        assertThat(browser.driver.findElement(By.id("recado-wc-form")).isDisplayed()).isFalse();

        var text = browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("recado-wc-text")));
        text.sendKeys("¿Me guardáis las botas?");
        text.sendKeys(Keys.ENTER);
        browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".recado-wc-in[data-id]")));
        String visitor = jdbc.sql("select public_id from webchat_visitors where sender_id = :s").param("s", awayId)
                .query(String.class).single();
        await().atMost(Duration.ofSeconds(10)).until(() -> inboundOf(visitor) == 1);
        long inbound = jdbc.sql("select id from messages where sender_id = :s and direction = 'inbound'").param("s", awayId)
                .query(Long.class).single();
        assertThat(api.post("/v1/messages/msg_" + Long.toString(inbound, 36) + "/typing", key, "").text("typing"))
                .isEqualTo("shown");
        browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("recado-wc-typing")));
        assertThat(browser.text(By.id("recado-wc-typing"))).isEqualTo("Escribiendo…");
        // the reply takes its place
        api.post("/v1/messages", key, "{\"to\":\"%s\",\"channel\":\"webchat\",\"body\":\"Claro, hasta el sábado\"}"
                .formatted(contactOf(visitor)));
        browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".recado-wc-out"), "sábado"));
        assertThat(browser.driver.findElement(By.id("recado-wc-typing")).isDisplayed()).isFalse();
    }

    private void click(String id) {
        browser.wait.until(ExpectedConditions.elementToBeClickable(By.id(id))).click();
    }
}
