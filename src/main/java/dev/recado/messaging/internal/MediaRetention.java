package dev.recado.messaging.internal;

import dev.recado.common.ApiException;
import dev.recado.common.Db;
import dev.recado.common.FieldProblem;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * How long each workspace keeps its customers' files ({@code media_retention}): its own number of
 * days (0 keeps them), or without one the installation's {@code recado.retention.media-days}.
 * {@link MediaPruner} applies it; {@code GET/PUT /v1/settings/media-retention} shows and sets it.
 */
@Component
class MediaRetention {

    static final int MAX_DAYS = 3650;

    /** The workspace's own days (null: the installation's {@code default_days}), and that default, read-only. */
    record MediaRetentionSettings(Integer mediaRetentionDays, Integer defaultDays) {
    }

    /** A workspace that set its own retention. */
    record Rule(long workspaceId, int days) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;
    private final int defaultDays;

    MediaRetention(JdbcClient jdbc, Clock clock, @Value("${recado.retention.media-days:90}") int defaultDays) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.defaultDays = defaultDays;
    }

    int defaultDays() {
        return defaultDays;
    }

    List<Rule> rules() {
        return jdbc.sql("select workspace_id, days from media_retention order by workspace_id")
                .query((rs, n) -> new Rule(rs.getLong(1), rs.getInt(2))).list();
    }

    MediaRetentionSettings settings(long workspaceId) {
        Integer days = jdbc.sql("select days from media_retention where workspace_id = :ws").param("ws", workspaceId)
                .query(Integer.class).optional().orElse(null);
        return new MediaRetentionSettings(days, defaultDays);
    }

    /** Sets the workspace's days, or with null goes back to the installation's; a bad value changes nothing. */
    MediaRetentionSettings put(long workspaceId, MediaRetentionSettings body) {
        Integer days = body == null ? null : body.mediaRetentionDays();
        List<FieldProblem> problems = new ArrayList<>();
        if (days != null && (days < 0 || days > MAX_DAYS)) {
            problems.add(new FieldProblem("media_retention_days", "must be between 1 and " + MAX_DAYS
                    + " days, 0 to keep files, or null for the installation's " + defaultDays));
        }
        if (body != null && body.defaultDays() != null && !Objects.equals(body.defaultDays(), defaultDays)) {
            problems.add(new FieldProblem("default_days", "is the installation's (" + defaultDays + "), not a workspace's"));
        }
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
        if (days == null) {
            jdbc.sql("delete from media_retention where workspace_id = :ws").param("ws", workspaceId).update();
        } else {
            var now = Db.ts(clock.instant());
            // two saves at once meet here: one inserts, the other finds the row
            jdbc.sql("insert into media_retention (workspace_id, days, updated_at) values (:ws, :d, :now) on conflict do nothing")
                    .param("ws", workspaceId).param("d", days).param("now", now).update();
            jdbc.sql("update media_retention set days = :d, updated_at = :now where workspace_id = :ws")
                    .param("d", days).param("now", now).param("ws", workspaceId).update();
        }
        return settings(workspaceId);
    }
}
