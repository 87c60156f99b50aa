package dev.recado.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recado.contacts.ContactFilter;
import dev.recado.contacts.ContactManagement;
import dev.recado.support.RecadoTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/** The one-command first start: demo workspace seeded with sample contacts (every number valid). */
@RecadoTest
@TestPropertySource(properties = "recado.demo-workspace=true")
class FirstStartTest {

    @Autowired
    WorkspaceManagement workspaces;
    @Autowired
    ContactManagement contacts;

    @Test
    void demoWorkspaceHasItsSampleContacts() {
        var demo = workspaces.defaultWorkspace().orElseThrow();
        assertThat(demo.name()).isEqualTo("Demo");
        var seeded = contacts.list(demo.id(), new ContactFilter(null, null, null, null), Long.MAX_VALUE, 50);
        assertThat(seeded).hasSize(6);
        assertThat(seeded).anyMatch(c -> "MX".equals(c.country()));
    }
}
