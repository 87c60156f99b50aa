package dev.recado.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.recado.channels.smpp.SmscSimulator;
import java.time.Duration;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * An SMSC simulator on a free port for the tests of one class ({@code @RegisterExtension static}),
 * and SMPP senders bound to it through the API.
 */
public final class TestSmsc implements BeforeAllCallback, AfterAllCallback {

    private final Duration receiptDelay;
    private SmscSimulator smsc;

    public TestSmsc(Duration receiptDelay) {
        this.receiptDelay = receiptDelay;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        smsc = SmscSimulator.onPort(0).receiptDelay(receiptDelay).start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        smsc.close();
    }

    public SmscSimulator simulator() {
        return smsc;
    }

    /** A new system_id, so each test's binds and submissions are its own. */
    public static String systemId(String prefix) {
        return prefix + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
    }

    /** Creates an SMPP sender bound to this SMSC (extra JSON fields start with a comma) and waits for its bind. */
    public String connectedSender(ApiClient api, String key, String systemId, String extraJson) {
        var created = api.post("/v1/senders", key, """
                {"channel":"sms","name":"Carrier","host":"127.0.0.1","port":%d,"system_id":"%s","password":"p",
                 "source_address":"Tienda"%s}""".formatted(smsc.port(), systemId, extraJson));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.text("id");
        await().atMost(Duration.ofSeconds(20)).until(() -> "connected".equals(api.get("/v1/senders/" + id, key).text("status")));
        return id;
    }
}
