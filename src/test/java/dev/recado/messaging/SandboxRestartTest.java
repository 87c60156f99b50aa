package dev.recado.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.recado.support.ApiClient;
import dev.recado.support.ServerProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * The sandbox carrier behaves as a carrier does across a crash: a real server accepts sandbox
 * messages whose receipts are still owed (the simulated carrier waits 10 minutes to send them), is
 * killed with SIGKILL, and started again on the same database: the receipts arrive and the messages
 * end delivered, sent once.
 */
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock("server-process")
class SandboxRestartTest {

    private static final String KEY = "rk_sandbox_" + Long.toString(System.nanoTime(), 36) + "0123456789abcdef";

    @TempDir
    Path dir;
    private CrashDatabase database;
    private ServerProcess server;

    @AfterEach
    void cleanUp() {
        if (server != null) {
            server.close();
        }
        if (database != null) {
            database.close();
        }
    }

    private ServerProcess run(String name, long receiptDelayMillis) {
        Map<String, String> env = new HashMap<>(database.env());
        env.putAll(Map.of("RECADO_DATA_DIR", dir.toString(), "RECADO_BOOTSTRAP_API_KEY", KEY,
                "RECADO_DEMO_WORKSPACE", "false", "RECADO_SANDBOX", "true", "RECADO_ADMIN_PASSWORD", "sandbox-admin-pw",
                "RECADO_SANDBOX_RECEIPT_DELAY_MILLIS", Long.toString(receiptDelayMillis)));
        return ServerProcess.start(name, dir, env).awaitReady(Duration.ofSeconds(120));
    }

    private static String status(ApiClient api, String id) {
        return api.get("/v1/messages/" + id, KEY).text("status");
    }

    @Test
    void receiptsOwedWhenTheServerWasKilledArriveAfterItStartsAgain() {
        database = new CrashDatabase(dir);
        server = run("first", 600_000);
        ApiClient api = new ApiClient(server.port());
        String sender = api.get("/v1/senders", KEY).json().get("data").get(0).get("id").asString();
        await().atMost(Duration.ofSeconds(30)).until(() -> "connected".equals(api.get("/v1/senders/" + sender, KEY).text("status")));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            var r = api.post("/v1/messages", KEY, "{\"to\":\"+3461480000" + i + "\",\"body\":\"Su pedido " + i + "\"}");
            assertThat(r.status()).as(r.body()).isEqualTo(202);
            ids.add(r.text("id"));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> ids.stream().allMatch(id -> "sent".equals(status(api, id))));
        server.kill();

        server = run("second", 50);
        ApiClient again = new ApiClient(server.port());
        await().atMost(Duration.ofSeconds(60)).until(() -> ids.stream().allMatch(id -> "delivered".equals(status(again, id))));
        // what the carrier accepted before the kill is still on the virtual phone, once each
        for (int i = 0; i < 3; i++) {
            var outbox = again.get("/v1/sandbox/outbox?to=3461480000" + i, KEY).json().get("data");
            assertThat(outbox).hasSize(1);
            assertThat(outbox.get(0).get("message_id").asString()).isEqualTo(ids.get(i));
        }
    }
}
