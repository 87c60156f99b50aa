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

    /** Every provider's secret settings: a sender's row is sealed whatever its provider. */
    private final java.util.Set<String> secretKeys;

    SenderRepository(JdbcClient jdbc, dev.recado.common.SecretBox secrets,
            List<dev.recado.messaging.spi.ChannelAdapterFactory> factories) {
        this.jdbc = jdbc;
        this.secrets = secrets;
        this.secretKeys = factories.stream().flatMap(f -> f.secretSettingNames().stream())
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    /**
     * Settings as stored (sealed) to settings opened, for the senders read most: every provider
     * webhook POST reads its sender, and opening its secrets was 2 % of the server's CPU in the
     * WhatsApp benchmark. Keyed by the stored text, so a changed setting or a new key is a new entry.
     */
    private final Map<String, Map<String, Object>> opened = java.util.Collections.synchronizedMap(
            new LinkedHashMap<>(64, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Map<String, Object>> eldest) {
                    return size() > OPENED_KEPT;
                }
            });
    private static final int OPENED_KEPT = 1_000;

    private Map<String, Object> opened(String stored) {
        Map<String, Object> settings = opened.get(stored);
        if (settings == null) {
            settings = java.util.Collections.unmodifiableMap(sealed(JSON.readValue(stored, MAP), false));
            opened.put(stored, settings);
        }
        return settings;
    }

    /** Provider secrets (those the factories declare) are stored sealed and opened when read. */
    private Map<String, Object> sealed(Map<String, Object> settings, boolean seal) {
        Map<String, Object> out = new LinkedHashMap<>(settings);
        for (String key : secretKeys) {
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
            boolean stale = secretKeys.stream()
                    .anyMatch(k -> settings.get(k) instanceof String v && secrets.needsResealing(v));
            if (stale) {
                jdbc.sql("update senders set settings = :settings where id = :id")
                        .param("settings", JSON.writeValueAsString(sealed(settings, true))).param("id", row.getKey()).update();
                changed++;
            }
        }
        return changed;
    }

    /** A new, enabled sender; made the default at once only when {@code isDefault} (see {@link #makeDefault}). */
    long insert(long workspaceId, String channel, String provider, String name, Map<String, Object> settings,
            int rate, int window, boolean isDefault, boolean defaultOnConnect, Instant now) {
        // one sender creation per workspace at a time: concurrent ones deadlocked on the default flag
        jdbc.sql("select id from workspaces where id = :ws for update").param("ws", workspaceId).query(Long.class).list();
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into senders (workspace_id, channel, provider, name, settings, rate_per_second, window_size,
                                     is_default, default_on_connect, enabled, created_at)
                values (:ws, :channel, :provider, :name, :settings, :rate, :window, false, :onConnect, true, :now)
                """)
                .param("ws", workspaceId).param("channel", channel).param("provider", provider).param("name", name)
                .param("settings", JSON.writeValueAsString(sealed(settings, true))).param("rate", rate).param("window", window)
                .param("onConnect", defaultOnConnect).param("now", Db.ts(now))
                .update(keys, "id");
        long id = keys.getKey().longValue();
        if (isDefault) {
            makeDefault(workspaceId, id);
        }
        return id;
    }

    Optional<Sender> find(long workspaceId, long id) {
        return jdbc.sql("select * from senders where workspace_id = :ws and id = :id and deleted_at is null")
                .param("ws", workspaceId).param("id", id).query(this::map).optional();
    }

    /** Any workspace's sender, for a provider calling us about it; deleted ones too when asked. */
    Optional<Sender> findAnyWorkspace(long id, boolean evenDeleted) {
        return jdbc.sql("select * from senders where id = :id" + (evenDeleted ? "" : " and deleted_at is null"))
                .param("id", id).query(this::map).optional();
    }

    /** The workspace's sender for a channel: its default, else one that has connected, else the oldest. */
    Optional<Sender> findDefault(long workspaceId, String channel) {
        return jdbc.sql("""
                select * from senders where workspace_id = :ws and channel = :channel and enabled
                 order by is_default desc, case when connected_at is null then 1 else 0 end, id limit 1
                """)
                .param("ws", workspaceId).param("channel", channel).query(this::map).optional();
    }

    /** The enabled senders of a channel, the default first. */
    List<Sender> enabledOf(long workspaceId, String channel) {
        return jdbc.sql("select * from senders where workspace_id = :ws and channel = :channel and enabled"
                        + " order by is_default desc, id")
                .param("ws", workspaceId).param("channel", channel).query(this::map).list();
    }

    List<Sender> list(long workspaceId, long beforeId, int limit) {
        return jdbc.sql("""
                select * from senders where workspace_id = :ws and id < :before and deleted_at is null
                 order by id desc limit :limit""")
                .param("ws", workspaceId).param("before", beforeId).param("limit", limit)
                .query(this::map).list();
    }

    List<Sender> enabled() {
        return jdbc.sql("select * from senders where enabled order by id").query(this::map).list();
    }

    /**
     * Makes this enabled sender the one default of its workspace and channel. The others are cleared
     * first, in the same transaction: the unique index senders_one_default (workspace, default_channel)
     * refuses a second default on both databases, and a concurrent change waits on the cleared rows.
     */
    boolean makeDefault(long workspaceId, long id) {
        String channel = jdbc.sql("select channel from senders where workspace_id = :ws and id = :id and enabled")
                .param("ws", workspaceId).param("id", id).query(String.class).optional().orElse(null);
        if (channel == null) {
            return false;
        }
        jdbc.sql("""
                update senders set is_default = false, default_channel = null
                 where workspace_id = :ws and channel = :channel and id <> :id and (is_default or default_channel is not null)""")
                .param("ws", workspaceId).param("channel", channel).param("id", id).update();
        return jdbc.sql("""
                update senders set is_default = true, default_channel = channel, default_on_connect = false
                 where workspace_id = :ws and id = :id and enabled""")
                .param("ws", workspaceId).param("id", id).update() == 1;
    }

    /** Stops it being the default (the caller names a successor); also cancels a default on connect. */
    void clearDefault(long workspaceId, long id) {
        jdbc.sql("""
                update senders set is_default = false, default_channel = null, default_on_connect = false
                 where workspace_id = :ws and id = :id""")
                .param("ws", workspaceId).param("id", id).update();
    }

    /** Another enabled sender of the channel to take over: the default first, then one that has connected. */
    Optional<Sender> successor(long workspaceId, String channel, long leaving) {
        return jdbc.sql("""
                select * from senders where workspace_id = :ws and channel = :channel and enabled and id <> :id
                 order by is_default desc, case when connected_at is null then 1 else 0 end, id limit 1
                """)
                .param("ws", workspaceId).param("channel", channel).param("id", leaving)
                .query(this::map).optional();
    }

    /** Records the first connection; true only the first time. */
    boolean markConnected(long id, Instant now) {
        return jdbc.sql("update senders set connected_at = :now where id = :id and connected_at is null")
                .param("now", Db.ts(now)).param("id", id).update() == 1;
    }

    /** Its first connection came and left the default where it was: it waits for nothing any more. */
    void clearDefaultOnConnect(long id) {
        jdbc.sql("update senders set default_on_connect = false where id = :id").param("id", id).update();
    }

    /** Whether it waits for its first connection to become the default. */
    boolean defaultOnConnect(long id) {
        return jdbc.sql("select default_on_connect from senders where id = :id and enabled")
                .param("id", id).query(Boolean.class).optional().orElse(false);
    }

    void setEnabled(long workspaceId, long id, boolean enabled) {
        jdbc.sql("update senders set enabled = :on where workspace_id = :ws and id = :id and deleted_at is null")
                .param("on", enabled).param("ws", workspaceId).param("id", id).update();
    }

    void delete(long workspaceId, long id, Instant now) {
        jdbc.sql("""
                update senders set enabled = false, is_default = false, default_channel = null, default_on_connect = false,
                       deleted_at = :now
                 where workspace_id = :ws and id = :id and deleted_at is null""")
                .param("now", Db.ts(now)).param("ws", workspaceId).param("id", id).update();
    }

    void update(long workspaceId, long id, String name, Map<String, Object> settings, int rate, int window) {
        jdbc.sql("""
                update senders set name = :name, settings = :settings, rate_per_second = :rate, window_size = :window
                 where workspace_id = :ws and id = :id and deleted_at is null""")
                .param("name", name).param("settings", JSON.writeValueAsString(sealed(settings, true))).param("rate", rate)
                .param("window", window).param("ws", workspaceId).param("id", id).update();
    }

    /** Disabled (or deleted) senders with messages left in 'sending' (by a crash). */
    List<Sender> disabledWithInFlight() {
        return jdbc.sql("""
                select * from senders s where not s.enabled and exists (
                    select 1 from dispatch_queue q where q.sender_id = s.id and q.state = 'sending')
                 order by s.id""")
                .query(this::map).list();
    }

    /** Disabled (or deleted) senders that still hold queued or scheduled messages: stranded work. */
    List<Sender> disabledWithQueuedWork() {
        return jdbc.sql("""
                select * from senders s where not s.enabled and exists (
                    select 1 from dispatch_queue q where q.sender_id = s.id and q.state in ('waiting', 'queued'))
                 order by s.id""")
                .query(this::map).list();
    }

    private Sender map(ResultSet rs, int row) throws SQLException {
        return new Sender(rs.getLong("id"), rs.getLong("workspace_id"), rs.getString("channel"),
                rs.getString("provider"), rs.getString("name"),
                opened(rs.getString("settings")),
                rs.getInt("rate_per_second"), rs.getInt("window_size"), rs.getBoolean("is_default"),
                rs.getBoolean("enabled"), Db.instant(rs, "created_at"), Db.instant(rs, "connected_at"));
    }
}
