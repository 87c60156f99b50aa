package dev.recado.channels.webchat.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recado.common.Db;
import dev.recado.support.RecadoTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Anonymous visitors who never wrote go after 30 days, in batches, once per interval whichever node
 * asks; a visitor with a line in its chat, a filled form, a contact, or a recent first visit stays.
 */
@RecadoTest
class VisitorPrunerTest {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    VisitorPruner pruner;

    @Test
    void deletesOnlyOldVisitorsWhoNeverWroteOncePerInterval() {
        // ahead of the clock: the running worker has had its turn at "now" and the job is due again later
        Instant at = Instant.now().plus(Duration.ofDays(200));
        long workspace = 8_000_000_000L + (System.nanoTime() % 1_000_000);
        long silent = visitor(workspace, "silent", at.minus(Duration.ofDays(40)));
        long silentToo = visitor(workspace, "silent2", at.minus(Duration.ofDays(31)));
        long wrote = visitor(workspace, "wrote", at.minus(Duration.ofDays(40)));
        jdbc.sql("insert into webchat_events (visitor_id, sender_id, direction, body, created_at) values (:v, 1, 'in', 'Hola', :at)")
                .param("v", wrote).param("at", Db.ts(at.minus(Duration.ofDays(39)))).update();
        long form = visitor(workspace, "form", at.minus(Duration.ofDays(40)));
        jdbc.sql("update webchat_visitors set name = 'Ana', form_at = :at where id = :v")
                .param("at", Db.ts(at.minus(Duration.ofDays(39)))).param("v", form).update();
        long contact = visitor(workspace, "contact", at.minus(Duration.ofDays(40)));
        jdbc.sql("insert into contact_channel_ids (workspace_id, channel, external_id, contact_id, created_at)"
                        + " values (:w, 'webchat', :p, 1, :at)")
                .param("w", workspace).param("p", publicId(workspace, "contact")).param("at", Db.ts(at)).update();
        long recent = visitor(workspace, "recent", at.minus(Duration.ofDays(29)));

        // batches of one: the loop continues from what is left until a batch comes back short
        assertThat(pruner.prune("node-x", at, 1)).isGreaterThanOrEqualTo(2);
        assertThat(left(List.of(silent, silentToo, wrote, form, contact, recent)))
                .containsExactlyInAnyOrder(wrote, form, contact, recent);

        // not due again within the interval, on this node or another; due after it
        assertThat(pruner.prune("node-y", at.plus(Duration.ofMinutes(5)), 10)).isEqualTo(-1);
        assertThat(pruner.prune("node-x", at.plus(Duration.ofMinutes(5)), 10)).isEqualTo(-1);
        assertThat(pruner.prune("node-y", at.plus(Duration.ofMinutes(61)), 10)).isZero();
    }

    private long visitor(long workspace, String name, Instant created) {
        jdbc.sql("insert into webchat_visitors (workspace_id, sender_id, public_id, token_hash, created_at)"
                        + " values (:w, 1, :p, :t, :at)")
                .param("w", workspace).param("p", publicId(workspace, name)).param("t", (publicId(workspace, name) + "-token"))
                .param("at", Db.ts(created)).update();
        return jdbc.sql("select id from webchat_visitors where public_id = :p").param("p", publicId(workspace, name))
                .query(Long.class).single();
    }

    private static String publicId(long workspace, String name) {
        return "v_" + workspace + name;
    }

    private List<Long> left(List<Long> ids) {
        return jdbc.sql("select id from webchat_visitors where id in (:ids)").param("ids", ids).query(Long.class).list();
    }
}
