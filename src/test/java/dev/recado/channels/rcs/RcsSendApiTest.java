package dev.recado.channels.rcs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.recado.support.RecadoTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Text and cards through POST /v1/messages to a local RBM API, checked as RBM received them. */
@RecadoTest
class RcsSendApiTest extends RcsTestBase {

    @Test
    void senderKeepsItsSecretsAndAnswersRbmsWebhookSetUp() {
        var sender = rcs.api.get("/v1/senders/" + rcs.sender, rcs.key);
        assertThat(sender.body()).doesNotContain(RcsFixture.CLIENT_TOKEN).doesNotContain("PRIVATE KEY").contains("agent_id");
        assertThat(sender.text("webhook_url")).endsWith("/hooks/rbm/" + rcs.sender);
        String stored = jdbc.sql("select settings from senders where id = :id").param("id", rcs.senderId()).query(String.class).single();
        assertThat(stored).doesNotContain(RcsFixture.CLIENT_TOKEN).doesNotContain("PRIVATE KEY");
        var missing = rcs.api.post("/v1/senders", rcs.key, "{\"channel\":\"rcs\",\"provider\":\"rbm\",\"name\":\"x\",\"agent_id\":\"a b\"}");
        assertThat(missing.status()).isEqualTo(422);
        assertThat(missing.body()).contains("agent_id").contains("service_account_json").contains("client_token");

        // Google's set-up POST: the secret echoed only for this sender's client token, nothing stored
        long events = jdbc.sql("select count(*) from provider_events").query(Long.class).single();
        var setUp = rcs.post("{\"clientToken\":\"" + RcsFixture.CLIENT_TOKEN + "\",\"secret\":\"1234567890\"}", null);
        assertThat(setUp.statusCode()).isEqualTo(200);
        assertThat(setUp.body()).isEqualTo("1234567890");
        assertThat(rcs.post("{\"clientToken\":\"GUESSEDTOKEN1234\",\"secret\":\"1234567890\"}", null).statusCode()).isEqualTo(401);
        assertThat(jdbc.sql("select count(*) from provider_events").query(Long.class).single()).isEqualTo(events);
    }

    @Test
    void textGoesAsAgentMessageWithAUuidMessageIdAndAMintedToken() {
        String customer = RcsFixture.newCustomer();
        var sent = rcs.send("{\"to\":\"" + customer + "\",\"channel\":\"rcs\",\"body\":\"Tu pedido sale hoy\"}");
        assertThat(sent.status()).as(sent.body()).isEqualTo(202);
        assertThat(sent.json().get("price").decimalValue()).isEqualByComparingTo("0.004");
        String body = rcs.awaitStatus(sent.text("id"), "sent");
        JsonNode received = rcs.rbm.sentTo(customer).get(0);
        assertThat(received.path("contentMessage").path("text").asString()).isEqualTo("Tu pedido sale hoy");
        String providerId = rcs.message(sent.text("id")).text("provider_id");
        assertThat(providerId).matches("[0-9a-f-]{36}");
        assertThat(rcs.rbm.messagesById).containsKey(providerId);
        assertThat(body).contains(providerId);
        assertThat(rcs.rbm.tokens).isNotEmpty();
    }

    @Test
    void aStandaloneCardWithEveryActionAndACarouselKeepRbmsShape() {
        String customer = RcsFixture.newCustomer();
        var card = rcs.send("""
                {"to":"%s","channel":"rcs","card":{"title":"Zapatillas Volt","description":"Talla 42, en azul",
                 "media_url":"https://cdn.example.com/volt.jpg","media_height":"tall",
                 "suggestions":[{"type":"reply","text":"Lo quiero","postback_data":"buy_volt"}]},
                 "suggestions":[{"type":"dial","text":"Llamar","phone_number":"+34910000000"},
                  {"type":"open_url","text":"Ver web","url":"https://tienda.example.com/volt"},
                  {"type":"view_location","text":"Tienda","latitude":40.4168,"longitude":-3.7038,"label":"Sol"},
                  {"type":"create_calendar_event","text":"Recordar","title":"Recogida","start_time":"2026-12-01T10:00:00Z",
                   "end_time":"2026-12-01T11:00:00Z"}]}""".formatted(customer));
        assertThat(card.status()).as(card.body()).isEqualTo(202);
        rcs.awaitStatus(card.text("id"), "sent");
        JsonNode message = rcs.rbm.sentTo(customer).get(0).path("contentMessage");
        JsonNode content = message.path("richCard").path("standaloneCard").path("cardContent");
        assertThat(content.path("title").asString()).isEqualTo("Zapatillas Volt");
        assertThat(content.path("media").path("height").asString()).isEqualTo("TALL");
        assertThat(content.path("media").path("contentInfo").path("fileUrl").asString()).isEqualTo("https://cdn.example.com/volt.jpg");
        assertThat(content.path("suggestions").path(0).path("reply").path("postbackData").asString()).isEqualTo("buy_volt");
        JsonNode actions = message.path("suggestions");
        assertThat(actions.path(0).path("action").path("dialAction").path("phoneNumber").asString()).isEqualTo("+34910000000");
        assertThat(actions.path(1).path("action").path("openUrlAction").path("url").asString()).isEqualTo("https://tienda.example.com/volt");
        assertThat(actions.path(2).path("action").path("viewLocationAction").path("latLong").path("latitude").asDouble()).isEqualTo(40.4168);
        assertThat(actions.path(3).path("action").path("createCalendarEventAction").path("startTime").asString())
                .isEqualTo("2026-12-01T10:00:00Z");
        assertThat(actions.path(3).path("action").path("postbackData").asString()).isNotBlank();

        var carousel = rcs.send("""
                {"to":"%s","channel":"rcs","card":{"width":"small","cards":[{"title":"Volt","description":"42"},
                 {"title":"Nimbus","media_url":"https://cdn.example.com/nimbus.jpg"}]}}""".formatted(customer));
        assertThat(carousel.status()).as(carousel.body()).isEqualTo(202);
        rcs.awaitStatus(carousel.text("id"), "sent");
        JsonNode cards = rcs.rbm.sentTo(customer).get(1).path("contentMessage").path("richCard").path("carouselCard");
        assertThat(cards.path("cardWidth").asString()).isEqualTo("SMALL");
        assertThat(cards.path("cardContents").size()).isEqualTo(2);
        assertThat(cards.path("cardContents").path(1).path("media").path("height").asString()).isEqualTo("MEDIUM");
    }

    @Test
    void badCardsAreRefusedNamingTheFieldAndNothingIsStored() {
        String customer = RcsFixture.newCustomer();
        long messages = jdbc.sql("select count(*) from messages").query(Long.class).single();
        var bad = rcs.send("""
                {"to":"%s","channel":"rcs","card":{"cards":[{"title":"Uno"},{"description":"Dos",
                 "suggestions":[{"type":"dial","text":"Llamar ahora mismo a la tienda","phone_number":"0034"}]}]}}"""
                .formatted(customer));
        assertThat(bad.status()).as(bad.body()).isEqualTo(422);
        assertThat(bad.body()).contains("card.cards[1].suggestions[0].text").contains("card.cards[1].suggestions[0].phone_number");
        var whatsappCard = rcs.send("{\"to\":\"" + customer + "\",\"channel\":\"sms\",\"card\":{\"title\":\"x\"}}");
        assertThat(whatsappCard.status()).as(whatsappCard.body()).isEqualTo(422);
        assertThat(jdbc.sql("select count(*) from messages").query(Long.class).single()).isEqualTo(messages);
    }

    @Test
    void theCapabilityAnswerIsCachedInTheDatabaseUntilItsTtl() {
        String customer = RcsFixture.newCustomer();
        for (String text : new String[] {"Uno", "Dos"}) {
            var sent = rcs.send("{\"to\":\"" + customer + "\",\"channel\":\"rcs\",\"body\":\"" + text + "\"}");
            rcs.awaitStatus(sent.text("id"), "sent");
        }
        assertThat(rcs.rbm.capabilityChecks.get(customer).get()).isEqualTo(1);
        assertThat(jdbc.sql("select capable from rcs_capabilities where agent_id = :a and phone = :p")
                .param("a", RcsFixture.AGENT).param("p", customer).query(Boolean.class).single()).isTrue();
        // a day later the answer is stale: RBM is asked again
        jdbc.sql("update rcs_capabilities set checked_at = :old where phone = :p")
                .param("old", java.time.OffsetDateTime.now().minusHours(25)).param("p", customer).update();
        var later = rcs.send("{\"to\":\"" + customer + "\",\"channel\":\"rcs\",\"body\":\"Tres\"}");
        rcs.awaitStatus(later.text("id"), "sent");
        assertThat(rcs.rbm.capabilityChecks.get(customer).get()).isEqualTo(2);
    }

    @Test
    void aNumberRbmCannotReachFailsAsNotRcsCapable() {
        String unreachable = RcsFixture.newCustomer();
        rcs.rbm.notCapable.add(unreachable);
        var sent = rcs.send("{\"to\":\"" + unreachable + "\",\"channel\":\"rcs\",\"body\":\"Hola\"}");
        assertThat(rcs.awaitStatus(sent.text("id"), "failed")).contains("\"error_code\":\"recipient_not_rcs_capable\"");
        assertThat(rcs.rbm.sentTo(unreachable)).isEmpty();
        assertThat(jdbc.sql("select capable from rcs_capabilities where phone = :p").param("p", unreachable)
                .query(Boolean.class).single()).isFalse();

        String gone = RcsFixture.newCustomer();
        rcs.rbm.sendNotFound.add(gone);
        var second = rcs.send("{\"to\":\"" + gone + "\",\"channel\":\"rcs\",\"body\":\"Hola\"}");
        assertThat(rcs.awaitStatus(second.text("id"), "failed")).contains("\"error_code\":\"recipient_not_rcs_capable\"");
        assertThat(jdbc.sql("select capable from rcs_capabilities where phone = :p").param("p", gone)
                .query(Boolean.class).single()).isFalse();
    }

    @Test
    void aRetryAfterALostAnswerReusesTheMessageIdSoRbmHasItOnce() {
        String customer = RcsFixture.newCustomer();
        rcs.rbm.loseNextAnswer.add(customer);
        var sent = rcs.send("{\"to\":\"" + customer + "\",\"channel\":\"rcs\",\"body\":\"Solo una vez\"}");
        rcs.awaitStatus(sent.text("id"), "sent");
        String providerId = rcs.message(sent.text("id")).text("provider_id");
        assertThat(rcs.rbm.sendAttempts.stream().filter(providerId::equals).count()).isEqualTo(2);
        assertThat(rcs.rbm.sentTo(customer)).hasSize(1);
    }

    @Test
    void aMessageUndeliveredWhenItsValidityEndsIsRevokedThenExpired() {
        String customer = RcsFixture.newCustomer();
        var late = rcs.send("{\"to\":\"" + customer + "\",\"channel\":\"rcs\",\"body\":\"Oferta de hoy\",\"validity_seconds\":60}");
        var delivered = rcs.send("{\"to\":\"" + customer + "\",\"channel\":\"rcs\",\"body\":\"Tu código\",\"validity_seconds\":60}");
        rcs.awaitStatus(late.text("id"), "sent");
        rcs.awaitStatus(delivered.text("id"), "sent");
        String lateId = rcs.message(late.text("id")).text("provider_id");
        String deliveredId = rcs.message(delivered.text("id")).text("provider_id");
        assertThat(rcs.post(RcsFixture.userEvent(customer, "DELIVERED", deliveredId)).statusCode()).isEqualTo(200);
        rcs.awaitStatus(delivered.text("id"), "delivered");
        // the minute passes: both messages' validity has ended (the clock of rcs_pending, not a sleep)
        jdbc.sql("update rcs_pending set expires_at = :past where sender_id = :s")
                .param("past", java.time.OffsetDateTime.now().minusSeconds(1)).param("s", rcs.senderId()).update();
        String body = rcs.awaitStatus(late.text("id"), "undelivered");
        assertThat(body).contains("\"error_code\":\"expired\"");
        assertThat(rcs.rbm.revoked).contains(lateId).doesNotContain(deliveredId);
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql("select count(*) from rcs_pending where sender_id = :s")
                .param("s", rcs.senderId()).query(Long.class).single() == 0);
        assertThat(rcs.message(delivered.text("id")).text("status")).isEqualTo("delivered");
        assertThat(rcs.rbm.revoked.stream().filter(lateId::equals).count()).isEqualTo(1);
    }

    @Test
    void aFixedAccessTokenWorksUntilRbmRefusesItThenTheSenderShowsFailed() {
        // a workspace of its own: the refused sender must not become another test's default
        String key = rcs.api.newWorkspace("RCS tokens " + System.nanoTime());
        rcs.rbm.tokens.add("ya29.minted-elsewhere-0001");
        String good = createTokenSender(key, "ya29.minted-elsewhere-0001");
        String customer = RcsFixture.newCustomer();
        var sent = rcs.api.post("/v1/messages", key, "{\"to\":\"" + customer + "\",\"channel\":\"rcs\",\"from\":\"" + good
                + "\",\"body\":\"Hola\"}");
        assertThat(sent.status()).as(sent.body()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(20)).until(() -> "sent".equals(rcs.api.get("/v1/messages/" + sent.text("id"), key).text("status")));

        String refused = createTokenSender(key, "ya29.revoked-token-0002");
        var waiting = rcs.api.post("/v1/messages", key, "{\"to\":\"" + customer + "\",\"channel\":\"rcs\",\"from\":\"" + refused
                + "\",\"body\":\"Hola\"}");
        assertThat(waiting.status()).as(waiting.body()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(20)).until(() -> "failed".equals(rcs.api.get("/v1/senders/" + refused, key).text("status")));
        assertThat(rcs.rbm.sentTo(customer)).hasSize(1);
    }

    private String createTokenSender(String key, String token) {
        var created = rcs.api.post("/v1/senders", key, """
                {"channel":"rcs","provider":"rbm","name":"RCS %s","agent_id":"%s","access_token":"%s",
                 "client_token":"%s","api_base_url":"%s"}""".formatted(token.substring(5, 12), RcsFixture.AGENT, token,
                RcsFixture.CLIENT_TOKEN, rcs.rbm.baseUrl()));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(20)).until(() -> "connected".equals(rcs.api.get("/v1/senders/" + created.text("id"), key).text("status")));
        return created.text("id");
    }
}
