package dev.recado.campaigns.internal;

import dev.recado.common.ApiException;
import dev.recado.common.FieldProblem;
import dev.recado.common.PublicId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Whether a campaign that may still send (scheduled, running or paused) names a template (as its
 * own or an A/B variant's) or a segment: such a template or segment cannot be deleted. Drafts and
 * finished campaigns do not hold it; a draft that names a deleted one is refused when saved again
 * or started. A delete and a start take the same row locks (templates by id, then the segment),
 * so whichever commits first decides: a start that waited sees the deletion, a delete that waited
 * sees the campaign scheduled or running.
 */
@Component
class ContentInUse {

    private static final String ACTIVE = "('" + Campaign.SCHEDULED + "', '" + Campaign.RUNNING + "', '"
            + Campaign.PAUSED + "')";

    private final JdbcClient jdbc;

    ContentInUse(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void refuseTemplate(long workspaceId, long templateId) {
        lock("templates", workspaceId, List.of(templateId));
        record Row(long id, long templateId, String variants) {
        }
        jdbc.sql("select c.id, c.template_id, a.variants from campaigns c"
                + " left join campaign_ab_tests a on a.campaign_id = c.id"
                + " where c.workspace_id = :ws and c.status in " + ACTIVE + " order by c.id")
                .param("ws", workspaceId)
                .query((rs, n) -> new Row(rs.getLong(1), rs.getLong(2), rs.getString(3))).list().stream()
                .filter(r -> r.templateId() == templateId
                        || r.variants() != null && AbTestStore.templateIds(r.variants()).contains(templateId))
                .findFirst().ifPresent(r -> refuse("template_in_use", "template", r.id()));
    }

    void refuseSegment(long workspaceId, long segmentId) {
        lock("segments", workspaceId, List.of(segmentId));
        Optional<Long> campaign = jdbc.sql("select id from campaigns where workspace_id = :ws and segment_id = :s"
                + " and status in " + ACTIVE + " order by id fetch first 1 rows only")
                .param("ws", workspaceId).param("s", segmentId).query(Long.class).optional();
        campaign.ifPresent(id -> refuse("segment_in_use", "segment", id));
    }

    /**
     * What a campaign sends from: its own template, its A/B variants' in their order (empty without a
     * test), and its segment.
     */
    record Content(long templateId, List<Long> variantTemplateIds, long segmentId) {

        static Content of(Campaign c, Optional<AbTest> ab) {
            return new Content(c.templateId(), ab.map(AbTest::templateIds).orElse(List.of()), c.segmentId());
        }
    }

    /**
     * In the start's transaction, before its state change: locks the campaign's templates and
     * segment and refuses one deleted ({@link #refuseDeleted}).
     */
    void holdForStart(long workspaceId, Content content) {
        refuseDeleted(workspaceId, content, true);
    }

    /**
     * 409 {@code template_deleted} naming {@code template_id} (or the A/B variant's
     * {@code ab_test.variants[i].template_id}), else 409 {@code segment_deleted} naming
     * {@code segment_id}, when one of them was deleted: what start answers, asked by a review, which
     * reads without locking because it changes nothing.
     */
    void refuseDeleted(long workspaceId, Content content) {
        refuseDeleted(workspaceId, content, false);
    }

    private void refuseDeleted(long workspaceId, Content content, boolean lock) {
        List<Long> all = new ArrayList<>(content.variantTemplateIds());
        all.add(content.templateId());
        Set<Long> kept = kept("templates", workspaceId, all.stream().distinct().sorted().toList(), lock);
        if (!kept.contains(content.templateId())) {
            throw gone("template_deleted", "template_id", "The campaign's template was deleted; choose another one");
        }
        for (int i = 0; i < content.variantTemplateIds().size(); i++) {
            if (!kept.contains(content.variantTemplateIds().get(i))) {
                throw gone("template_deleted", "ab_test.variants[" + i + "].template_id",
                        "The template of the campaign's A/B variant " + i + " was deleted; choose another one");
            }
        }
        if (!kept("segments", workspaceId, List.of(content.segmentId()), lock).contains(content.segmentId())) {
            throw gone("segment_deleted", "segment_id", "The campaign's segment was deleted; choose another one");
        }
    }

    /** Locks the rows in id order (so two lockers never deadlock). */
    private void lock(String table, long workspaceId, List<Long> ids) {
        kept(table, workspaceId, ids, true);
    }

    /** Of {@code ids} (in id order when locking), those not deleted. */
    private Set<Long> kept(String table, long workspaceId, List<Long> ids, boolean lock) {
        // every row is read, deleted or not, so a start locks the very rows a delete locks
        return new HashSet<>(jdbc.sql("select id, deleted_at is null from " + table
                + " where workspace_id = :ws and id in (:ids) order by id" + (lock ? " for update" : ""))
                .param("ws", workspaceId).param("ids", ids)
                .query((rs, n) -> rs.getBoolean(2) ? rs.getLong(1) : null).list());
    }

    private static ApiException gone(String code, String field, String detail) {
        return new ApiException(409, code, detail, List.of(new FieldProblem(field, "was deleted")), Map.of());
    }

    private static void refuse(String code, String what, long campaignId) {
        String id = PublicId.of("cmp_", campaignId);
        throw new ApiException(409, code, "The " + what + " is used by campaign " + id
                + ", which is scheduled, running or paused; cancel it or wait until it ends", List.of(),
                Map.of("campaign_id", id));
    }
}
