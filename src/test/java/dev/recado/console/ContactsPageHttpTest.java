package dev.recado.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recado.contacts.ContactInput;
import dev.recado.contacts.ContactManagement;
import dev.recado.support.RecadoTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

/** The contact list's total for the current search and tag, and the export of exactly those contacts. */
@RecadoTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ContactsPageHttpTest extends NewWorkspaceSupport {

    @Autowired
    ContactManagement contacts;

    ConsoleSession owner;

    @BeforeAll
    void aWorkspaceWithThreeContacts() {
        var created = newWorkspace("Librería Ana", "ana@test.local", "1.00");
        owner = created.session();
        add(created.workspaceId(), "+34600000601", "Jon", List.of("novela"));
        add(created.workspaceId(), "+34600000602", "Ane", List.of("novela", "poesia"));
        add(created.workspaceId(), "+34600000603", "Unai", List.of());
    }

    @Test
    void theTotalFollowsTheFilterAndTheExportHoldsExactlyThoseContacts() {
        assertThat(owner.get("/contacts").body()).contains("data-total=\"3\"").contains("3 contacts");
        assertThat(owner.get("/contacts?tag=novela").body()).contains("data-total=\"2\"")
                .containsPattern("id=\"contacts-export\"[^>]*href=\"/contacts/export\\.csv\\?(q=&amp;)?tag=novela\"");
        assertThat(owner.language("es").get("/contacts?q=Unai").body()).contains("1 contacto<");
        owner.language("en");

        var csv = owner.get("/contacts/export.csv?tag=novela");
        assertThat(csv.status()).isEqualTo(200);
        List<String> lines = csv.body().lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).startsWith("id,phone,email,first_name");
        assertThat(csv.body()).contains("+34600000601").contains("+34600000602").doesNotContain("+34600000603");
    }

    private void add(long workspaceId, String phone, String name, List<String> tags) {
        contacts.create(workspaceId, new ContactInput(phone, null, name, null, null, null, tags, Map.of()), false);
    }
}
