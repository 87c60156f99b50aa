package dev.recado.messaging.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recado.common.Db;
import dev.recado.support.ApiClient;
import dev.recado.support.RecadoTest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two claims of one sender's queue at once (a dispatcher's claim made ahead beside another's, two
 * nodes): each message goes to one of them, and each keeps its queue row in 'sending', the trace
 * by which a restart after kill -9 finds and reconciles it. A claim on H2 that lost the race used
 * to drop the winner's row as stale, and a crash then left the message in 'sending' for good (seen
 * once in CampaignAbCrashTest: one message of 3,000 never sent).
 */
@RecadoTest
class DispatchQueueConcurrentClaimTest {

    private static final long SENDER = 99_999_996L;
    private static final int MESSAGES = 400;

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    DispatchQueue queue;

    @Test
    void twoClaimsAtOnceEachTakeOtherMessagesAndEveryClaimedOneKeepsItsQueueRow() throws Exception {
        new ApiClient(port).newWorkspace("Claims " + System.nanoTime());
        long workspace = jdbc.sql("select max(id) from workspaces").query(Long.class).single();
        Instant now = Instant.now();
        List<DispatchQueue.Entry> entries = new ArrayList<>();
        for (int i = 0; i < MESSAGES; i++) {
            entries.add(new DispatchQueue.Entry(queued(workspace, i, now), SENDER, false, 5, now, null));
        }
        queue.add(entries);

        Set<Long> claimedTwice = ConcurrentHashMap.newKeySet();
        Set<Long> claimed = ConcurrentHashMap.newKeySet();
        var gate = new CyclicBarrier(2);
        try (var pool = Executors.newFixedThreadPool(2)) {
            List<Future<?>> claimers = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                claimers.add(pool.submit(() -> {
                    gate.await();
                    List<DispatchQueue.Claimed> batch;
                    do {
                        batch = queue.claim(SENDER, 10, Instant.now());
                        batch.forEach(c -> {
                            if (!claimed.add(c.id())) {
                                claimedTwice.add(c.id());
                            }
                        });
                    } while (!batch.isEmpty());
                    return null;
                }));
            }
            for (var claimer : claimers) {
                claimer.get();
            }
        }

        assertThat(claimedTwice).isEmpty();
        assertThat(claimed).hasSize(MESSAGES);
        Set<Long> inFlight = new HashSet<>(queue.inFlight(SENDER).stream().map(DispatchQueue.Claimed::id).toList());
        assertThat(inFlight).as("claimed messages a restart would find").isEqualTo(claimed);
    }

    private long queued(long workspace, int i, Instant now) {
        long id = jdbc.sql("select nextval('message_id_seq')").query(Long.class).single();
        jdbc.sql("""
                insert into messages (id, workspace_id, sender_id, direction, channel, to_address, body, purpose, priority,
                    status, segments, price, currency, created_at, updated_at, attempts)
                values (:id, :ws, :sender, 'outbound', 'sms', :to, 'x', 'transactional', 5, 'queued', 1, 0, 'EUR',
                    :now, :now, 0)""")
                .param("id", id).param("ws", workspace).param("sender", SENDER).param("to", "+346140" + (10_000 + i))
                .param("now", Db.ts(now)).update();
        return id;
    }
}
