package dev.recado.messaging.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.recado.common.Db;
import dev.recado.support.ApiClient;
import dev.recado.support.RecadoTest;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Media retention (90 days by default): customers' files of older messages expire, a file still
 * stored for a recent message stays, and the job runs once per interval whichever node asks.
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

        AtomicLong deleted = new AtomicLong();
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            deleted.set(pruner.prune("node-a", at, 1000));
            return deleted.get() >= 0;
        });
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
