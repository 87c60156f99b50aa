package dev.recado.messaging.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.recado.common.Db;
import dev.recado.support.ApiClient;
import dev.recado.support.RecadoTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Media retention (90 days by default, or the workspace's own): customers' files of older messages
 * expire, a file still stored for a message of any workspace stays, and the job runs once per
 * interval whichever node asks.
 */
@RecadoTest
class MediaPrunerTest {

    private static final AtomicLong IDS = new AtomicLong(9_100_000_000L + System.nanoTime() % 1_000_000);

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MediaPruner pruner;

    @BeforeEach
    void jobDue() {
        // every test runs the job at times of its own: the last run of another test must not make it wait
        jdbc.sql("update maintenance_jobs set last_run_at = null where name = :job").param("job", MediaPruner.JOB).update();
    }

    @Test
    void oldMediaExpiresAndUnusedFilesGoOncePerInterval() {
        new ApiClient(port).newWorkspace("Media " + System.nanoTime());
        long workspace = jdbc.sql("select max(id) from workspaces").query(Long.class).single();
        // a day ahead, so the job is due whatever the server's own run did
        Instant at = Instant.now().plus(Duration.ofDays(1));
        Instant old = at.minus(Duration.ofDays(100));
        Instant recent = at.minus(Duration.ofDays(3));
        String gone = digest("gone");
        String shared = digest("shared");
        file(gone, old);
        file(shared, old);
        long oldOnly = inbound(workspace, old, gone);
        long oldShared = inbound(workspace, old, shared);
        long recentShared = inbound(workspace, recent, shared);

        prune(at, 1000);
        assertThat(state(oldOnly)).isEqualTo("expired");
        assertThat(state(oldShared)).isEqualTo("expired");
        assertThat(state(recentShared)).isEqualTo("stored");
        assertThat(count("select count(*) from media_files where sha256 = :s", gone)).isZero();
        assertThat(count("select count(*) from media_chunks where sha256 = :s", gone)).isZero();
        // still the file of a message inside the retention
        assertThat(count("select count(*) from media_files where sha256 = :s", shared)).isEqualTo(1);
        assertThat(count("select count(*) from media_chunks where sha256 = :s", shared)).isEqualTo(2);
        assertThat(jdbc.sql("select error from inbound_media where message_id = :id").param("id", oldOnly)
                .query(String.class).single()).isEqualTo("kept for 90 days");

        // done for this interval: another node asking now does nothing
        assertThat(pruner.prune("node-b", at.plus(Duration.ofMinutes(5)), 1000)).isEqualTo(-1);
    }

    @Test
    void eachWorkspaceKeepsFilesForItsOwnDaysAndASharedFileGoesWithItsLastStoredMedia() {
        var api = new ApiClient(port);
        String weekKey = api.newWorkspace("Clinic " + System.nanoTime());
        long week = jdbc.sql("select max(id) from workspaces").query(Long.class).single();
        String foreverKey = api.newWorkspace("Archive " + System.nanoTime());
        long forever = jdbc.sql("select max(id) from workspaces").query(Long.class).single();
        api.newWorkspace("Shop " + System.nanoTime());
        long usual = jdbc.sql("select max(id) from workspaces").query(Long.class).single();
        assertThat(api.put("/v1/settings/media-retention", weekKey, "{\"media_retention_days\":7}").status()).isEqualTo(200);
        assertThat(api.put("/v1/settings/media-retention", foreverKey, "{\"media_retention_days\":0}").status())
                .isEqualTo(200);

        Instant at = Instant.now().plus(Duration.ofDays(2));
        String withForever = digest("fore");
        String withUsual = digest("usua");
        String weekOnly = digest("week");
        for (String sha256 : List.of(withForever, withUsual, weekOnly)) {
            file(sha256, at.minus(Duration.ofDays(400)));
        }
        long weekOld = inbound(week, at.minus(Duration.ofDays(8)), weekOnly);
        long weekRecent = inbound(week, at.minus(Duration.ofDays(6)), digest("wrec"));
        long weekShared = inbound(week, at.minus(Duration.ofDays(8)), withForever);
        long foreverOld = inbound(forever, at.minus(Duration.ofDays(400)), withForever);
        long weekSharedUsual = inbound(week, at.minus(Duration.ofDays(9)), withUsual);
        long usualShared = inbound(usual, at.minus(Duration.ofDays(30)), withUsual);

        prune(at, 2);
        assertThat(List.of(state(weekOld), state(weekShared), state(weekSharedUsual))).containsOnly("expired");
        assertThat(List.of(state(weekRecent), state(foreverOld), state(usualShared))).containsOnly("stored");
        assertThat(jdbc.sql("select error from inbound_media where message_id = :id").param("id", weekOld)
                .query(String.class).single()).isEqualTo("kept for 7 days");
        assertThat(count("select count(*) from media_files where sha256 = :s", weekOnly)).isZero();
        assertThat(count("select count(*) from media_chunks where sha256 = :s", weekOnly)).isZero();
        // the other workspaces' media still hold the shared files
        assertThat(count("select count(*) from media_files where sha256 = :s", withForever)).isEqualTo(1);
        assertThat(count("select count(*) from media_files where sha256 = :s", withUsual)).isEqualTo(1);

        // two months on the usual 90 days are up for the shop's media; the archive still keeps its own
        prune(at.plus(Duration.ofDays(61)), 2);
        assertThat(state(usualShared)).isEqualTo("expired");
        assertThat(count("select count(*) from media_files where sha256 = :s", withUsual)).isZero();
        assertThat(count("select count(*) from media_chunks where sha256 = :s", withUsual)).isZero();
        assertThat(state(foreverOld)).isEqualTo("stored");
        assertThat(count("select count(*) from media_chunks where sha256 = :s", withForever)).isEqualTo(2);
    }

    @Test
    void theRetentionSettingIsValidatedAndNullGoesBackToTheDefault() {
        var api = new ApiClient(port);
        String key = api.newWorkspace("Retention " + System.nanoTime());
        assertThat(api.get("/v1/settings/media-retention", key).body())
                .isEqualTo("{\"media_retention_days\":null,\"default_days\":90}");
        var set = api.put("/v1/settings/media-retention", key, "{\"media_retention_days\":365}");
        assertThat(set.status()).as(set.body()).isEqualTo(200);
        assertThat(set.json().get("media_retention_days").asInt()).isEqualTo(365);
        for (var bad : List.of(Map.entry("{\"media_retention_days\":-1}", "media_retention_days"),
                Map.entry("{\"media_retention_days\":3651}", "media_retention_days"),
                Map.entry("{\"media_retention_days\":\"30\"}", "media_retention_days"),
                Map.entry("{\"media_retention_days\":30,\"default_days\":30}", "default_days"))) {
            var r = api.put("/v1/settings/media-retention", key, bad.getKey());
            assertThat(r.status()).as(r.body()).isEqualTo(422);
            assertThat(r.header("Content-Type")).startsWith("application/problem+json");
            assertThat(r.json().get("errors").get(0).get("field").asString()).as(r.body()).isEqualTo(bad.getValue());
            assertThat(api.get("/v1/settings/media-retention", key).text("media_retention_days")).isEqualTo("365");
        }
        var back = api.put("/v1/settings/media-retention", key, "{\"media_retention_days\":null,\"default_days\":90}");
        assertThat(back.status()).as(back.body()).isEqualTo(200);
        assertThat(back.text("media_retention_days")).isNull();
    }

    /** Runs the job at {@code at}, waiting out a run of the server's own that holds the lease. */
    private void prune(Instant at, int batch) {
        await().atMost(Duration.ofSeconds(20)).until(() -> pruner.prune("node-a", at, batch) >= 0);
    }

    private String digest(String name) {
        return String.format("%064x", IDS.incrementAndGet()).substring(0, 60) + name.substring(0, 4);
    }

    private void file(String sha256, Instant created) {
        jdbc.sql("insert into media_files (sha256, size_bytes, mime_type, created_at) values (:s, 6, 'image/jpeg', :t)")
                .param("s", sha256).param("t", Db.ts(created)).update();
        for (int n = 0; n < 2; n++) {
            jdbc.sql("insert into media_chunks (sha256, chunk_no, bytes) values (:s, :n, :b)").param("s", sha256)
                    .param("n", n).param("b", new byte[] {1, 2, 3}).update();
        }
    }

    /** An inbound WhatsApp message received at {@code at}, its file stored. */
    private long inbound(long workspace, Instant at, String sha256) {
        long id = IDS.incrementAndGet();
        jdbc.sql("""
                insert into messages (id, workspace_id, direction, channel, to_address, from_address, body, purpose,
                                      priority, status, currency, created_at, updated_at)
                values (:id, :w, 'inbound', 'whatsapp', '+34910000000', '+34611000000', '[image]', 'transactional',
                        0, 'received', 'EUR', :t, :t)""")
                .param("id", id).param("w", workspace).param("t", Db.ts(at)).update();
        jdbc.sql("""
                insert into inbound_media (message_id, provider_media_id, state, sha256, mime_type, size_bytes, updated_at)
                values (:id, 'media-1', 'stored', :s, 'image/jpeg', 6, :t)""")
                .param("id", id).param("s", sha256).param("t", Db.ts(at)).update();
        return id;
    }

    private String state(long messageId) {
        return jdbc.sql("select state from inbound_media where message_id = :id").param("id", messageId)
                .query(String.class).single();
    }

    private long count(String sql, String sha256) {
        return jdbc.sql(sql).param("s", sha256).query(Long.class).single();
    }
}
