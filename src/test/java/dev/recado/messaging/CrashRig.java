package dev.recado.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.recado.channels.smpp.SmscSimulator;
import dev.recado.support.ServerProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;

/**
 * What a kill -9 test stands on: a temporary directory, an SMSC simulator, a database that outlives
 * the server processes, and the one server process running on them at a time. With
 * {@code -Drecado.crash.keep=true} the directory (the servers' logs, the H2 file) is left for inspection.
 */
public final class CrashRig implements AutoCloseable {

    public static final String PLATFORM_KEY = "crash-platform-key-0123456789";

    private final Path dir;
    private final SmscSimulator smsc;
    private final CrashDatabase database;
    private final String key;
    private ServerProcess server;

    /** {@code capacity}: how many submissions the simulator keeps. */
    public CrashRig(String name, int capacity, String key) throws IOException {
        this.dir = Files.createTempDirectory(name);
        this.smsc = SmscSimulator.onPort(0, capacity, java.time.Clock.systemUTC())
                .receiptDelay(Duration.ofMillis(20)).receiptRetention(Duration.ofMinutes(5)).start();
        this.database = new CrashDatabase(dir);
        this.key = key;
    }

    public SmscSimulator smsc() {
        return smsc;
    }

    public CrashDatabase database() {
        return database;
    }

    public ServerProcess server() {
        return server;
    }

    /** Starts a server on the rig's database, with {@code extra} settings on top of the common ones. */
    public ServerProcess run(String name, Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(database.env());
        env.putAll(Map.of("RECADO_DATA_DIR", dir.toString(), "RECADO_BOOTSTRAP_API_KEY", key,
                "RECADO_PLATFORM_API_KEY", PLATFORM_KEY, "RECADO_DEMO_WORKSPACE", "false", "RECADO_SANDBOX", "false",
                "RECADO_ADMIN_PASSWORD", "crash-admin-password"));
        env.putAll(extra);
        server = ServerProcess.start(name, dir, env).awaitReady(Duration.ofSeconds(120));
        return server;
    }

    /** Waits for the condition; fails with the server's last lines if it is not met or the server dies. */
    public void awaitOrShowLog(Duration atMost, Duration every, String what, Callable<Boolean> condition) {
        try {
            await().atMost(atMost).pollInterval(every).until(() -> !server.alive() || condition.call());
        } catch (ConditionTimeoutException e) {
            String log = server.tail(40);
            server.kill();
            throw new AssertionError("not reached within " + atMost + ": " + what + "; " + smsc.counters() + "\n"
                    + database.unfinished() + "\n" + log, e);
        }
        assertThat(server.alive()).as("server running while waiting for: " + what + "\n" + server.tail(60)).isTrue();
    }

    @Override
    public void close() throws IOException {
        if (server != null) {
            server.close();
        }
        smsc.close();
        database.close();
        if (Boolean.getBoolean("recado.crash.keep")) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
