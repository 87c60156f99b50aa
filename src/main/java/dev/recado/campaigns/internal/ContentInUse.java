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
 * finished campaigns do not hold it; a draft that names a deleted one is refused when saved again.
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
        Optional<Long> campaign = jdbc.sql("select id from campaigns where workspace_id = :ws and segment_id = :s"
                + " and status in " + ACTIVE + " order by id fetch first 1 rows only")
                .param("ws", workspaceId).param("s", segmentId).query(Long.class).optional();
        campaign.ifPresent(id -> refuse("segment_in_use", "segment", id));
    }

    private static void refuse(String code, String what, long campaignId) {
        String id = PublicId.of("cmp_", campaignId);
        throw new ApiException(409, code, "The " + what + " is used by campaign " + id
                + ", which is scheduled, running or paused; cancel it or wait until it ends", List.of(),
                java.util.Map.of("campaign_id", id));
    }
}
