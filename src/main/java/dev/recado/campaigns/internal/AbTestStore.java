package dev.recado.campaigns.internal;

import dev.recado.common.Db;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** A/B test rows: the test itself, each message's variant, and the per-variant counts the winner is chosen by. */
@Repository
class AbTestStore {

    /** One message of an A/B campaign, recorded after the page's enqueue. */
    record VariantMessage(long contactId, int variant, boolean test, long messageId) {
    }

    /** A variant's test-share results, summed from the rows. */
    record VariantResult(int variant, long templateId, long targeted, long messages, long sent, long delivered,
            long clicked, long replied) {
    }

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    AbTestStore(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    void insert(long campaignId, List<Long> templateIds, int sharePercent, String winnerBy, int decideAfterMinutes) {
        jdbc.sql("""
                insert into campaign_ab_tests (campaign_id, variants, test_share_percent, winner_by, decide_after_minutes)
                values (:id, :variants, :share, :by, :minutes)""")
                .param("id", campaignId).param("variants", String.join(",", templateIds.stream().map(String::valueOf).toList()))
                .param("share", sharePercent).param("by", winnerBy).param("minutes", decideAfterMinutes).update();
    }

    /** Only a draft's: a test that has begun has message and count rows that name it. */
    void delete(long campaignId) {
        jdbc.sql("delete from campaign_ab_tests where campaign_id = :id").param("id", campaignId).update();
    }

    Optional<AbTest> find(long campaignId) {
        return jdbc.sql("select * from campaign_ab_tests where campaign_id = :id").param("id", campaignId)
                .query(this::row).optional();
    }

    /** The tests of a page of campaigns, by campaign id; campaigns without one are absent. */
    java.util.Map<Long, AbTest> findAll(List<Long> campaignIds) {
        if (campaignIds.isEmpty()) {
            return java.util.Map.of();
        }
        return jdbc.sql("select * from campaign_ab_tests where campaign_id in (:ids)").param("ids", campaignIds)
                .query(this::row).stream()
                .collect(java.util.stream.Collectors.toMap(AbTest::campaignId, t -> t));
    }

    /**
     * The campaign's guarded cursor write together with the test's own: the per-variant targeted
     * counts, and at the end of the test share the wait for {@code decideAt} (phase decide).
     */
    @Transactional
    boolean advance(CampaignStore campaigns, long id, String node, CampaignStore.PageResult page, Instant now,
            long[] targetedByVariant, Instant decideAt) {
        if (!campaigns.advance(id, node, page, now)) {
            return false;
        }
        for (int v = 0; v < targetedByVariant.length; v++) {
            if (targetedByVariant[v] == 0) {
                continue;
            }
            // only the lease holder writes here, so the update-then-insert does not race
            if (jdbc.sql("update campaign_ab_targeted set targeted = targeted + :n where campaign_id = :id and variant = :v")
                    .param("n", targetedByVariant[v]).param("id", id).param("v", v).update() == 0) {
                jdbc.sql("insert into campaign_ab_targeted (campaign_id, variant, targeted) values (:id, :v, :n)")
                        .param("n", targetedByVariant[v]).param("id", id).param("v", v).update();
            }
        }
        if (decideAt != null) {
            jdbc.sql("update campaign_ab_tests set phase = 'decide', decide_at = :at where campaign_id = :id and phase = 'test'")
                    .param("at", Db.ts(decideAt)).param("id", id).update();
        }
        return true;
    }

    /** Records each message's variant; a page that runs again finds its rows there already. */
    void record(long campaignId, List<VariantMessage> rows) {
        if (rows.isEmpty()) {
            return;
        }
        template.batchUpdate("""
                insert into campaign_ab_messages (campaign_id, contact_id, variant, test, message_id)
                values (?, ?, ?, ?, ?) on conflict do nothing""", rows, 1000, (ps, r) -> {
                    ps.setLong(1, campaignId);
                    ps.setLong(2, r.contactId());
                    ps.setInt(3, r.variant());
                    ps.setBoolean(4, r.test());
                    ps.setLong(5, r.messageId());
                });
    }

    /** A resumed campaign waiting for its decision waits on: the runner looks again at {@code at}. */
    void waitUntil(long campaignId, String node, Instant at) {
        jdbc.sql("update campaigns set next_page_at = :at where id = :id and lease_owner = :node and status = 'running'")
                .param("at", Db.ts(at)).param("id", campaignId).param("node", node).update();
    }

    /**
     * Records the winner once: only the lease holder of a running campaign whose test is still
     * waiting for its decision moves it to the rest phase. False when another run already decided.
     */
    boolean decide(long campaignId, String node, int winner, Instant now) {
        return jdbc.sql("""
                update campaign_ab_tests set phase = 'rest', winner = :winner, decided_at = :now
                where campaign_id = :id and phase = 'decide'
                  and exists (select 1 from campaigns c where c.id = :id and c.lease_owner = :node and c.status = 'running')""")
                .param("winner", winner).param("now", Db.ts(now)).param("id", campaignId).param("node", node)
                .update() == 1;
    }

    /** Per variant of the test share: targeted, messages, sent, delivered, people who clicked, who replied after. */
    List<VariantResult> results(AbTest ab) {
        int n = ab.templateIds().size();
        long[][] sums = new long[n][6];
        jdbc.sql("select variant, targeted from campaign_ab_targeted where campaign_id = :id").param("id", ab.campaignId())
                .query(rs -> {
                    add(sums, rs.getInt(1), 0, rs.getLong(2));
                });
        jdbc.sql("""
                select a.variant, count(*), count(m.sent_at),
                       count(case when m.status in ('delivered', 'read') then 1 end)
                from campaign_ab_messages a join messages m on m.id = a.message_id
                where a.campaign_id = :id and a.test group by a.variant""").param("id", ab.campaignId())
                .query(rs -> {
                    add(sums, rs.getInt(1), 1, rs.getLong(2));
                    add(sums, rs.getInt(1), 2, rs.getLong(3));
                    add(sums, rs.getInt(1), 3, rs.getLong(4));
                });
        jdbc.sql("""
                select a.variant, count(distinct a.contact_id)
                from campaign_ab_messages a join link_clicks k on k.message_id = a.message_id
                where a.campaign_id = :id and a.test and not k.bot group by a.variant""").param("id", ab.campaignId())
                .query(rs -> {
                    add(sums, rs.getInt(1), 4, rs.getLong(2));
                });
        // a reply: any inbound message of the contact since the campaign's message to them
        jdbc.sql("""
                select a.variant, count(*)
                from campaign_ab_messages a join messages o on o.id = a.message_id
                where a.campaign_id = :id and a.test and exists (select 1 from messages i
                  where i.contact_id = a.contact_id and i.direction = 'inbound' and i.created_at >= o.created_at)
                group by a.variant""").param("id", ab.campaignId())
                .query(rs -> {
                    add(sums, rs.getInt(1), 5, rs.getLong(2));
                });
        List<VariantResult> results = new ArrayList<>();
        for (int v = 0; v < n; v++) {
            long[] s = sums[v];
            results.add(new VariantResult(v, ab.templateIds().get(v), s[0], s[1], s[2], s[3], s[4], s[5]));
        }
        return results;
    }

    private static void add(long[][] sums, int variant, int slot, long n) {
        if (variant >= 0 && variant < sums.length) {
            sums[variant][slot] += n;
        }
    }

    /** The variants' template ids as {@link #insert} stores them: comma-separated, in variant order. */
    static List<Long> templateIds(String variants) {
        return Arrays.stream(variants.split(",")).map(Long::valueOf).toList();
    }

    private AbTest row(ResultSet rs, int n) throws SQLException {
        int winner = rs.getInt("winner");
        Integer w = rs.wasNull() ? null : winner;
        return new AbTest(rs.getLong("campaign_id"),
                templateIds(rs.getString("variants")),
                rs.getInt("test_share_percent"), rs.getString("winner_by"), rs.getInt("decide_after_minutes"),
                rs.getString("phase"), Db.instant(rs, "decide_at"), w, Db.instant(rs, "decided_at"));
    }
}
