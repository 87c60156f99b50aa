package dev.recado.channels.whatsapp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recado.common.FieldProblem;
import dev.recado.messaging.Content;
import dev.recado.messaging.spi.ProviderReceipt.ReceiptState;
import dev.recado.messaging.spi.SenderConfig;
import dev.recado.messaging.spi.SubmitOutcome;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The WhatsApp rules that need no server: content limits, error codes, webhook reading and signatures. */
class WhatsAppPureRulesTest {

    private static final SenderConfig SENDER = new SenderConfig(1, 1, "wa", Map.of("phone_number_id", "1055",
            "access_token", "EAAG-0123456789", "app_secret", "secret-123", "verify_token", "v"));

    private static List<String> fields(Content content) {
        return WhatsAppContentRules.plan(content).problems().stream().map(FieldProblem::field).toList();
    }

    @Test
    void listsAndButtonsNameTheFieldThatBreaksTheirLimits() {
        var row = new Content.ListRow("a", "Fila", null);
        var twoUntitled = new Content.Interactive("Elige", List.of(), "Ver", List.of(
                new Content.ListSection(null, List.of(row)), new Content.ListSection("B", List.of(new Content.ListRow("a", "Otra", null)))));
        assertThat(fields(twoUntitled)).containsExactly("list.sections[0].title", "list.sections[1].rows[0].id");
        var both = new Content.Interactive("x", List.of(new Content.Button("a", "A")), "Ver",
                List.of(new Content.ListSection(null, List.of(row))));
        assertThat(fields(both)).containsExactly("list");
        var sameIds = new Content.Interactive("x", List.of(new Content.Button("a", "A"), new Content.Button("a", "B")), null, List.of());
        assertThat(fields(sameIds)).containsExactly("buttons[1].id");
        var header = new Content.TemplateRef("t", "es", List.of(""), new Content.TemplateHeader("text", "x".repeat(61), null),
                List.of(new Content.TemplateButton(12, "call", "x")));
        assertThat(fields(header)).containsExactly("template.params[0]", "template.header.text", "template.buttons[0].type",
                "template.buttons[0].index");
        assertThat(WhatsAppContentRules.plan(new Content.Text("hola")).units()).isEqualTo(1);
    }

    @Test
    void graphErrorCodesBecomeOurOutcomes() {
        assertThat(outcome(400, 130429)).isInstanceOfSatisfying(SubmitOutcome.Transient.class, t -> assertThat(t.throttled()).isTrue());
        assertThat(outcome(400, 80007)).isInstanceOfSatisfying(SubmitOutcome.Transient.class, t -> assertThat(t.throttled()).isTrue());
        assertThat(outcome(400, 131056)).isInstanceOfSatisfying(SubmitOutcome.Transient.class, t -> {
            assertThat(t.throttled()).isFalse();
            assertThat(t.code()).isEqualTo("whatsapp_pair_rate");
        });
        assertThat(outcome(401, 190)).isInstanceOfSatisfying(SubmitOutcome.Transient.class,
                t -> assertThat(t.code()).isEqualTo("whatsapp_token_expired"));
        assertThat(outcome(500, 131000)).isInstanceOf(SubmitOutcome.Transient.class);
        assertThat(outcome(503, 0)).isInstanceOf(SubmitOutcome.Transient.class);
        assertThat(outcome(400, 100)).isInstanceOfSatisfying(SubmitOutcome.Permanent.class,
                p -> assertThat(p.code()).isEqualTo("whatsapp_rejected"));
        assertThat(GraphErrors.read(502, "<html>bad gateway</html>").code()).isZero();
    }

    private static SubmitOutcome outcome(int status, int code) {
        return GraphErrors.outcome(GraphErrors.read(status, "{\"error\":{\"message\":\"m\",\"code\":" + code + "}}"));
    }

    @Test
    void signaturesAreCheckedOverTheRawBytes() {
        var hooks = new WhatsAppWebhooks();
        byte[] body = "{\"entry\":[]}".getBytes(StandardCharsets.UTF_8);
        String good = "sha256=" + HexFormat.of().formatHex(WhatsAppWebhooks.signature("secret-123", body));
        assertThat(hooks.verify(SENDER, Map.of("x-hub-signature-256", good), body)).isTrue();
        assertThat(hooks.verify(SENDER, Map.of("x-hub-signature-256", good.toUpperCase().replace("SHA256", "sha256")), body)).isTrue();
        assertThat(hooks.verify(SENDER, Map.of("x-hub-signature-256", good), "{\"entry\":[ ]}".getBytes())).isFalse();
        assertThat(hooks.verify(SENDER, Map.of("x-hub-signature-256", "sha1=" + good.substring(7)), body)).isFalse();
        assertThat(hooks.verify(SENDER, Map.of(), body)).isFalse();
        assertThat(hooks.handshake(SENDER, Map.of("hub.mode", "subscribe", "hub.verify_token", "v", "hub.challenge", "<script>"))).isEmpty();
    }

    /** The handshake reads the verify token alone (stripped, as the whole record reads it), nothing else. */
    @Test
    void theHandshakeNeedsOnlyTheVerifyToken() {
        var hooks = new WhatsAppWebhooks();
        var subscribe = Map.of("hub.mode", "subscribe", "hub.verify_token", "v-123", "hub.challenge", "1158201444");
        assertThat(hooks.handshake(new SenderConfig(1, 1, "wa", Map.of("verify_token", " v-123 ")), subscribe))
                .contains("1158201444");
        assertThat(hooks.handshake(SENDER, subscribe)).isEmpty();
        assertThat(hooks.handshake(new SenderConfig(1, 1, "wa", Map.of("phone_number_id", "1055")), subscribe)).isEmpty();
    }

    @Test
    void statusesOfOtherNumbersAreSkippedAndFailuresKeepMetasCode() {
        String body = """
                {"entry":[{"changes":[
                 {"field":"messages","value":{"metadata":{"phone_number_id":"9999"},"statuses":[{"id":"w0","status":"read","timestamp":"1"}]}},
                 {"field":"messages","value":{"metadata":{"phone_number_id":"1055"},"statuses":[
                   {"id":"w1","status":"failed","timestamp":"1700000000","errors":[{"code":131050,"title":"opted out"}]},
                   {"id":"w2","status":"deleted","timestamp":"1700000000"}]}}]}]}""";
        var event = new WhatsAppWebhooks().parse(SENDER, body.getBytes(StandardCharsets.UTF_8));
        assertThat(event.receipts()).hasSize(2);
        assertThat(event.receipts().get(0).state()).isEqualTo(ReceiptState.UNDELIVERED);
        assertThat(event.receipts().get(0).errorCode()).isEqualTo("marketing_opted_out");
        assertThat(event.receipts().get(0).doneAt().getEpochSecond()).isEqualTo(1_700_000_000L);
        assertThat(event.receipts().get(1).state()).isEqualTo(ReceiptState.UNKNOWN);
    }
}
