package dev.recado.messaging.internal;

import dev.recado.common.Db;
import dev.recado.messaging.Sender;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

@Repository
class SenderRepository {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final dev.recado.common.SecretBox secrets;

    SenderRepository(JdbcClient jdbc, dev.recado.common.SecretBox secrets) {
        this.jdbc = jdbc;
        this.secrets = secrets;
    }

    /** Provider secrets (SenderService.SECRETS) are stored sealed and opened when read. */
    private Map<String, Object> sealed(Map<String, Object> settings, boolean seal) {
        Map<String, Object> out = new LinkedHashMap<>(settings);
        for (String key : SenderService.SECRETS) {
            if (out.get(key) instanceof String value) {
                out.put(key, seal ? secrets.seal(secrets.open(value)) : secrets.open(value));
            }
        }
        return out;
    }

    /** Seals again the secrets of every sender stored in clear or with a previous key (at start). */
    int resealSecrets() {
        int changed = 0;
        var rows = jdbc.sql("select id, settings from senders")
                .query((rs, n) -> Map.entry(rs.getLong(1), rs.getString(2))).list();
        for (var row : rows) {
            Map<String, Object> settings = JSON.readValue(row.getValue(), MAP);
            boolean stale = SenderService.SECRETS.stream()
                    .anyMatch(k -> settings.get(k) instanceof String v && secrets.needsResealing(v));
            if (stale) {
                jdbc.sql("update senders set settings = :settings where id = :id")
                        .param("settings", JSON.writeValueAsString(sealed(settings, true))).param("id", row.getKey()).update();
                changed++;
            }
        }
        return changed;
    }

    long insert(long workspaceId, String channel, String provider, String name, Map<String, Object> settings,
            int rate, int window, boolean isDefault, Instant now) {
        // one sender creation per workspace at a time: concurrent ones deadlocked on the default flag
        // and could leave two defaults
        jdbc.sql("select id from workspaces where id = :ws for update").param("ws", workspaceId).query(Long.class).list();
        if (isDefault) {
            jdbc.sql("update senders set is_default = false where workspace_id = :ws and channel = :channel")
                    .param("ws", workspaceId).param("channel", channel).update();
        }
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into senders (workspace_id, channel, provider, name, settings, rate_per_second, window_size,
                                     is_default, enabled, created_at)
                values (:ws, :channel, :provider, :name, :settings, :rate, :window, :def, true, :now)
                """)
                .param("ws", workspaceId).param("channel", channel).param("provider", provider).param("name", name)
                .param("settings", JSON.writeValueAsString(sealed(settings, true))).param("rate", rate).param("window", window)
                .param("def", isDefault).param("now", Db.ts(now))
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    Optional<Sender> find(long workspaceId, long id) {
        return jdbc.sql("select * from senders where workspace_id = :ws and id = :id")
                .param("ws", workspaceId).param("id", id).query(this::map).optional();
    }

    Optional<Sender> findDefault(long workspaceId, String channel) {
        return jdbc.sql("""
                select * from senders where workspace_id = :ws and channel = :channel and enabled
                 order by is_default desc, id limit 1
                """)
                .param("ws", workspaceId).param("channel", channel).query(this::map).optional();
    }

    List<Sender> list(long workspaceId, long beforeId, int limit) {
        return jdbc.sql("select * from senders where workspace_id = :ws and id < :before order by id desc limit :limit")
                .param("ws", workspaceId).param("before", beforeId).param("limit", limit)
                .query(this::map).list();
    }

    List<Sender> enabled() {
        return jdbc.sql("select * from senders where enabled order by id").query(this::map).list();
    }

    void disable(long workspaceId, long id) {
        jdbc.sql("update senders set enabled = false, is_default = false where workspace_id = :ws and id = :id")
                .param("ws", workspaceId).param("id", id).update();
    }

    private Sender map(ResultSet rs, int row) throws SQLException {
        return new Sender(rs.getLong("id"), rs.getLong("workspace_id"), rs.getString("channel"),
                rs.getString("provider"), rs.getString("name"),
                sealed(JSON.readValue(rs.getString("settings"), MAP), false),
                rs.getInt("rate_per_second"), rs.getInt("window_size"), rs.getBoolean("is_default"),
                rs.getBoolean("enabled"), Db.instant(rs, "created_at"));
    }
}
