package dev.recado.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.recado.channels.smpp.SmscSimulator;
import dev.recado.support.ApiClient;
import dev.recado.support.RecadoTest;
import dev.recado.support.TestSmsc;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** What customers send, as MO over a real SMPP bind: keywords, and MO the SMSC delivers twice. */
@RecadoTest
class InboundSmppTest {

    @RegisterExtension
    static TestSmsc smscs = new TestSmsc(Duration.ofMillis(20));

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    ApiClient api;
    String key;
    String systemId;
    SmscSimulator smsc;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        key = api.newWorkspace("Inbound " + System.nanoTime());
        smsc = smscs.simulator();
        systemId = TestSmsc.systemId("in");
        smscs.connectedSender(api, key, systemId, "");
    }

    private String canSend(String contact, String purpose) {
        var r = api.get("/v1/contacts/" + contact + "/can-send?channel=sms&purpose=" + purpose, key);
        return r.json().get("allowed").asBoolean() + ":" + r.text("reason");
    }

    private String contact(String phone) {
        return api.get("/v1/contacts?q=" + phone.substring(1), key).json().get("data").get(0).get("id").asString();
    }

    private long inbound(String text) {
        return jdbc.sql("""
                select count(*) from messages m join senders s on s.id = m.sender_id
                 where m.direction = 'inbound' and m.body = :text and s.settings like :system""")
                .param("text", text).param("system", "%\"" + systemId + "\"%").query(Long.class).single();
    }

    @Test
    void altaAfterBajaRestoresExactlyWhatBajaRemoved() {
        smsc.injectMoFor(systemId, "+34612500001", "Tienda", "BAJA");
        String contact = contact("+34612500001");
        assertThat(canSend(contact, "marketing")).isEqualTo("false:opted_out");
        assertThat(canSend(contact, "transactional")).isEqualTo("false:opted_out");
        smsc.injectMoFor(systemId, "+34612500001", "Tienda", "alta");
        assertThat(canSend(contact, "marketing")).isEqualTo("true:opted_in");
        assertThat(canSend(contact, "transactional")).isEqualTo("true:transactional_allowed");

        // an opt-out of service messages the business recorded is not the keyword's to lift
        smsc.injectMoFor(systemId, "+34612500002", "Tienda", "Hola");
        String other = contact("+34612500002");
        var recorded = api.post("/v1/contacts/" + other + "/consents", key,
                "{\"channel\":\"sms\",\"purpose\":\"transactional\",\"status\":\"opted_out\",\"source\":\"form\",\"evidence\":\"call\"}");
        assertThat(recorded.status()).isEqualTo(201);
        smsc.injectMoFor(systemId, "+34612500002", "Tienda", "ALTA");
        assertThat(canSend(other, "marketing")).isEqualTo("true:opted_in");
        assertThat(canSend(other, "transactional")).isEqualTo("false:opted_out");
    }

    @Test
    void anMoTheSmscDeliversAgainIsStoredOnceAndAcknowledged() {
        long acknowledged = smsc.counters().moSent();
        smsc.moRedeliveries(1);
        try {
            // with the SMSC's id for the MO
            smsc.injectMoFor(systemId, "+34612500010", "Tienda", "¿Abren el domingo?");
            assertThat(inbound("¿Abren el domingo?")).isEqualTo(1);
            // a second message with the same text is a new message: the SMSC gives it a new id
            smsc.injectMoFor(systemId, "+34612500010", "Tienda", "¿Abren el domingo?");
            assertThat(inbound("¿Abren el domingo?")).isEqualTo(2);

            // without an SMSC id, and a long message in parts: keyed by content and arrival
            smsc.moIds(false);
            smsc.injectMoFor(systemId, "+34612500011", "Tienda", "Quiero cambiar mi cita");
            String longText = "Quisiera saber si la oferta de esta semana sigue en pie. ".repeat(4);
            smsc.injectMoFor(systemId, "+34612500011", "Tienda", longText);
            assertThat(inbound("Quiero cambiar mi cita")).isEqualTo(1);
            await().atMost(Duration.ofSeconds(10)).until(() -> inbound(longText) == 1);
            assertThat(inbound(longText)).isEqualTo(1);
            assertThat(smsc.counters().moSent() - acknowledged).as("every delivery was acknowledged").isEqualTo(4);
        } finally {
            smsc.moRedeliveries(0);
            smsc.moIds(true);
        }
    }
}
