package dev.recado.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.recado.billing.TopupRequests;
import dev.recado.contacts.ContactInput;
import dev.recado.contacts.ContactManagement;
import dev.recado.messaging.MessageDraft;
import dev.recado.messaging.MessageManagement;
import dev.recado.support.RecadoTest;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * The balance page: each charge names the message and the person it went to, totals per day, and a
 * top-up request the workspace sends and then sees credited by the platform.
 */
@RecadoTest
@TestPropertySource(properties = {"recado.sandbox=true", "recado.sandbox-receipt-delay-millis=50"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BillingPageHttpTest extends NewWorkspaceSupport {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Autowired
    MessageManagement messages;
    @Autowired
    ContactManagement contacts;
    @Autowired
    TopupRequests topups;

    long workspaceId;
    ConsoleSession owner;

    @BeforeAll
    void aShop() {
        var created = newWorkspace("Frutería Nerea", "nerea@test.local", "5.00");
        workspaceId = created.workspaceId();
        owner = created.session();
    }

    @Test
    void aChargeNamesWhoTheMessageWentToAndTheDayAddsItUp() {
        contacts.create(workspaceId, new ContactInput("+34600000811", null, "Nerea", "Goñi", null, null, List.of(),
                Map.of()), false);
        messages.send(workspaceId, MessageDraft.text("+34600000811", "sms", null, "Ya tenemos cerezas", "transactional"));
        await().atMost(PATIENCE).until(() -> owner.get("/billing").body().contains("data-kind=\"usage\""));
        var page = owner.get("/billing").body();
        assertThat(page).containsPattern("class=\"ledger-message\" href=\"/messages/msg_[0-9a-z]+\">SMS to Nerea Goñi</a>");
        String today = LocalDate.now(ZoneId.of("Europe/Madrid")).toString();
        assertThat(page).contains("data-day=\"" + today + "\"").contains("id=\"day-totals\"");
        // the day's row says what was spent: not nothing, and the balance below the 5.00 it started with
        String row = page.substring(page.indexOf("data-day=\"" + today + "\""));
        row = row.substring(0, row.indexOf("</tr>"));
        assertThat(row).doesNotContain(">0.00 €<").doesNotContain(">€0.00<");
        assertThat(owner.language("es").get("/billing").body()).contains(">SMS a Nerea Goñi</a>").contains("Saldo al cierre");
        owner.language("en");
    }

    @Test
    void aTopUpRequestIsStoredShownPendingAndThenCredited() {
        var sent = owner.post("/billing/topup-requests", Map.of("amount", "12,50", "note", "Transferencia del lunes"));
        assertThat(sent.status()).isEqualTo(302);
        var mine = topups.list(workspaceId, null, Long.MAX_VALUE, 10);
        assertThat(mine).hasSize(1);
        assertThat(mine.get(0).amount()).isEqualByComparingTo("12.50");
        assertThat(mine.get(0).requestedBy()).isEqualTo("user:nerea@test.local");
        var page = owner.language("es").get("/billing").body();
        assertThat(page).contains("Petición enviada.").contains("data-status=\"pending\"").contains(">pendiente<")
                .contains("Agent Smith");

        topups.credit(mine.get(0).id(), null, null);
        assertThat(owner.get("/billing").body()).contains("data-status=\"credited\"").contains(">abonada<");
        owner.language("en");
    }

    @Test
    void aBadAmountIsShownBesideItsFieldAndNothingIsStored() {
        long before = count();
        for (String amount : List.of("doce", "-3", "0", "", "1.999")) {
            var refused = owner.post("/billing/topup-requests", Map.of("amount", amount, "note", "x"));
            assertThat(refused.status()).as(amount).isEqualTo(422);
            assertThat(refused.body()).as(amount).contains("id=\"error-amount\"")
                    .contains("must be a positive amount up to 100000 with at most 2 decimals");
        }
        var longNote = owner.post("/billing/topup-requests", Map.of("amount", "5", "note", "n".repeat(501)));
        assertThat(longNote.status()).isEqualTo(422);
        assertThat(longNote.body()).contains("id=\"error-note\"");
        assertThat(count()).isEqualTo(before);
        assertThat(topups.list(workspaceId, null, Long.MAX_VALUE, 50)).allMatch(r -> r.amount().compareTo(BigDecimal.ZERO) > 0);
    }

    private long count() {
        return jdbc.sql("select count(*) from topup_requests where workspace_id = :ws").param("ws", workspaceId)
                .query(Long.class).single();
    }
}
