package dev.recado.campaigns.internal;

import dev.recado.common.Db;
import java.time.Clock;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The template and segment an occurrence of a campaign runs with, copied on its first page and read
 * back on every later one (by any node, after any restart): templates and segments can be edited
 * while a campaign runs, and its remaining recipients must get what the first ones got. The next
 * occurrence of a routine, and every campaign started later, takes the edited content.
 */
@Repository
class CampaignSnapshots {

    static final String TEMPLATE = "template";
    static final String SEGMENT = "segment";

    private final JdbcClient jdbc;
    private final TemplateStore templates;
    private final SegmentStore segments;
    private final Clock clock;

    CampaignSnapshots(JdbcClient jdbc, TemplateStore templates, SegmentStore segments, Clock clock) {
        this.jdbc = jdbc;
        this.templates = templates;
        this.segments = segments;
        this.clock = clock;
    }

    MessageTemplate template(Campaign c, long templateId) {
        MessageTemplate live = templates.findAny(c.workspaceId(), templateId).orElseThrow();
        return TemplateStore.fromJson(live, body(c, TEMPLATE, templateId, () -> TemplateStore.json(live)));
    }

    Segment segment(Campaign c) {
        Segment live = segments.findAny(c.workspaceId(), c.segmentId()).orElseThrow();
        return SegmentStore.fromJson(live, body(c, SEGMENT, c.segmentId(), () -> SegmentStore.json(live)));
    }

    /**
     * The template a message of the campaign was made from, as its latest occurrence copied it
     * (a fallback channel's message is rendered minutes after the fan-out); empty before any copy.
     */
    Optional<MessageTemplate> latestTemplate(long workspaceId, long campaignId, long templateId) {
        return jdbc.sql("""
                select body from campaign_snapshots where campaign_id = :c and kind = 'template' and source_id = :t
                order by occurrence desc fetch first 1 rows only""")
                .param("c", campaignId).param("t", templateId).query(String.class).optional()
                .flatMap(json -> templates.findAny(workspaceId, templateId).map(t -> TemplateStore.fromJson(t, json)));
    }

    /** The stored copy; the first to write it wins, so two nodes racing on one page agree. */
    private String body(Campaign c, String kind, long sourceId, java.util.function.Supplier<String> current) {
        Optional<String> stored = read(c, kind, sourceId);
        if (stored.isPresent()) {
            return stored.get();
        }
        try {
            jdbc.sql("""
                    insert into campaign_snapshots (campaign_id, occurrence, kind, source_id, body, created_at)
                    values (:c, :o, :kind, :source, :body, :now)""")
                    .param("c", c.id()).param("o", c.occurrence()).param("kind", kind).param("source", sourceId)
                    .param("body", current.get()).param("now", Db.ts(clock.instant())).update();
        } catch (DuplicateKeyException e) {
            // another node copied it first: read theirs below
        }
        return read(c, kind, sourceId).orElseThrow();
    }

    private Optional<String> read(Campaign c, String kind, long sourceId) {
        return jdbc.sql("""
                select body from campaign_snapshots
                where campaign_id = :c and occurrence = :o and kind = :kind and source_id = :source""")
                .param("c", c.id()).param("o", c.occurrence()).param("kind", kind).param("source", sourceId)
                .query(String.class).optional();
    }
}
