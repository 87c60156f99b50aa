package dev.recado.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recado.support.RecadoTest;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** An agent's console page views are their presence, kept in the database for every node's web chat widgets. */
@RecadoTest
class AgentPresenceHttpTest extends NewWorkspaceSupport {

    @Test
    void aPageViewRecordsTheAgentActiveAndAnotherWithinAMinuteDoesNotWriteAgain() {
        var owner = newWorkspace("Óptica Sol", "sol@test.local", "1.00");
        assertThat(lastActive("sol@test.local")).isNull();
        assertThat(owner.session().get("/contacts").status()).isEqualTo(200);
        Instant first = lastActive("sol@test.local");
        assertThat(first).isNotNull().isAfter(Instant.now().minusSeconds(60));
        assertThat(owner.session().get("/messages").status()).isEqualTo(200);
        assertThat(lastActive("sol@test.local")).isEqualTo(first);
    }

    private Instant lastActive(String email) {
        return jdbc.sql("select last_active_at from users where email = :e").param("e", email)
                .query((rs, n) -> rs.getTimestamp(1) == null ? null : rs.getTimestamp(1).toInstant()).list().getFirst();
    }
}
