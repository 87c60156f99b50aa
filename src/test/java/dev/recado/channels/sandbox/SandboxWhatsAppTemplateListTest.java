package dev.recado.channels.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.recado.messaging.spi.AdapterListener;
import dev.recado.messaging.spi.ProviderInbound;
import dev.recado.messaging.spi.ProviderReceipt;
import dev.recado.messaging.spi.ProviderTemplate;
import dev.recado.messaging.spi.SenderConfig;
import dev.recado.messaging.spi.SenderState;
import dev.recado.support.ApiClient;
import dev.recado.support.RecadoTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * The WhatsApp twin hands its templates over when it opens only while the engine holds none of
 * the sender's: every node opens every sender at every start, and a list once held changes only
 * through the engine.
 */
@RecadoTest
@TestPropertySource(properties = {"recado.sandbox=true", "recado.sandbox-receipt-delay-millis=50"})
class SandboxWhatsAppTemplateListTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    SandboxWhatsAppFactory factory;

    @Test
    void aNewTwinsListIsStoredAndAHeldOneIsNotReadAgain() {
        var api = new ApiClient(port);
        String key = api.newWorkspace("Sandbox WhatsApp list " + System.nanoTime());
        String twin = api.get("/v1/senders", key).json().get("data").valueStream()
                .filter(s -> s.get("provider").asString().equals("sandbox_whatsapp")).findFirst().orElseThrow()
                .get("id").asString();
        long senderId = Long.parseLong(twin.substring(4), 36);
        // its first opening: the engine held nothing, so the twin's list (hello_world) is stored
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql(
                "select count(*) from provider_templates where sender_id = :s and name = 'hello_world'")
                .param("s", senderId).query(Long.class).single() == 1);

        var config = new SenderConfig(senderId, 0, "twin", Map.of(), null);
        var held = new Listener(true);
        factory.listIfNoneHeld(config, held);
        assertThat(held.lists).isEmpty();

        var none = new Listener(false);
        factory.listIfNoneHeld(config, none);
        assertThat(none.lists).hasSize(1);
        assertThat(none.lists.getFirst()).extracting(ProviderTemplate::name).containsExactly("hello_world");
    }

    /** The engine's side as the twin sees it: whether templates are held, and the lists handed over. */
    private static final class Listener implements AdapterListener {
        final boolean holds;
        final List<List<ProviderTemplate>> lists = new CopyOnWriteArrayList<>();

        Listener(boolean holds) {
            this.holds = holds;
        }

        @Override
        public boolean holdsTemplates() {
            return holds;
        }

        @Override
        public void onTemplates(List<ProviderTemplate> templates, Instant readStartedAt) {
            lists.add(templates);
        }

        @Override
        public CompletableFuture<Void> onReceipt(ProviderReceipt receipt) {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void onInbound(ProviderInbound inbound) {
        }

        @Override
        public void onStateChange(SenderState state) {
        }
    }
}
