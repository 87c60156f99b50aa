package dev.recado.channels.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.recado.support.RecadoTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Each content kind through POST /v1/messages to a local Graph API, checked as the Graph received it. */
@RecadoTest
class WhatsAppSendApiTest extends WhatsAppTestBase {

    @Test
    void senderDefaultsToEightyPerSecondKeepsSecretsAndShowsItsWebhook() {
        var sender = wa.api.get("/v1/senders/" + wa.sender, wa.key);
        assertThat(sender.json().get("rate_per_second").asInt()).isEqualTo(80);
        assertThat(sender.body()).doesNotContain(WhatsAppFixture.TOKEN).doesNotContain(WhatsAppFixture.APP_SECRET)
                .doesNotContain("verify-me-123").contains("phone_number_id");
        assertThat(sender.text("webhook_url")).endsWith("/hooks/whatsapp/" + wa.sender);
        String stored = jdbc.sql("select settings from senders where id = :id").param("id", wa.senderId())
                .query(String.class).single();
        assertThat(stored).doesNotContain(WhatsAppFixture.TOKEN).doesNotContain(WhatsAppFixture.APP_SECRET);

        var tooFast = wa.api.patch("/v1/senders/" + wa.sender, wa.key, "{\"rate_per_second\":1001}");
        assertThat(tooFast.status()).isEqualTo(422);
        assertThat(tooFast.body()).contains("rate_per_second");
        var missing = wa.api.post("/v1/senders", wa.key, "{\"channel\":\"whatsapp\",\"name\":\"x\",\"phone_number_id\":\"abc\"}");
        assertThat(missing.status()).isEqualTo(422);
        assertThat(missing.body()).contains("phone_number_id").contains("access_token").contains("app_secret");
    }

    @Test
    void textInsideTheWindowGoesAsTextAndKeepsTheWamid() {
        String customer = WhatsAppFixture.newCustomer();
        wa.customerWrites(customer, "Hola, ¿tenéis talla M?");
        var sent = wa.send("{\"to\":\"+" + customer + "\",\"channel\":\"whatsapp\",\"body\":\"Sí, en azul y negro\"}");
        assertThat(sent.status()).as(sent.body()).isEqualTo(202);
        String body = wa.awaitStatus(sent.text("id"), "sent");
        JsonNode received = wa.graph.sentTo(customer).get(0);
        assertThat(received.path("type").asString()).isEqualTo("text");
        assertThat(received.path("text").path("body").asString()).isEqualTo("Sí, en azul y negro");
        assertThat(received.path("biz_opaque_callback_data").asString()).isNotBlank();
        assertThat(body).contains("\"provider_id\":\"wamid.HBgL" + customer);
    }

    @Test
    void templateGoesOutsideTheWindowWithHeaderBodyAndButtonParameters() {
        String customer = WhatsAppFixture.newCustomer();
        var sent = wa.send("""
                {"to":"+%s","channel":"whatsapp","template":{"name":"order_shipped","language":"es",
                 "params":["Lucía","#4711"],"header":{"type":"image","url":"https://cdn.example.com/box.jpg"},
                 "buttons":[{"type":"url","value":"4711"},{"type":"quick_reply","index":1,"value":"STOP_PROMOS"}]}}"""
                .formatted(customer));
        assertThat(sent.status()).as(sent.body()).isEqualTo(202);
        wa.awaitStatus(sent.text("id"), "sent");
        JsonNode template = wa.graph.sentTo(customer).get(0).path("template");
        assertThat(template.path("name").asString()).isEqualTo("order_shipped");
        assertThat(template.path("language").path("code").asString()).isEqualTo("es");
        JsonNode components = template.path("components");
        assertThat(components.path(0).path("type").asString()).isEqualTo("header");
        assertThat(components.path(0).path("parameters").path(0).path("image").path("link").asString())
                .isEqualTo("https://cdn.example.com/box.jpg");
        assertThat(components.path(1).path("type").asString()).isEqualTo("body");
        assertThat(components.path(1).path("parameters").path(1).path("text").asString()).isEqualTo("#4711");
        assertThat(components.path(2).path("sub_type").asString()).isEqualTo("url");
        assertThat(components.path(2).path("index").asString()).isEqualTo("0");
        assertThat(components.path(3).path("sub_type").asString()).isEqualTo("quick_reply");
        assertThat(components.path(3).path("parameters").path(0).path("payload").asString()).isEqualTo("STOP_PROMOS");
    }

    @Test
    void everyMediaKindGoesByLinkAndAnOversizedImageFailsBeforeSending() {
        String customer = WhatsAppFixture.newCustomer();
        wa.customerWrites(customer, "Mándame fotos");
        String media = wa.graph.baseUrl() + "/media/";
        for (String kind : new String[] {"image", "video", "audio", "document", "sticker"}) {
            String caption = kind.equals("audio") || kind.equals("sticker") ? "" : ",\"caption\":\"Mira\"";
            var sent = wa.send("{\"to\":\"+%s\",\"channel\":\"whatsapp\",\"media\":{\"kind\":\"%s\",\"url\":\"%s%d\"%s}}"
                    .formatted(customer, kind, media, 1000, caption));
            assertThat(sent.status()).as(kind + ": " + sent.body()).isEqualTo(202);
            wa.awaitStatus(sent.text("id"), "sent");
        }
        var kinds = wa.graph.sentTo(customer).stream().map(m -> m.path("type").asString()).toList();
        assertThat(kinds).containsExactly("image", "video", "audio", "document", "sticker");
        assertThat(wa.graph.sentTo(customer).get(0).path("image").path("caption").asString()).isEqualTo("Mira");

        var captionOnAudio = wa.send("{\"to\":\"+%s\",\"channel\":\"whatsapp\",\"media\":{\"kind\":\"audio\",\"url\":\"%s1\",\"caption\":\"x\"}}"
                .formatted(customer, media));
        assertThat(captionOnAudio.status()).isEqualTo(422);
        assertThat(captionOnAudio.body()).contains("media.caption");

        var big = wa.send("{\"to\":\"+%s\",\"channel\":\"whatsapp\",\"media\":{\"kind\":\"image\",\"url\":\"%s%d\"}}"
                .formatted(customer, media, 6L << 20));
        assertThat(big.status()).as(big.body()).isEqualTo(202);
        assertThat(wa.awaitStatus(big.text("id"), "failed")).contains("media_too_large");
        assertThat(wa.graph.sentTo(customer)).hasSize(5);
    }

    @Test
    void replyButtonsAndListsGoAsInteractiveAndTheirLimitsAreFieldProblems() {
        String customer = WhatsAppFixture.newCustomer();
        wa.customerWrites(customer, "Quiero cambiar la cita");
        var buttons = wa.send("""
                {"to":"+%s","channel":"whatsapp","body":"¿Confirmas la cita del martes?",
                 "buttons":[{"id":"yes","title":"Sí"},{"id":"no","title":"No"},{"id":"later","title":"Más tarde"}]}"""
                .formatted(customer));
        assertThat(buttons.status()).as(buttons.body()).isEqualTo(202);
        var list = wa.send("""
                {"to":"+%s","channel":"whatsapp","body":"Elige hora","list":{"button":"Horas","sections":[
                 {"title":"Mañana","rows":[{"id":"h10","title":"10:00"},{"id":"h11","title":"11:00","description":"Dr. Pérez"}]},
                 {"title":"Tarde","rows":[{"id":"h17","title":"17:00"}]}]}}""".formatted(customer));
        assertThat(list.status()).as(list.body()).isEqualTo(202);
        wa.awaitStatus(buttons.text("id"), "sent");
        wa.awaitStatus(list.text("id"), "sent");
        await().atMost(Duration.ofSeconds(10)).until(() -> wa.graph.sentTo(customer).size() == 2);
        JsonNode sentButtons = wa.graph.sentTo(customer).stream()
                .filter(m -> m.path("interactive").path("type").asString().equals("button")).findFirst().orElseThrow();
        assertThat(sentButtons.path("interactive").path("action").path("buttons").path(2).path("reply").path("title")
                .asString()).isEqualTo("Más tarde");
        JsonNode sentList = wa.graph.sentTo(customer).stream()
                .filter(m -> m.path("interactive").path("type").asString().equals("list")).findFirst().orElseThrow();
        assertThat(sentList.path("interactive").path("action").path("sections").path(0).path("rows").path(1)
                .path("description").asString()).isEqualTo("Dr. Pérez");

        var four = wa.send("""
                {"to":"+%s","channel":"whatsapp","body":"?","buttons":[{"id":"a","title":"A"},{"id":"b","title":"B"},
                 {"id":"c","title":"C"},{"id":"d","title":"D"}]}""".formatted(customer));
        assertThat(four.status()).isEqualTo(422);
        assertThat(four.json().path("errors").toString()).contains("\"field\":\"buttons\"");
        var longTitle = wa.send("""
                {"to":"+%s","channel":"whatsapp","body":"?","buttons":[{"id":"a","title":"Un título demasiado largo"}]}"""
                .formatted(customer));
        assertThat(longTitle.status()).isEqualTo(422);
        assertThat(longTitle.json().path("errors").toString()).contains("buttons[0].title");
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < 11; i++) {
            rows.append(i == 0 ? "" : ",").append("{\"id\":\"r").append(i).append("\",\"title\":\"Fila ").append(i).append("\"}");
        }
        var eleven = wa.send("{\"to\":\"+%s\",\"channel\":\"whatsapp\",\"body\":\"?\",\"list\":{\"button\":\"Ver\",\"sections\":[{\"rows\":[%s]}]}}"
                .formatted(customer, rows));
        assertThat(eleven.status()).isEqualTo(422);
        assertThat(eleven.json().path("errors").toString()).contains("list.sections");
        assertThat(wa.graph.sentTo(customer)).hasSize(2);
    }

    @Test
    void freeFormOutsideTheWindowIsRefusedAtAcceptanceAlsoPerItemInABatch() {
        String stranger = WhatsAppFixture.newCustomer();
        var single = wa.send("{\"to\":\"+" + stranger + "\",\"channel\":\"whatsapp\",\"body\":\"Hola\"}");
        assertThat(single.status()).isEqualTo(422);
        assertThat(single.text("code")).isEqualTo("outside_customer_service_window");
        assertThat(single.header("Content-Type")).startsWith("application/problem+json");

        String friend = WhatsAppFixture.newCustomer();
        wa.customerWrites(friend, "Buenas");
        var batch = wa.api.post("/v1/messages/batch", wa.key, """
                {"messages":[{"to":"+%s","channel":"whatsapp","body":"Hola"},
                 {"to":"+%s","channel":"whatsapp","body":"Hola de nuevo"},
                 {"to":"+%s","channel":"whatsapp","template":{"name":"welcome","language":"es"}}]}"""
                .formatted(stranger, friend, stranger));
        assertThat(batch.status()).as(batch.body()).isEqualTo(200);
        JsonNode items = batch.json().path("data");
        assertThat(items.path(0).path("code").asString()).isEqualTo("outside_customer_service_window");
        assertThat(items.path(1).path("status").asString()).isEqualTo("queued");
        assertThat(items.path(2).path("status").asString()).isEqualTo("queued");
        wa.awaitStatus(items.path(2).path("id").asString(), "sent");
        assertThat(wa.graph.sentTo(stranger)).extracting(m -> m.path("type").asString()).containsExactly("template");
    }
}
