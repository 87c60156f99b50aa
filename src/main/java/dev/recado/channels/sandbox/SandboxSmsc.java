package dev.recado.channels.sandbox;

import dev.recado.channels.smpp.SmscSimulator;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * The simulated carrier of sandbox mode. It listens on loopback (a free port unless
 * {@code recado.sandbox-smpp-port} says otherwise), delivers everything after a short delay, and
 * keeps what it received so the virtual phone can show it. Like a carrier it keeps its store across
 * restarts ({@link SandboxJournal}): receipts owed when the server stopped, even by kill -9, arrive
 * after it starts again.
 */
@Component
@ConditionalOnProperty(name = "recado.sandbox", havingValue = "true")
public class SandboxSmsc implements AutoCloseable {

    private final SmscSimulator simulator;

    SandboxSmsc(@Value("${recado.sandbox-smpp-port:0}") int port,
            @Value("${recado.sandbox-receipt-delay-millis:400}") long receiptDelayMillis, SandboxJournal journal,
            Clock clock) {
        this.simulator = SmscSimulator.onPort(port, SmscSimulator.DEFAULT_HISTORY, clock)
                .receiptDelay(Duration.ofMillis(receiptDelayMillis)).start();
        // before any sender binds: what it accepted before a restart is known again, owed receipts go out
        simulator.journal(journal).restore(journal.recent(SmscSimulator.DEFAULT_HISTORY), journal.receiptsOwed());
    }

    public SmscSimulator simulator() {
        return simulator;
    }

    /** Each workspace binds with its own system_id, so their phones never see each other's messages. */
    public static String systemIdOf(long workspaceId) {
        return "sbx" + workspaceId;
    }

    @Override
    public void close() {
        simulator.close();
    }
}
