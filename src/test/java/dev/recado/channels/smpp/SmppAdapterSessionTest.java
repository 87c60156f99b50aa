package dev.recado.channels.smpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.recado.messaging.spi.OutboundMessage;
import dev.recado.messaging.spi.ProviderInbound;
import dev.recado.messaging.spi.Reconciliation;
import dev.recado.messaging.spi.Reconciliation.Verdict;
import dev.recado.messaging.spi.SenderConfig;
import dev.recado.messaging.spi.SenderState;
import dev.recado.messaging.spi.SubmitOutcome;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The bind's life over real TCP: binds, losing them, rebinding; MO; reconciliation. */
class SmppAdapterSessionTest extends SmppAdapterFixture {

    @Test
    void transceiverBind() {
        open();

        assertThat(listener.states).startsWith(SenderState.CONNECTING).endsWith(SenderState.CONNECTED);
        assertThat(adapter.state()).isEqualTo(SenderState.CONNECTED);
        assertThat(smsc.counters().boundSessions()).isEqualTo(1);
    }

    @Test
    void transmitterAndReceiverBinds() throws Exception {
        open("binds", "tx_rx");

        assertThat(smsc.counters().boundSessions()).isEqualTo(2);
        String id = accepted(message("+34600111222", "hola")).getFirst();
        await().atMost(PATIENCE).until(() -> listener.receiptFor(id).isPresent());
        smsc.injectMo("+34600111222", "RECADO", "vale");
        assertThat(listener.inbound).extracting(ProviderInbound::text).containsExactly("vale");
    }

    @Test
    void keepsTheLineAliveWithEnquireLink() throws Exception {
        open("enquire_link_seconds", 1);

        await().atMost(PATIENCE).until(() -> smsc.counters().enquireLinks() >= 2);
        assertThat(listener.lastState()).isEqualTo(SenderState.CONNECTED);
        accepted(message("+34600111222", "sigo aqui"));
    }

    @Test
    void rebindsAfterTheNetworkDrops() throws Exception {
        open();
        listener.states.clear();

        smsc.disconnectAll();

        await().atMost(PATIENCE).until(() -> listener.states.contains(SenderState.RECONNECTING)
                && listener.lastState() == SenderState.CONNECTED);
        assertThat(listener.states.indexOf(SenderState.RECONNECTING))
                .isLessThan(listener.states.lastIndexOf(SenderState.CONNECTED));
        accepted(message("+34600111222", "otra vez"));
        assertThat(smsc.counters().binds()).isEqualTo(2);
        // the lost connection's writer ended with it
        await().atMost(PATIENCE).until(() -> writerThreads() == 1);
    }

    @Test
    void rebindsAfterTheSmscUnbinds() throws Exception {
        open("binds", "tx_rx");
        listener.states.clear();

        smsc.unbindAll();

        await().atMost(PATIENCE).until(() -> listener.states.contains(SenderState.RECONNECTING)
                && listener.lastState() == SenderState.CONNECTED);
        await().atMost(PATIENCE).until(() -> smsc.counters().boundSessions() == 2);
        String id = accepted(message("+34600111222", "de nuevo")).getFirst();
        await().atMost(PATIENCE).until(() -> listener.receiptFor(id).isPresent());
        await().atMost(PATIENCE).until(() -> writerThreads() == 2);
    }

    @Test
    void keepsTryingWhileTheSmscIsAwayAndSubmitsSayNotBound() throws Exception {
        int port = smsc.port();
        smsc.close();
        openUnbound();

        await().atMost(PATIENCE).until(() -> listener.lastState() == SenderState.RECONNECTING);
        SubmitOutcome outcome = send(message("+34600111222", "hola"));
        assertThat(outcome).isInstanceOfSatisfying(SubmitOutcome.Transient.class,
                t -> assertThat(t.code()).isEqualTo("smpp_not_bound"));

        smsc = SmscSimulator.onPort(port).start(); // the SMSC is back on the same port
        awaitState(SenderState.CONNECTED);
        accepted(message("+34600111222", "hola"));
    }

    @Test
    void refusedCredentialsShowAsFailed() {
        smsc.credentials("recado", "other");

        openUnbound();

        awaitState(SenderState.FAILED);
        assertThat(smsc.counters().bindsRejected()).isPositive();
    }

    @Test
    void moReachesTheListener() {
        open();

        smsc.injectMo("+34600111222", "RECADO", "Sí, confirmo ✅");

        assertThat(listener.inbound).singleElement().satisfies(in -> {
            assertThat(in.from()).isEqualTo("+34600111222");
            assertThat(in.to()).isEqualTo("RECADO");
            assertThat(in.text()).isEqualTo("Sí, confirmo ✅");
            assertThat(in.providerId()).isNotBlank();
        });
    }

    @Test
    void concatenatedMoIsReassembled() {
        open();
        String udhText = "Quiero cambiar mi cita del martes al jueves por la tarde, ".repeat(4);
        String sarText = "Параграф ".repeat(12);

        smsc.injectMo("+34600111222", "RECADO", udhText);
        smsc.injectMo("+34600333444", "RECADO", sarText, true);

        assertThat(listener.inbound).extracting(ProviderInbound::from, ProviderInbound::text).containsExactly(
                org.assertj.core.groups.Tuple.tuple("+34600111222", udhText),
                org.assertj.core.groups.Tuple.tuple("+34600333444", sarText));
        assertThat(smsc.counters().moSent()).isEqualTo(2);
    }

    @Test
    void reconcilesAgainstTheSimulator() throws Exception {
        open();
        OutboundMessage sent = message("+34600111222", "z".repeat(200));
        OutboundMessage neverSent = message("+34600111222", "hola");
        List<String> ids = accepted(sent);

        List<Reconciliation> verdicts = adapter.reconcile(List.of(sent, neverSent));

        assertThat(verdicts).containsExactly(new Reconciliation(sent.messageId(), Verdict.ACCEPTED, ids),
                new Reconciliation(neverSent.messageId(), Verdict.NOT_RECEIVED, List.of()));
    }

    @Test
    void withoutALookupEveryMessageIsUnknown() {
        adapter = new SmppAdapterFactory().open(new SenderConfig(1, 1, "t", settings()), listener);
        OutboundMessage m = message("+34600111222", "hola");

        assertThat(adapter.reconcile(List.of(m))).containsExactly(Reconciliation.unknown(m.messageId()));
    }

    @Test
    void reconcilesByQuerySmWithoutAnInProcessLookup() throws Exception {
        openWithoutLookup("reconcile_by_query", true);
        OutboundMessage single = message("+34600111222", "hola");
        OutboundMessage multipart = message("+34600111222", "z".repeat(200));
        OutboundMessage neverSent = message("+34600111222", "adios");
        List<String> singleIds = accepted(single);
        List<String> multipartIds = accepted(multipart);

        List<Reconciliation> verdicts = adapter.reconcile(List.of(single, multipart, neverSent));

        assertThat(verdicts).containsExactly(new Reconciliation(single.messageId(), Verdict.ACCEPTED, singleIds),
                new Reconciliation(multipart.messageId(), Verdict.ACCEPTED, multipartIds),
                new Reconciliation(neverSent.messageId(), Verdict.NOT_RECEIVED, List.of()));
        assertThat(multipartIds).hasSize(2);
        assertThat(smsc.counters().queries()).isEqualTo(4); // one per part
    }

    @Test
    void byQueryAPartialMessageOrAnSmscWithoutTheLookupStaysUnknown() throws Exception {
        openWithoutLookup("reconcile_by_query", true);
        smsc.throttleEvery(2); // the second part is refused: the SMSC holds half the message
        OutboundMessage partial = message("+34600111222", "z".repeat(200));
        assertThat(send(partial)).isInstanceOf(SubmitOutcome.Transient.class);
        smsc.stopThrottling();
        OutboundMessage sent = message("+34600111222", "hola");
        accepted(sent);

        assertThat(adapter.reconcile(List.of(partial))).containsExactly(Reconciliation.unknown(partial.messageId()));
        smsc.answerQueries(false);
        assertThat(adapter.reconcile(List.of(sent))).containsExactly(Reconciliation.unknown(sent.messageId()));
    }

    @Test
    void withoutReconcileByQueryNoQueryIsSent() throws Exception {
        openWithoutLookup();
        OutboundMessage sent = message("+34600111222", "hola");
        accepted(sent);

        assertThat(adapter.reconcile(List.of(sent))).containsExactly(Reconciliation.unknown(sent.messageId()));
        assertThat(smsc.counters().queries()).isZero();
    }

    private void openWithoutLookup(Object... extra) {
        adapter = new SmppAdapterFactory().open(new SenderConfig(1, 1, "t", settings(extra)), listener);
        awaitState(SenderState.CONNECTED);
    }

    @Test
    void closeUnbindsAndRefusesFurtherSubmits() throws Exception {
        open();

        adapter.close();

        assertThat(listener.lastState()).isEqualTo(SenderState.DISCONNECTED);
        await().atMost(PATIENCE).until(() -> smsc.counters().boundSessions() == 0);
        await().atMost(PATIENCE).until(() -> writerThreads() == 0);
        assertThat(send(message("+34600111222", "hola"))).isInstanceOfSatisfying(SubmitOutcome.Transient.class,
                t -> assertThat(t.code()).isEqualTo("smpp_closed"));
    }
}
