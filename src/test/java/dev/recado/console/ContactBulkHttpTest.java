package dev.recado.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recado.common.PublicId;
import dev.recado.consent.Channel;
import dev.recado.consent.ConsentManagement;
import dev.recado.consent.ConsentStatus;
import dev.recado.consent.Purpose;
import dev.recado.contacts.Contact;
import dev.recado.contacts.ContactBulk;
import dev.recado.contacts.ContactInput;
import dev.recado.contacts.ContactManagement;
import dev.recado.contacts.internal.ContactRepository;
import dev.recado.support.RecadoTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The contact list's bulk actions (confirm first, then act, on a selection or a whole filter),
 * the edit form, the tag autocomplete and the chosen attribute columns, through the console's
 * real forms.
 */
@RecadoTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ContactBulkHttpTest extends NewWorkspaceSupport {

    @Autowired
    ContactManagement contacts;
    @Autowired
    ConsentManagement consent;
    @Autowired
    ContactRepository repository;

    long ws;
    ConsoleSession owner;
    long strangerContact;

    @BeforeAll
    void twoWorkspaces() {
        var created = newWorkspace("Panadería Olga", "olga@test.local", "1.00");
        ws = created.workspaceId();
        owner = created.session();
        var other = newWorkspace("Otra tienda", "otra@test.local", "1.00");
        strangerContact = add(other.workspaceId(), "+34600000799", "Extraña", List.of("pan"));
    }

    @Test
    void tagsTheSelectedRowsOnlyAfterTheConfirmationStatesTheCount() {
        long a = add(ws, "+34600000701", "Aitor", List.of());
        long b = add(ws, "+34600000702", "Begoña", List.of());
        long c = add(ws, "+34600000703", "Carmen", List.of());
        var ask = owner.get("/contacts/bulk?action=tag&bulkTag=Horno&scope=selected&ids=" + id(a) + "&ids=" + id(b));
        assertThat(ask.status()).isEqualTo(200);
        assertThat(ask.body()).contains("data-count=\"2\"").contains("Add the tag \u201chorno\u201d to 2 contacts?");
        assertThat(tags(a)).isEmpty();

        var done = owner.postRepeated("/contacts/bulk", Map.of("action", "tag", "bulkTag", "Horno", "scope", "selected"),
                "ids", List.of(id(a), id(b)));
        assertThat(done.status()).isEqualTo(302);
        assertThat(done.location()).endsWith("/contacts");
        assertThat(tags(a)).containsExactly("horno");
        assertThat(tags(b)).containsExactly("horno");
        assertThat(tags(c)).isEmpty();
        assertThat(owner.get("/contacts").body()).contains("2 contacts tagged.");
    }

    @Test
    void badInputIsExplainedAndChangesNothing() {
        long a = add(ws, "+34600000711", "Dani", List.of("queso"));
        var noTag = owner.get("/contacts/bulk?action=tag&bulkTag=&scope=selected&ids=" + id(a));
        assertThat(noTag.status()).isEqualTo(422);
        assertThat(noTag.body()).contains("id=\"bulk-error\"").contains("Tag: ").doesNotContain("bulk-confirm-form");

        var badTag = owner.postRepeated("/contacts/bulk", Map.of("action", "untag", "bulkTag", "no<vale>",
                "scope", "selected"), "ids", List.of(id(a)));
        assertThat(badTag.status()).isEqualTo(422);
        assertThat(tags(a)).containsExactly("queso");

        var unknownAction = owner.postRepeated("/contacts/bulk", Map.of("action", "delete_all", "scope", "selected"),
                "ids", List.of(id(a)));
        assertThat(unknownAction.status()).isEqualTo(422);
        assertThat(unknownAction.body()).contains("Action: ");

        var nothingChosen = owner.get("/contacts/bulk?action=erase&scope=selected");
        assertThat(nothingChosen.status()).isEqualTo(422);
        assertThat(nothingChosen.body()).contains("choose at least one contact");
        assertThat(contacts.find(ws, a).orElseThrow().erased()).isFalse();
    }

    @Test
    void anotherWorkspacesContactIsNotFoundAndTheWholeSelectionIsLeftAlone() {
        long mine = add(ws, "+34600000721", "Eneko", List.of());
        assertThat(owner.get("/contacts/bulk?action=erase&scope=selected&ids=" + id(mine) + "&ids="
                + id(strangerContact)).status()).isEqualTo(404);
        var erase = owner.postRepeated("/contacts/bulk", Map.of("action", "erase", "scope", "selected"),
                "ids", List.of(id(mine), id(strangerContact)));
        assertThat(erase.status()).isEqualTo(404);
        assertThat(contacts.find(ws, mine).orElseThrow().erased()).isFalse();
        assertThat(jdbc.sql("select erased_at from contacts where id = :id").param("id", strangerContact)
                .query(java.sql.Timestamp.class).optional()).isEmpty();
        assertThat(owner.post("/contacts/" + id(strangerContact), Map.of("firstName", "Robada")).status())
                .isEqualTo(404);
        assertThat(jdbc.sql("select first_name from contacts where id = :id").param("id", strangerContact)
                .query(String.class).single()).isEqualTo("Extraña");
    }

    @Test
    void optOutOfAWholeFilterLeavesEvidenceOnEachContact() {
        long a = add(ws, "+34600000731", "Fermín", List.of("newsletter"));
        long b = add(ws, "+34600000732", "Gorka", List.of("newsletter"));
        long outside = add(ws, "+34600000733", "Hodei", List.of());
        var ask = owner.get("/contacts/bulk?action=opt_out&scope=filter&tag=newsletter");
        assertThat(ask.body()).contains("data-count=\"2\"")
                .contains("Opt 2 contacts out of marketing on every channel?");

        var done = owner.post("/contacts/bulk", Map.of("action", "opt_out", "scope", "filter", "tag", "newsletter",
                "q", ""));
        assertThat(done.status()).isEqualTo(302);
        assertThat(done.location()).endsWith("/contacts?tag=newsletter");
        for (long id : List.of(a, b)) {
            assertThat(consent.state(ws, id).get(Channel.SMS).get(Purpose.MARKETING)).isEqualTo(ConsentStatus.OPTED_OUT);
            var fact = consent.history(ws, id).get(0);
            assertThat(fact.evidence()).isEqualTo("console bulk action by olga@test.local");
            assertThat(fact.channel()).isEqualTo(Channel.ALL);
        }
        assertThat(consent.history(ws, outside)).isEmpty();
        assertThat(owner.language("es").get("/contacts/" + id(a)).body())
                .contains("Acción en bloque en la consola por olga@test.local");
        owner.language("en");
    }

    @Test
    void bulkEraseOfAFilterReallyErases() {
        long a = add(ws, "+34600000741", "Borrar Uno", List.of("baja"));
        long b = add(ws, "+34600000742", "Borrar Dos", List.of("baja"));
        long kept = add(ws, "+34600000743", "Quedarse", List.of());
        assertThat(owner.get("/contacts/bulk?action=erase&scope=filter&q=Borrar").body())
                .contains("Erase the personal data of 2 contacts?").contains("id=\"bulk-erase-warning\"");
        var done = owner.post("/contacts/bulk", Map.of("action", "erase", "scope", "filter", "q", "Borrar"));
        assertThat(done.status()).isEqualTo(302);
        for (long id : List.of(a, b)) {
            Contact erased = contacts.find(ws, id).orElseThrow();
            assertThat(erased.erased()).isTrue();
            assertThat(erased.phone()).isNull();
            assertThat(erased.firstName()).isNull();
            assertThat(erased.tags()).isEmpty();
        }
        assertThat(contacts.find(ws, kept).orElseThrow().erased()).isFalse();
        assertThat(owner.get("/contacts?q=Borrar").body()).contains("data-total=\"0\"");
        assertThat(owner.get("/contacts/" + id(a)).status()).isEqualTo(410);
    }

    @Test
    void theEditFormShowsFieldErrorsAndSavesNothingUntilValid() {
        long a = add(ws, "+34600000751", "Itziar", List.of("vip"));
        var bad = owner.post("/contacts/" + id(a), Map.of("firstName", "Itziar", "email", "no-es-un-correo",
                "language", "klingon", "tags", "vip", "attrName", "city", "attrValue", "Bilbao"));
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.body()).contains("id=\"edit-error-email\"").contains("id=\"edit-error-language\"")
                .contains("value=\"no-es-un-correo\"");
        Contact unchanged = contacts.find(ws, a).orElseThrow();
        assertThat(unchanged.email()).isNull();
        assertThat(unchanged.attributes()).isEmpty();

        var good = owner.post("/contacts/" + id(a), Map.of("firstName", "Itziar", "lastName", "Goñi",
                "email", "itziar@example.com", "language", "eu", "tags", "vip, socia", "attrName", "city",
                "attrValue", "Bilbao, Casco Viejo"));
        assertThat(good.status()).isEqualTo(302);
        Contact saved = contacts.find(ws, a).orElseThrow();
        assertThat(saved.lastName()).isEqualTo("Goñi");
        assertThat(saved.email()).isEqualTo("itziar@example.com");
        assertThat(saved.language()).isEqualTo("eu");
        assertThat(saved.tags()).containsExactly("socia", "vip");
        // the one attribute row is one value, comma and all
        assertThat(saved.attributes()).containsEntry("city", "Bilbao, Casco Viejo");
        assertThat(owner.get("/contacts/" + id(a)).body()).contains("Contact saved.");

        // a request without the tag box keeps the tags; an emptied box removes them
        owner.post("/contacts/" + id(a), Map.of("firstName", "Itziar"));
        assertThat(contacts.find(ws, a).orElseThrow().tags()).containsExactly("socia", "vip");
        owner.post("/contacts/" + id(a), Map.of("firstName", "Itziar", "tags", "", "attrName", "city", "attrValue", ""));
        Contact cleared = contacts.find(ws, a).orElseThrow();
        assertThat(cleared.tags()).isEmpty();
        assertThat(cleared.attributes()).doesNotContainKey("city");
    }

    @Test
    void tagsAreOfferedAndChosenAttributeColumnsAreRemembered() {
        contacts.create(ws, new ContactInput("+34600000761", null, "Josu", null, null, null, List.of("masa madre"),
                Map.of("barrio", "Deusto")), false);
        var page = owner.get("/contacts").body();
        assertThat(page).contains("<option value=\"masa madre\">").doesNotContain("class=\"attribute-column\"");
        assertThat(owner.get("/contacts?tag=masa+madre").body()).contains("id=\"tag-chip\"");

        var chosen = owner.postRepeated("/contacts/columns", Map.of("back", "/contacts?q=Josu"), "columns",
                List.of("barrio", "no_such_attribute"));
        assertThat(chosen.status()).isEqualTo(302);
        assertThat(chosen.location()).endsWith("/contacts?q=Josu");
        var list = owner.get("/contacts?q=Josu").body();
        assertThat(list).contains("<th class=\"attribute-column\">barrio</th>").contains(">Deusto</td>")
                .doesNotContain("no_such_attribute</th>");
        assertThat(owner.postRepeated("/contacts/columns", Map.of("back", "https://evil.example/"), "columns",
                List.of()).location()).endsWith("/contacts");
    }

    @Test
    void aFilterBeyondWhatOneActionTakesIsRefusedBeforeAnythingChanges() {
        var big = newWorkspace("Mayorista", "mayorista@test.local", "1.00");
        int count = ContactBulk.MAX_FILTER + 1;
        List<Long> ids = repository.reserveIds(count);
        List<ContactRepository.Row> rows = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            rows.add(new ContactRepository.Row(ids.get(i), big.workspaceId(), "+3461" + String.format("%07d", i), null,
                    "Cliente", null, "es", "Europe/Madrid", "ES", Map.of()));
        }
        repository.insertAll(rows, java.time.Instant.now());
        var ask = big.session().get("/contacts/bulk?action=erase&scope=filter&q=Cliente");
        assertThat(ask.status()).isEqualTo(422);
        assertThat(ask.body()).contains("at most 10000 contacts at once: narrow the search")
                .doesNotContain("bulk-confirm-form");
        var erase = big.session().post("/contacts/bulk", Map.of("action", "erase", "scope", "filter", "q", "Cliente"));
        assertThat(erase.status()).isEqualTo(422);
        assertThat(contacts.count(big.workspaceId())).isEqualTo(count);
    }

    private long add(long workspaceId, String phone, String name, List<String> tags) {
        return contacts.create(workspaceId, new ContactInput(phone, null, name, null, null, null, tags, Map.of()), false)
                .contact().id();
    }

    private List<String> tags(long id) {
        return contacts.find(ws, id).orElseThrow().tags();
    }

    private static String id(long id) {
        return PublicId.of("ct_", id);
    }
}
