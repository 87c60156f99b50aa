package dev.recado.campaigns.internal;

import dev.recado.contacts.Contact;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The review estimate's reads of an audience. Like {@link Audience} it reads other modules' tables
 * directly and read-only (service windows, the cap's counters, RCS capability answers): the whole
 * audience must be answered in one grouped scan, which no per-contact call could match at a million
 * contacts.
 */
@Repository
class AudienceScans {

    /**
     * Recipients alike for the estimate: {@code facts} as {@link AudienceFacts} answers, {@code head}
     * the first digits of their number (null without one or when no digits are asked for),
     * {@code zone} the contact's time zone when asked for (null otherwise).
     */
    record Group(long facts, String head, String zone, long count) {
    }

    /** A recipient with enough recorded marketing sends to be at the cap, pending the period's check. */
    record CapCandidate(long contactId, long facts, String phone, String zone, String sends) {
    }

    /** A contact of the audience with its {@link AudienceFacts}, read to render its own message. */
    record Sampled(Contact contact, long facts) {
    }

    private final JdbcClient jdbc;

    AudienceScans(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * One scan of the audience grouped by facts, leading digits and zone. The groups are as few as
     * the distinct leading digits ({@code headDigits}: those that decide price and sender) and zones
     * times the combinations of facts: each is routed, priced and checked against quiet hours once,
     * never each contact.
     */
    List<Group> groups(long workspaceId, SegmentWhere where, AudienceFacts facts, int headDigits, boolean byZone) {
        String head = headDigits == 0 ? "cast(null as varchar(16))" : "substring(r.phone from 2 for " + headDigits + ")";
        List<Object> params = new ArrayList<>(facts.params());
        params.add(workspaceId);
        params.addAll(where.params());
        return jdbc.sql("select facts, head, zone, count(*) as n from (select r.facts, " + head + " as head, "
                + (byZone ? "r.zone" : "cast(null as varchar(64))") + " as zone from (select " + facts.sql()
                + " as facts, c.phone, c.timezone as zone from contacts c where c.workspace_id = ? and c.erased_at is null"
                + " and " + where.sql() + ") r) g group by facts, head, zone")
                .params(params)
                .query((rs, n) -> new Group(rs.getLong("facts"), rs.getString("head"), rs.getString("zone"), rs.getLong("n")))
                .list();
    }

    /**
     * The audience's contacts with at least {@code minSends} recorded marketing sends, whatever
     * their age (the period is the caller's check): only they can be at the cap, so the rest of the
     * audience is never read here. One index join on the counters' primary key.
     */
    void capCandidates(long workspaceId, SegmentWhere where, AudienceFacts facts, int minSends,
            Consumer<CapCandidate> each) {
        List<Object> params = new ArrayList<>(facts.params());
        params.add(workspaceId);
        params.addAll(where.params());
        params.add(minSends - 1);
        // n sends are stored as n numbers joined by n - 1 commas
        jdbc.sql("select c.id, " + facts.sql() + " as facts, c.phone, c.timezone, f.sends from contacts c"
                + " join frequency_counts f on f.contact_id = c.id where c.workspace_id = ? and c.erased_at is null and "
                + where.sql() + " and f.sends <> '' and length(f.sends) - length(replace(f.sends, ',', '')) >= ?")
                .params(params)
                .query(rs -> {
                    each.accept(new CapCandidate(rs.getLong("id"), rs.getLong("facts"), rs.getString("phone"),
                            rs.getString("timezone"), rs.getString("sends")));
                });
    }

    /**
     * Up to {@code limit} of the audience's contacts with ids in ({@code afterId}, {@code untilId}], in
     * id order, each with its facts: one keyset range of the contacts index.
     */
    List<Sampled> contacts(long workspaceId, SegmentWhere where, AudienceFacts facts, long afterId, long untilId,
            int limit) {
        List<Object> params = new ArrayList<>(facts.params());
        params.add(workspaceId);
        params.add(afterId);
        params.add(untilId);
        params.addAll(where.params());
        params.add(limit);
        return jdbc.sql("select " + Audience.CONTACT_COLUMNS + ", " + facts.sql() + " as facts from contacts c"
                + " where c.workspace_id = ? and c.id > ? and c.id <= ? and c.erased_at is null and " + where.sql()
                + " order by c.id fetch first ? rows only")
                .params(params)
                .query((rs, n) -> new Sampled(Audience.contact(rs, n), rs.getLong("facts")))
                .list();
    }

    /** The audience's highest contact id (0 when it is empty), read backwards along the contacts index. */
    long lastId(long workspaceId, SegmentWhere where) {
        List<Object> params = new ArrayList<>();
        params.add(workspaceId);
        params.addAll(where.params());
        return jdbc.sql("select c.id from contacts c where c.workspace_id = ? and c.erased_at is null and " + where.sql()
                + " order by c.id desc fetch first 1 rows only")
                .params(params).query(Long.class).optional().orElse(0L);
    }
}
