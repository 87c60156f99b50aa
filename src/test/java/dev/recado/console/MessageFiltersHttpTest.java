package dev.recado.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recado.common.PublicId;
import dev.recado.contacts.ContactInput;
import dev.recado.contacts.ContactManagement;
import dev.recado.messaging.Enqueued;
import dev.recado.messaging.MessageDraft;
import dev.recado.messaging.MessageManagement;
import dev.recado.support.RecadoTest;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/** The message log filtered by a person's name, phone or email, by status and by days; ids only to copy. */
@RecadoTest
@TestPropertySource(properties = {"recado.sandbox=true", "recado.sandbox-receipt-delay-millis=50"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MessageFiltersHttpTest extends NewWorkspaceSupport {

    @Autowired
    MessageManagement messages;
    @Autowired
    ContactManagement contacts;

    long workspaceId;
    ConsoleSession owner;
    String oldId;
    String newId;

    @BeforeAll
    void twoMessagesOnDifferentDays() {
        var created = newWorkspace("Zapatería Oier", "oier@test.local", "5.00");
        workspaceId = created.workspaceId();
        owner = created.session();
        contacts.create(workspaceId, new ContactInput("+34600000901", "maite@example.com", "Maite", "Urrutia", null,
                null, List.of(), Map.of()), false);
        contacts.create(workspaceId, new ContactInput("+34600000902", null, "Oskar", null, null, null, List.of(),
                Map.of()), false);
        oldId = send("+34600000901", "Sus zapatos están listos");
        newId = send("+34600000902", "Rebajas mañana");
        // the first one was written on the 3rd of March: the day filter finds it there and nowhere else
        jdbc.sql("update messages set created_at = :t where id = :id")
                .param("t", Timestamp.from(Instant.parse("2026-03-03T10:00:00Z")))
                .param("id", PublicId.parse("msg_", oldId).orElseThrow()).update();
    }

    @Test
    void byNamePhoneOrEmailAndByDays() {
        assertThat(rows("/messages?contact=Maite")).contains(oldId).doesNotContain(newId);
        assertThat(rows("/messages?contact=maite%40example.com")).contains(oldId).doesNotContain(newId);
        assertThat(rows("/messages?contact=600000902")).contains(newId).doesNotContain(oldId);
        assertThat(rows("/messages?from=2026-03-03&to=2026-03-03")).contains(oldId).doesNotContain(newId);
        assertThat(rows("/messages?from=2026-03-04")).contains(newId).doesNotContain(oldId);
        assertThat(rows("/messages?to=2026-03-02")).doesNotContain(oldId).doesNotContain(newId);
        var page = owner.get("/messages?contact=Maite").body();
        assertThat(page).contains(">Maite Urrutia</span>").contains("id=\"filter-from\"");
        // the pager keeps the days
        assertThat(owner.get("/messages?from=2026-03-01&to=2026-12-31").body()).doesNotContain("cursor=").contains(oldId);
    }

    @Test
    void byCampaign() {
        long campaign = 4_242;
        jdbc.sql("update messages set campaign_id = :c where id = :id").param("c", campaign)
                .param("id", PublicId.parse("msg_", newId).orElseThrow()).update();
        assertThat(rows("/messages?campaign=" + PublicId.of("cmp_", campaign))).contains(newId).doesNotContain(oldId);
        assertThat(rows("/messages?campaign=" + PublicId.of("cmp_", campaign + 1))).doesNotContain(newId).doesNotContain(oldId);
        var bad = owner.language("es").get("/messages?campaign=rebajas");
        owner.language("en");
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.body()).contains("Campaña: debe ser una campaña de este espacio");
    }

    @Test
    void aBadDateIsExplainedOnThePage() {
        var bad = owner.get("/messages?from=ayer");
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.body()).contains("id=\"filter-error\"").contains("From: must be a date (YYYY-MM-DD)")
                .contains("id=\"send-sms\"");
        var reversed = owner.language("es").get("/messages?from=2026-03-05&to=2026-03-01");
        owner.language("en");
        assertThat(reversed.status()).isEqualTo(422);
        assertThat(reversed.body()).contains("Hasta: no puede ser anterior a la fecha de inicio");
        assertThat(owner.get("/messages?status=lost").status()).isEqualTo(422);
    }

    @Test
    void theMessagePageNamesThePersonAndKeepsTheIdToCopy() {
        var page = owner.get("/messages/" + oldId).body();
        assertThat(page).contains("<h1>Message to Maite Urrutia</h1>")
                .containsPattern("<code id=\"message-id\">" + oldId + "</code>\\s*<button type=\"button\" class=\"button small ghost copy\" data-copy-from=\"message-id\"");
    }

    private String rows(String path) {
        var page = owner.get(path);
        assertThat(page.status()).as(path).isEqualTo(200);
        String body = page.body();
        return body.substring(body.indexOf("id=\"message-rows\""), body.indexOf("</tbody>", body.indexOf("id=\"message-rows\"")));
    }

    private String send(String to, String body) {
        var accepted = (Enqueued.Accepted) messages.send(workspaceId, MessageDraft.text(to, "sms", null, body, "transactional"));
        return PublicId.of("msg_", accepted.message().id());
    }
}
