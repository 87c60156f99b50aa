package dev.recado.campaigns.internal;

import dev.recado.common.PublicId;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * A campaign's report: the event-fed counters of its row, and what only rows can tell (clicks,
 * opt-outs through its links, top links, the hourly series), summed in SQL through the campaign
 * indexes. The recipients' CSV streams the campaign's messages in keyset pages. Reads the engine's
 * {@code messages} read-only, as segments do.
 */
@Repository
class CampaignReports {

    private static final int TOP_LINKS = 10;
    private static final int CSV_PAGE = 1000;

    record Clicks(long unique, long total, long bots) {
    }

    record TopLink(String url, long clicks, long unique) {
    }

    record Hour(Instant hour, long sent, long delivered, long clicks) {
    }

    record Report(Campaign campaign, Clicks clicks, long optedOut, long conversions, List<TopLink> topLinks,
            List<Hour> series, Map<String, Long> deliveredByChannel) {
    }

    private final JdbcClient jdbc;

    CampaignReports(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Report report(Campaign c) {
        return report(c, null);
    }

    /**
     * The campaign's report, or with {@code occurrence} one occurrence's: its messages are those whose
     * client reference names it ({@code cmp:<campaign>:<occurrence>:…}), its clicks and opt-outs those
     * of links on them. Landing conversions are counted per campaign only (they name no message).
     */
    Report report(Campaign c, Integer occurrence) {
        String ofMessages = occurrence == null ? "" : " and client_ref like :ref";
        String ofLinks = occurrence == null ? ""
                : " and message_id in (select id from messages where campaign_id = :id and client_ref like :ref)";
        String ref = occurrence == null ? "%" : "cmp:" + c.id() + ":" + occurrence + ":%";
        var clicks = jdbc.sql("""
                select count(case when not bot then 1 end) as total,
                       count(distinct case when not bot then contact_id end) as uniq,
                       count(case when bot then 1 end) as bots
                from link_clicks where campaign_id = :id""" + ofLinks).param("id", c.id()).param("ref", ref)
                .query((rs, n) -> new Clicks(rs.getLong("uniq"), rs.getLong("total"), rs.getLong("bots"))).single();
        long optedOut = jdbc.sql("""
                select count(*) from campaign_links
                where campaign_id = :id and kind = 'unsubscribe' and used_at is not null""" + ofLinks)
                .param("id", c.id()).param("ref", ref).query(Long.class).single();
        var top = jdbc.sql("""
                select l.target, count(*) as clicks, count(distinct k.contact_id) as uniq
                from link_clicks k join campaign_links l on l.code = k.code
                where k.campaign_id = :id and not k.bot""" + ofLinks.replace("message_id", "k.message_id")
                + " group by l.target order by clicks desc, l.target fetch first :n rows only")
                .param("id", c.id()).param("ref", ref).param("n", TOP_LINKS)
                .query((rs, n) -> new TopLink(rs.getString(1), rs.getLong(2), rs.getLong(3))).list();
        long conversions = occurrence != null ? 0 : jdbc.sql("select count(*) from landing_conversions where campaign_id = :id")
                .param("id", c.id()).query(Long.class).single();
        return new Report(c, clicks, optedOut, conversions, top, series(c.id(), ofMessages, ofLinks, ref),
                deliveredByChannel(c.id(), ofMessages, ref));
    }

    /**
     * Messages that reached people, per channel: delivered or read, or for email (which reports no
     * delivery) sent. With a channel order a recipient's fallback counts on the channel that delivered it.
     */
    private Map<String, Long> deliveredByChannel(long id, String ofMessages, String ref) {
        Map<String, Long> counts = new TreeMap<>();
        jdbc.sql("select channel, count(*) as n from messages where campaign_id = :id"
                + " and (status in ('delivered', 'read') or (channel = 'email' and status = 'sent'))" + ofMessages
                + " group by channel").param("id", id).param("ref", ref)
                .query(rs -> {
                    counts.put(rs.getString("channel"), rs.getLong("n"));
                });
        return counts;
    }

    /** Sent, delivered and human clicks per UTC hour (hours since the epoch, the same on H2 and PostgreSQL). */
    private List<Hour> series(long id, String ofMessages, String ofLinks, String ref) {
        Map<Long, long[]> hours = new TreeMap<>();
        hourly("select floor(extract(epoch from sent_at) / 3600) as h, count(*) as n from messages"
                + " where campaign_id = :id and sent_at is not null" + ofMessages
                + " group by floor(extract(epoch from sent_at) / 3600)", id, ref, hours, 0);
        hourly("select floor(extract(epoch from delivered_at) / 3600) as h, count(*) as n from messages"
                + " where campaign_id = :id and delivered_at is not null and status in ('delivered', 'read')" + ofMessages
                + " group by floor(extract(epoch from delivered_at) / 3600)", id, ref, hours, 1);
        hourly("select floor(extract(epoch from clicked_at) / 3600) as h, count(*) as n from link_clicks"
                + " where campaign_id = :id and not bot" + ofLinks
                + " group by floor(extract(epoch from clicked_at) / 3600)", id, ref, hours, 2);
        return hours.entrySet().stream()
                .map(e -> new Hour(Instant.ofEpochSecond(e.getKey() * 3600), e.getValue()[0], e.getValue()[1], e.getValue()[2]))
                .toList();
    }

    private void hourly(String sql, long id, String ref, Map<Long, long[]> hours, int slot) {
        jdbc.sql(sql).param("id", id).param("ref", ref).query(rs -> {
            hours.computeIfAbsent(rs.getLong("h"), h -> new long[3])[slot] += rs.getLong("n");
        });
    }

    /** Every message of the campaign with its outcome and human clicks, a page at a time. */
    void recipientsCsv(long campaignId, Integer occurrence, OutputStream out) {
        String ref = occurrence == null ? "%" : "cmp:" + campaignId + ":" + occurrence + ":%";
        try {
            Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            CSVPrinter csv = new CSVPrinter(writer, CSVFormat.RFC4180.builder().setHeader("contact_id", "address",
                    "message_id", "status", "sent_at", "delivered_at", "clicks", "clicked", "error_code").get());
            long after = 0;
            while (true) {
                var rows = jdbc.sql("""
                        select m.id, m.contact_id, m.to_address, m.status, m.sent_at, m.delivered_at, m.error_code,
                               (select count(*) from link_clicks k where k.message_id = m.id and not k.bot) as clicks
                        from messages m where m.campaign_id = :id and m.id > :after"""
                        + (occurrence == null ? "" : " and m.client_ref like :ref")
                        + " order by m.id fetch first :n rows only")
                        .param("id", campaignId).param("ref", ref).param("after", after).param("n", CSV_PAGE).query().listOfRows();
                for (var r : rows) {
                    long clicks = ((Number) r.get("clicks")).longValue();
                    Object contact = r.get("contact_id");
                    csv.printRecord(contact == null ? "" : PublicId.of("ct_", ((Number) contact).longValue()),
                            r.get("to_address"), PublicId.of("msg_", ((Number) r.get("id")).longValue()), r.get("status"),
                            time(r.get("sent_at")), time(r.get("delivered_at")), clicks, clicks > 0,
                            r.get("error_code") == null ? "" : r.get("error_code"));
                    after = ((Number) r.get("id")).longValue();
                }
                csv.flush();
                if (rows.size() < CSV_PAGE) {
                    return;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String time(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof java.time.OffsetDateTime t) {
            return t.toInstant().toString();
        }
        if (value instanceof java.sql.Timestamp t) {
            return t.toInstant().toString();
        }
        return value.toString();
    }
}
