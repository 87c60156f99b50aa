package dev.recado.workspace.internal;

import dev.recado.common.Db;
import dev.recado.workspace.ApiKeyScope;
import dev.recado.workspace.ApiKeyView;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

@Repository
public class ApiKeyRepository {

    /** What authentication needs from a key row, joined with its workspace's suspension flag. */
    public record StoredKey(long id, long workspaceId, ApiKeyScope scope, boolean revoked, boolean suspended,
            Instant lastUsedAt) {
    }

    private final JdbcClient jdbc;

    ApiKeyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public long insert(long workspaceId, String name, String hint, String hash, ApiKeyScope scope, Instant now) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into api_keys (workspace_id, name, key_hint, key_hash, scope, created_at)
                values (:ws, :name, :hint, :hash, :scope, :now)
                """)
                .param("ws", workspaceId).param("name", name).param("hint", hint).param("hash", hash)
                .param("scope", scope.name()).param("now", Db.ts(now))
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    public boolean existsByHash(String hash) {
        return jdbc.sql("select count(*) from api_keys where key_hash = :hash").param("hash", hash)
                .query(Long.class).single() > 0;
    }

    /**
     * Every API call looks its key up, so lookups are kept for a few seconds. Revoking a key or
     * changing a workspace on this node takes effect at once; on another node within the TTL.
     */
    public Optional<StoredKey> findByHashCached(String hash, java.time.Instant now) {
        var cached = cache.get(hash);
        if (cached != null && cached.loadedAt().plus(CACHE_TTL).isAfter(now)) {
            return cached.key();
        }
        if (cache.size() > 10_000) {
            cache.clear();
        }
        var fresh = findByHash(hash);
        cache.put(hash, new CachedKey(fresh, now));
        return fresh;
    }

    public void evictAll() {
        cache.clear();
    }

    private record CachedKey(Optional<StoredKey> key, java.time.Instant loadedAt) {
    }

    private static final java.time.Duration CACHE_TTL = java.time.Duration.ofSeconds(5);
    private final java.util.Map<String, CachedKey> cache = new java.util.concurrent.ConcurrentHashMap<>();

    public Optional<StoredKey> findByHash(String hash) {
        return jdbc.sql("""
                select k.id, k.workspace_id, k.scope, k.revoked_at, k.last_used_at, w.suspended
                  from api_keys k join workspaces w on w.id = k.workspace_id
                 where k.key_hash = :hash
                """)
                .param("hash", hash)
                .query((rs, row) -> new StoredKey(rs.getLong("id"), rs.getLong("workspace_id"),
                        ApiKeyScope.valueOf(rs.getString("scope")), rs.getObject("revoked_at") != null,
                        rs.getBoolean("suspended"), Db.instant(rs, "last_used_at")))
                .optional();
    }

    public void touch(long id, Instant now) {
        cache.replaceAll((hash, c) -> c.key().isPresent() && c.key().get().id() == id
                ? new CachedKey(c.key().map(k -> new StoredKey(k.id(), k.workspaceId(), k.scope(), k.revoked(),
                        k.suspended(), now)), c.loadedAt()) : c);
        jdbc.sql("update api_keys set last_used_at = :now where id = :id").param("now", Db.ts(now)).param("id", id).update();
    }

    public List<ApiKeyView> list(long workspaceId, long beforeId, int limit) {
        return jdbc.sql("select * from api_keys where workspace_id = :ws and id < :before order by id desc limit :limit")
                .param("ws", workspaceId).param("before", beforeId).param("limit", limit)
                .query(ApiKeyRepository::view).list();
    }

    public Optional<ApiKeyView> find(long workspaceId, long id) {
        return jdbc.sql("select * from api_keys where workspace_id = :ws and id = :id")
                .param("ws", workspaceId).param("id", id).query(ApiKeyRepository::view).optional();
    }

    public int revoke(long workspaceId, long id, Instant now) {
        cache.clear();
        return jdbc.sql("update api_keys set revoked_at = :now where workspace_id = :ws and id = :id and revoked_at is null")
                .param("now", Db.ts(now)).param("ws", workspaceId).param("id", id).update();
    }

    private static ApiKeyView view(ResultSet rs, int row) throws SQLException {
        return new ApiKeyView(rs.getLong("id"), rs.getString("name"), rs.getString("key_hint"),
                ApiKeyScope.valueOf(rs.getString("scope")), Db.instant(rs, "created_at"),
                Db.instant(rs, "last_used_at"), Db.instant(rs, "revoked_at"));
    }
}
