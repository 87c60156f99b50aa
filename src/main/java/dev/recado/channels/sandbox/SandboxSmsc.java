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
 * keeps what it received so the virtual phone can show it.
 */
@Component
@ConditionalOnProperty(name = "recado.sandbox", havingValue = "true")
public class SandboxSmsc implements AutoCloseable {

    private final SmscSimulator simulator;

    SandboxSmsc(@Value("${recado.sandbox-smpp-port:0}") int port,
            @Value("${recado.sandbox-receipt-delay-millis:400}") long receiptDelayMillis, Clock clock) {
        this.simulator = SmscSimulator.onPort(port, SmscSimulator.DEFAULT_HISTORY, clock)
                .receiptDelay(Duration.ofMillis(receiptDelayMillis)).start();
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
