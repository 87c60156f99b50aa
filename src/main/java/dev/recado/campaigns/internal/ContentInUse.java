package dev.recado.campaigns.internal;

import dev.recado.common.ApiException;
import dev.recado.common.PublicId;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

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

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<List<Long>> IDS = new TypeReference<>() {
    };
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
                        || r.variants() != null && JSON.readValue(r.variants(), IDS).contains(templateId))
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
     * In the start's transaction, before its state change: locks the campaign's templates and
     * segment and refuses (409 {@code template_deleted} / {@code segment_deleted}) one deleted.
     */
    void holdForStart(long workspaceId, List<Long> templateIds, long segmentId) {
        if (!lock("templates", workspaceId, templateIds.stream().distinct().sorted().toList())) {
            throw gone("template_deleted", "template_id", "A template of this campaign was deleted; choose another one");
        }
        if (!lock("segments", workspaceId, List.of(segmentId))) {
            throw gone("segment_deleted", "segment_id", "The campaign's segment was deleted; choose another one");
        }
    }

    /** Locks the rows in id order (so two lockers never deadlock); false when one is deleted or missing. */
    private boolean lock(String table, long workspaceId, List<Long> ids) {
        List<Boolean> kept = jdbc.sql("select deleted_at is null from " + table
                + " where workspace_id = :ws and id in (:ids) order by id for update")
                .param("ws", workspaceId).param("ids", ids).query(Boolean.class).list();
        return kept.size() == ids.size() && !kept.contains(false);
    }

    private static ApiException gone(String code, String field, String detail) {
        return new ApiException(409, code, detail, List.of(new dev.recado.common.FieldProblem(field, "was deleted")),
                java.util.Map.of());
    }

    private static void refuse(String code, String what, long campaignId) {
        String id = PublicId.of("cmp_", campaignId);
        throw new ApiException(409, code, "The " + what + " is used by campaign " + id
                + ", which is scheduled, running or paused; cancel it or wait until it ends", List.of(),
                java.util.Map.of("campaign_id", id));
    }
}
