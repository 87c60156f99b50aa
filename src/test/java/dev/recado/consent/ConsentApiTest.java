package dev.recado.consent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recado.support.ApiClient;
import dev.recado.support.RecadoTest;
import java.net.URI;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@RecadoTest
class ConsentApiTest {

    @LocalServerPort
    int port;
    @Autowired
    ConsentManagement consent;
    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;
    ApiClient api;
    String key;
    String contact;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        key = api.newWorkspace("Consent");
        contact = api.post("/v1/contacts", key, "{\"phone\":\"+34612111222\",\"email\":\"c@example.com\"}").text("id");
    }

    private String confirmedAt(String token) {
        return jdbc.sql("select cast(confirmed_at as varchar(40)) from consent_events where confirmation_token = :t")
                .param("t", token).query(String.class).list().getFirst();
    }

    private String canSend(String channel, String purpose) {
        var r = api.get("/v1/contacts/" + contact + "/can-send?channel=" + channel + "&purpose=" + purpose, key);
        assertThat(r.status()).isEqualTo(200);
        return r.json().get("allowed").asBoolean() + ":" + r.text("reason");
    }

    private void record(String channel, String purpose, String status, String at) {
        var r = api.post("/v1/contacts/" + contact + "/consents", key, "{\"channel\":\"" + channel + "\",\"purpose\":\""
                + purpose + "\",\"status\":\"" + status + "\",\"source\":\"form\",\"evidence\":\"test\""
                + (at == null ? "" : ",\"occurred_at\":\"" + at + "\"") + "}");
        assertThat(r.status()).isEqualTo(201);
    }

    @Test
    void latestFactWinsAndAllCoversEveryChannel() {
        assertThat(canSend("sms", "marketing")).isEqualTo("false:consent_missing");
        assertThat(canSend("sms", "transactional")).isEqualTo("true:transactional_allowed");
        record("sms", "marketing", "opted_in", "2026-01-01T10:00:00Z");
        assertThat(canSend("sms", "marketing")).isEqualTo("true:opted_in");
        assertThat(canSend("whatsapp", "marketing")).isEqualTo("false:consent_missing");
        record("all", "marketing", "opted_out", "2026-02-01T10:00:00Z");
        assertThat(canSend("sms", "marketing")).isEqualTo("false:opted_out");
        assertThat(canSend("whatsapp", "marketing")).isEqualTo("false:opted_out");
        // recorded later but happened earlier: it does not override the opt-out
        record("sms", "marketing", "opted_in", "2026-01-15T10:00:00Z");
        assertThat(canSend("sms", "marketing")).isEqualTo("false:opted_out");

        var history = api.get("/v1/contacts/" + contact + "/consents", key).json();
        assertThat(history.get("data")).hasSize(3);
        assertThat(history.get("data").get(0).get("status").asString()).isEqualTo("opted_out");
        assertThat(history.get("current").get("sms").get("marketing").asString()).isEqualTo("opted_out");
    }

    @Test
    void transactionalOptOutBlocksUnlessStrictlyNecessary() {
        record("sms", "transactional", "opted_out", null);
        assertThat(canSend("sms", "transactional")).isEqualTo("false:opted_out");
        var otp = api.get("/v1/contacts/" + contact + "/can-send?channel=sms&purpose=transactional&strictly_necessary=true", key);
        assertThat(otp.json().get("allowed").asBoolean()).isTrue();
        assertThat(otp.text("reason")).isEqualTo("strictly_necessary");
    }

    @Test
    void emailMarketingWaitsForTheConfirmationLink() throws Exception {
        var r = api.post("/v1/contacts/" + contact + "/consents", key,
                "{\"channel\":\"email\",\"purpose\":\"marketing\",\"status\":\"opted_in\",\"source\":\"form\"}");
        assertThat(r.status()).isEqualTo(201);
        assertThat(r.json().get("pending_confirmation").asBoolean()).isTrue();
        String link = r.text("confirmation_url");
        assertThat(link).contains("/consent/confirm/");
        assertThat(canSend("email", "marketing")).isEqualTo("false:confirmation_pending");

        String token = URI.create(link).getPath().substring("/consent/confirm/".length());
        assertThat(consent.confirm(token)).isPresent();
        String confirmedAt = confirmedAt(token);
        assertThat(confirmedAt).as("the request records when its link was followed").isNotNull();
        assertThat(consent.confirm(token)).isPresent();
        assertThat(confirmedAt(token)).as("a second click changes nothing").isEqualTo(confirmedAt);
        assertThat(canSend("email", "marketing")).isEqualTo("true:opted_in");
        assertThat(api.get("/v1/contacts/" + contact + "/consents", key).json().get("data")).hasSize(2);
        assertThat(consent.confirm("nope")).isEmpty();
    }

    @Test
    void badConsentInputIsRefused() {
        var unknownChannel = api.post("/v1/contacts/" + contact + "/consents", key,
                "{\"channel\":\"pigeon\",\"purpose\":\"marketing\",\"status\":\"opted_in\"}");
        assertThat(unknownChannel.status()).isEqualTo(422);
        assertThat(unknownChannel.json().get("errors").get(0).get("field").asString()).isEqualTo("channel");
        assertThat(api.post("/v1/contacts/" + contact + "/consents", key, "{\"channel\":\"sms\"}").status()).isEqualTo(422);
        assertThat(api.get("/v1/contacts/" + contact + "/can-send?channel=all&purpose=marketing", key).status()).isEqualTo(422);
        assertThat(api.get("/v1/contacts/" + contact + "/can-send?channel=fax&purpose=marketing", key).status()).isEqualTo(422);
        assertThat(api.get("/v1/contacts/" + contact + "/consents", key).json().get("data")).isEmpty();
    }
}
