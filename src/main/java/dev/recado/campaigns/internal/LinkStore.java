package dev.recado.campaigns.internal;

import dev.recado.common.IdBlocks;
import dev.recado.common.SetStatements;
import dev.recado.common.Db;
import dev.recado.messaging.Enqueued;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Campaign links and their clicks. A page's links are written in one batch before its messages are
 * enqueued (so no message ever carries a code that does not resolve), and settled after: the
 * accepted recipients' links get their message, the codes of recipients refused or answered by an
 * earlier run's message are dropped (that message carries the earlier run's codes).
 */
@Repository
class LinkStore {

    record Link(String code, String kind, long workspaceId, long campaignId, long contactId, String channel,
            Long messageId, String target, Instant usedAt) {
    }

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final boolean postgres;

    LinkStore(JdbcClient jdbc, JdbcTemplate template, IdBlocks ids) {
        this.jdbc = jdbc;
        this.template = template;
        this.postgres = ids.postgres();
    }

    /** One batch for the page (the PostgreSQL driver rewrites it into multi-row inserts). */
    @Transactional
    void insert(Campaign c, List<RecipientLinks> recipients, Instant now) {
        insert(c.workspaceId(), c.id(), c.channel(), recipients, now);
    }

    @Transactional
    void insert(long workspaceId, long campaignId, String channel, List<RecipientLinks> recipients, Instant now) {
        record Pending(long contactId, RecipientLinks.Row row) {
        }
        List<Pending> rows = new ArrayList<>();
        recipients.forEach(r -> r.fresh().forEach(row -> rows.add(new Pending(r.contactId(), row))));
        if (rows.isEmpty()) {
            return;
        }
        template.batchUpdate("""
                insert into campaign_links (code, kind, workspace_id, campaign_id, contact_id, channel, target, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?)""", rows, 1000, (ps, p) -> {
                    ps.setString(1, p.row().code());
                    ps.setString(2, p.row().kind());
                    ps.setLong(3, workspaceId);
                    ps.setLong(4, campaignId);
                    ps.setLong(5, p.contactId());
                    ps.setString(6, channel);
                    ps.setString(7, p.row().target());
                    ps.setObject(8, Db.ts(now));
                });
    }

    /** {@code answers} in the order of {@code recipients}, one each. */
    @Transactional
    void settle(long campaignId, List<RecipientLinks> recipients, List<Enqueued> answers) {
        List<String> unused = new ArrayList<>();
        List<Object[]> attach = new ArrayList<>();
        for (int i = 0; i < recipients.size(); i++) {
            RecipientLinks r = recipients.get(i);
            if (r.rows().isEmpty()) {
                continue; // the same template gave the first run's message no links either
            }
            // only this run's own codes: stored ones may be in a message an earlier run made
            if (answers.get(i) instanceof Enqueued.Accepted a) {
                if (a.repeated()) {
                    r.fresh().forEach(row -> unused.add(row.code()));
                }
                attach.add(new Object[] {a.message().id(), campaignId, r.contactId()});
            } else {
                r.fresh().forEach(row -> unused.add(row.code()));
            }
        }
        if (!unused.isEmpty()) {
            template.batchUpdate("delete from campaign_links where code = ?", unused, 1000,
                    (ps, code) -> ps.setString(1, code));
        }
        if (attach.isEmpty()) {
            return;
        }
        // also mends the links of a run that crashed between its enqueue and this write
        if (postgres) {
            // one statement for the page (a JDBC batch of updates is one execution per recipient),
            // and no join: joined to unnest(), stale statistics (every link had its message at the
            // last analyze) planned a nested loop comparing the page's 1,000 links with 1,000
            // values each, a second a page; a single-table update looks each one's message up
            Long[] contacts = attach.stream().map(a -> (Long) a[2]).toArray(Long[]::new);
            SetStatements.update(template, """
                    update campaign_links set message_id = (?::bigint[])[array_position(?::bigint[], contact_id)]
                     where campaign_id = ? and contact_id = any(?) and message_id is null""",
                    attach.stream().map(a -> (Long) a[0]).toArray(Long[]::new), contacts, campaignId, contacts);
            return;
        }
        template.batchUpdate("update campaign_links set message_id = ? where campaign_id = ? and contact_id = ?"
                + " and message_id is null", attach);
    }

    /**
     * Links stored for the contacts of a page (ids in (after, last]) by a run that did not finish it;
     * on a first run, an empty range read of the campaign's index.
     */
    Map<Long, List<RecipientLinks.Row>> stored(long campaignId, long afterContactId, long lastContactId) {
        Map<Long, List<RecipientLinks.Row>> stored = new HashMap<>();
        jdbc.sql("""
                select contact_id, code, kind, target from campaign_links
                where campaign_id = :id and contact_id > :after and contact_id <= :last""")
                .param("id", campaignId).param("after", afterContactId).param("last", lastContactId)
                .query(rs -> {
                    stored.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                            .add(new RecipientLinks.Row(rs.getString(2), rs.getString(3), rs.getString(4)));
                });
        return stored;
    }

    Optional<Link> find(String code) {
        return jdbc.sql("select * from campaign_links where code = :code").param("code", code).query(this::row).optional();
    }

    void click(Link link, Instant at, String userAgent, boolean bot) {
        jdbc.sql("""
                insert into link_clicks (code, campaign_id, contact_id, message_id, clicked_at, user_agent, bot)
                values (:code, :campaign, :contact, :message, :at, :agent, :bot)""")
                .param("code", link.code()).param("campaign", link.campaignId()).param("contact", link.contactId())
                .param("message", link.messageId()).param("at", Db.ts(at)).param("agent", userAgent).param("bot", bot)
                .update();
    }

    /** Marks an unsubscribe link used; false when it already was (the opt-out is recorded once). */
    boolean markUsed(String code, Instant now) {
        return jdbc.sql("update campaign_links set used_at = :now where code = :code and kind = 'unsubscribe'"
                + " and used_at is null").param("code", code).param("now", Db.ts(now)).update() == 1;
    }

    private Link row(ResultSet rs, int n) throws SQLException {
        return new Link(rs.getString("code"), rs.getString("kind"), rs.getLong("workspace_id"), rs.getLong("campaign_id"),
                rs.getLong("contact_id"), rs.getString("channel"), Db.nullableLong(rs, "message_id"),
                rs.getString("target"), Db.instant(rs, "used_at"));
    }
}
