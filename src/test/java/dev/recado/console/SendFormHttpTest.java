package dev.recado.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recado.billing.BillingManagement;
import dev.recado.contacts.ContactInput;
import dev.recado.contacts.ContactManagement;
import dev.recado.messaging.Message;
import dev.recado.messaging.MessageFilter;
import dev.recado.messaging.MessageManagement;
import dev.recado.messaging.MessageStatus;
import dev.recado.support.RecadoTest;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The send form over HTTP: the live quote (encoding, the characters that force UCS-2, the fix,
 * cost and balance after), a tag and a pasted list through the confirmation, and scheduling.
 */
@RecadoTest
@TestPropertySource(properties = {"recado.sandbox=true", "recado.sandbox-receipt-delay-millis=50"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SendFormHttpTest extends NewWorkspaceSupport {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    ContactManagement contacts;
    @Autowired
    MessageManagement messages;
    @Autowired
    BillingManagement billing;

    long workspaceId;
    ConsoleSession owner;

    @BeforeAll
    void aShop() {
        var created = newWorkspace("Panadería Sol", "sol@test.local", "1.00");
        workspaceId = created.workspaceId();
        owner = created.session();
    }

    @Test
    void theQuoteNamesTheCharactersThatForceUnicodeAndOffersTheFix() {
        JsonNode q = quote(Map.of("mode", "one", "to", "+34600000401", "body", "Mañana abrimos – ¡te esperamos!"));
        assertThat(q.get("encoding").asString()).isEqualTo("ucs2");
        assertThat(q.get("forcing_ucs2").values()).extracting(JsonNode::asString).containsExactly("–");
        assertThat(q.get("smart_text").asString()).isEqualTo("Mañana abrimos - ¡te esperamos!");
        assertThat(q.get("characters").asInt()).isEqualTo(31);
        assertThat(q.get("recipients").asInt()).isEqualTo(1);
        BigDecimal price = q.get("total").decimalValue();
        assertThat(price).isPositive();
        assertThat(q.get("balance_after").decimalValue())
                .isEqualByComparingTo(billing.balance(workspaceId).available().subtract(price));
        assertThat(q.get("summary").asString()).isEqualTo("31 characters · UCS-2 · 1 segment");
        assertThat(q.get("fix").asString()).contains("1 segment");

        JsonNode plain = quote(Map.of("mode", "one", "to", "+34600000401", "body", "x".repeat(161)));
        assertThat(plain.get("encoding").asString()).isEqualTo("gsm7");
        assertThat(plain.get("segments").asInt()).isEqualTo(2);
        assertThat(plain.get("forcing_ucs2").isEmpty()).isTrue();
        assertThat(plain.get("fix").isNull()).isTrue();
        assertThat(plain.get("total").decimalValue()).isEqualByComparingTo(price.multiply(BigDecimal.TWO));
    }

    @Test
    void aPastedListIsConfirmedWithItsCountAndCostThenSentOnce() {
        var form = Map.of("mode", "list", "numbers", "+34600000411\n600 000 412, 12345;+34600000411",
                "body", "Hoy pan de centeno", "purpose", "transactional", "idempotencyKey", "console-list-1");
        var confirm = owner.post("/messages", form);
        assertThat(confirm.status()).isEqualTo(200);
        assertThat(confirm.body()).contains("id=\"confirm-recipients\">2<").contains("id=\"confirm-invalid\"")
                .contains("12345").contains("Send 2 messages").contains("id=\"confirm-total\"");
        assertThat(sentTo("+34600000411")).isEmpty();

        var batch = Map.of("mode", "list", "numbers", "+34600000411\n600 000 412, 12345;+34600000411",
                "body", "Hoy pan de centeno", "purpose", "transactional", "idempotencyKey", "console-list-1");
        var done = owner.post("/messages/batch", batch);
        assertThat(done.status()).isEqualTo(302);
        assertThat(owner.get("/messages").body()).contains("2 messages sent.");
        // the same confirmation posted again (a double click) sends nobody twice
        owner.post("/messages/batch", batch);
        assertThat(sentTo("+34600000411")).hasSize(1);
        assertThat(sentTo("+34600000412")).hasSize(1);
    }

    @Test
    void aTagReachesEveryoneWithItAndRefusalsAreCounted() {
        for (String phone : List.of("+34600000421", "+34600000422", "+34600000423")) {
            contacts.create(workspaceId, new ContactInput(phone, null, null, null, null, null, List.of("horno"),
                    Map.of()), false);
        }
        var form = Map.of("mode", "tag", "tag", "horno", "body", "Oferta: dos barras por uno", "purpose", "marketing",
                "idempotencyKey", "console-tag-1");
        assertThat(owner.post("/messages", form).body()).contains("id=\"confirm-recipients\">3<");
        owner.post("/messages/batch", form);
        var page = owner.get("/messages").body();
        // marketing needs an opt-in nobody here gave: all three refused, for that reason
        assertThat(page).contains("No message was sent.").contains("id=\"batch-refused\"").contains("3 × This person has not agreed");
    }

    @Test
    void aMessageCanBeScheduledFromASenderForALimitedTime() {
        String at = LocalDateTime.now(ZoneId.of("Europe/Madrid")).plusDays(2).withSecond(0).withNano(0).toString();
        var sent = owner.post("/messages", Map.of("mode", "one", "to", "+34600000431", "body", "Recordatorio",
                "purpose", "transactional", "sendAt", at, "validity", "14400"));
        assertThat(sent.status()).isEqualTo(302);
        Message message = sentTo("+34600000431").getFirst();
        assertThat(message.status()).isEqualTo(MessageStatus.SCHEDULED);
        assertThat(message.sendAt()).isEqualTo(LocalDateTime.parse(at).atZone(ZoneId.of("Europe/Madrid")).toInstant());
        assertThat(owner.get("/messages").body()).contains("id=\"send-sender\"").contains("Sandbox SMS")
                .contains("value=\"14400\"");
    }

    @Test
    void theLogShowsPeopleAndSendersByNameAndFiltersByPhoneEmailOrName() {
        contacts.create(workspaceId, new ContactInput("+34600000441", "nerea@example.com", "Nerea", "Goñi", null, null,
                List.of(), Map.of()), false);
        var sent = owner.post("/messages", Map.of("mode", "one", "to", "+34600000441", "body", "Su tarta está lista",
                "purpose", "transactional"));
        owner.post("/messages", Map.of("mode", "one", "to", "+34600000442", "body", "Otro mensaje",
                "purpose", "transactional"));
        for (String filter : List.of("600000441", "nerea@example.com", "Goñi")) {
            var page = owner.get("/messages?contact=" + java.net.URLEncoder.encode(filter, java.nio.charset.StandardCharsets.UTF_8)).body();
            assertThat(page).as(filter).contains("Su tarta está lista").doesNotContain("Otro mensaje")
                    .contains("class=\"party-name\">Nerea Goñi<").contains("via Sandbox SMS");
        }
        assertThat(owner.get("/messages?contact=Nadie").body()).contains("No message matches these filters");
        var message = owner.get(sent.location().replaceFirst("^https?://[^/]+", "")).body();
        assertThat(message).contains("id=\"message-contact\"").contains(">Nerea Goñi</a>")
                .contains("id=\"message-sender\">Sandbox SMS<");
    }

    private JsonNode quote(Map<String, String> form) {
        var answer = owner.postForJson("/messages/quote", form);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body());
    }

    private List<Message> sentTo(String number) {
        return messages.list(workspaceId, new MessageFilter(null, null, null, null, "outbound"), Long.MAX_VALUE, 100)
                .stream().filter(m -> number.equals(m.to())).toList();
    }
}
