package dev.recado.channels.smpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.recado.messaging.spi.ChannelAdapter;
import dev.recado.messaging.spi.OutboundMessage;
import dev.recado.messaging.spi.SenderConfig;
import dev.recado.messaging.spi.SenderState;
import dev.recado.messaging.spi.SubmitOutcome;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A simulator on a free port and an adapter opened against it over TCP, as in production. */
abstract class SmppAdapterFixture {

    static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final AtomicLong IDS = new AtomicLong();

    /** Unique per test, so the sender's threads can be told from those of other tests' senders. */
    final String senderName = "test-" + IDS.incrementAndGet();
    SmscSimulator smsc;
    ChannelAdapter adapter;
    RecordingListener listener = new RecordingListener();

    @BeforeEach
    void startSmsc() {
        smsc = SmscSimulator.onPort(0).receiptDelay(Duration.ZERO).start();
    }

    @AfterEach
    void stopAll() {
        if (adapter != null) {
            adapter.close();
        }
        smsc.close();
    }

    Map<String, Object> settings(Object... extra) {
        Map<String, Object> s = new HashMap<>(Map.of("host", "localhost", "port", smsc.port(), "system_id", "recado",
                "password", "secret", "source_address", "RECADO", "reconnect_min_ms", 50, "reconnect_max_ms", 400));
        for (int i = 0; i < extra.length; i += 2) {
            s.put((String) extra[i], extra[i + 1]);
        }
        return s;
    }

    /** Opens the adapter and waits for its bind. */
    void open(Object... extra) {
        openUnbound(extra);
        awaitState(SenderState.CONNECTED);
    }

    void openUnbound(Object... extra) {
        adapter = new SmppAdapterFactory(smsc::lookupByReference)
                .open(new SenderConfig(1, 1, senderName, settings(extra)), listener);
    }

    void awaitState(SenderState state) {
        await().atMost(PATIENCE).until(() -> listener.lastState() == state);
    }

    /** The live writer threads of this test's connections (one per open socket). */
    long writerThreads() {
        String prefix = "smpp-1/" + senderName + "-";
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith(prefix) && t.getName().endsWith("-writer")).count();
    }

    static OutboundMessage message(String to, String body) {
        long id = IDS.incrementAndGet();
        return new OutboundMessage(id, "ref-" + id, to, null, body, false, null, true);
    }

    SubmitOutcome send(OutboundMessage m) throws Exception {
        return adapter.submit(m).get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
    }

    List<String> accepted(OutboundMessage m) throws Exception {
        SubmitOutcome outcome = send(m);
        assertThat(outcome).isInstanceOf(SubmitOutcome.Accepted.class);
        return ((SubmitOutcome.Accepted) outcome).providerIds();
    }
}
