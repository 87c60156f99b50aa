package dev.recado.channels.smpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.recado.channels.smpp.internal.SmppClientSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jsmpp.DefaultPDUReader;
import org.jsmpp.DefaultPDUSender;
import org.jsmpp.InvalidResponseException;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.DataCodings;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.MessageState;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.QuerySmResp;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.MessageReceiverListener;
import org.jsmpp.session.QuerySmResult;
import org.jsmpp.session.SMPPSession;
import org.jsmpp.session.SubmitSmResult;
import org.jsmpp.session.connection.socket.SocketConnectionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The simulator as any SMPP client sees it: a plain jSMPP session, none of our adapter code. */
class SmscSimulatorTest {

    private SmscSimulator smsc;
    /** A plain jSMPP session that can also return a whole query_sm_resp. */
    private SmppClientSession client;
    private final List<DeliverSm> delivered = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        smsc = SmscSimulator.onPort(0).receiptDelay(Duration.ZERO).start();
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.unbindAndClose();
        }
        smsc.close();
    }

    @Test
    void acceptsSubmitsAndSendsReceiptsWithTlvsAndText() throws Exception {
        bind(BindType.BIND_TRX, "any", "any");

        SubmitSmResult result = submit("34600111222", "hola".getBytes(StandardCharsets.US_ASCII), "ref-1");

        assertThat(smsc.port()).isPositive();
        assertThat(smsc.lookupByReference("ref-1")).contains(List.of(result.getMessageId()));
        SimulatedSubmission s = smsc.submissionsFor("ref-1").getFirst();
        assertThat(s.destination()).isEqualTo("34600111222");
        assertThat(s.text()).isEqualTo("hola");
        assertThat(s.systemId()).isEqualTo("any");
        await().atMost(Duration.ofSeconds(10)).until(() -> delivered.size() == 1);
        DeliverSm receipt = delivered.getFirst();
        assertThat(receipt.isSmscDeliveryReceipt()).isTrue();
        assertThat(receipt.getOptionalParameter(OptionalParameter.Receipted_message_id.class).getValueAsString())
                .isEqualTo(result.getMessageId());
        assertThat(receipt.getOptionalParameter(OptionalParameter.Message_state.class).getValue()).isEqualTo((byte) 2);
        assertThat(new String(receipt.getShortMessage(), StandardCharsets.US_ASCII))
                .matches("id:" + result.getMessageId() + " sub:001 dlvrd:001 submit date:\\d{10} done date:\\d{10}"
                        + " stat:DELIVRD err:000 text:hola");
    }

    @Test
    void undeliveredByRatio() throws Exception {
        smsc.deliveredRatio(0.5);
        bind(BindType.BIND_TRX, "a", "b");

        for (int i = 0; i < 4; i++) {
            submit("34600" + i, new byte[] {0x41}, "r" + i);
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> delivered.size() == 4);
        assertThat(delivered).filteredOn(d -> new String(d.getShortMessage(), StandardCharsets.US_ASCII)
                .contains("stat:UNDELIV err:001")).hasSize(2);
    }

    @Test
    void throttlesEveryNthAndRejectsPrefixes() throws Exception {
        smsc.throttleEvery(3).rejectDestinations("999");
        bind(BindType.BIND_TX, "a", "b");

        submit("1", new byte[] {1}, null);
        submit("2", new byte[] {1}, null);
        assertThatThrownBy(() -> submit("3", new byte[] {1}, null))
                .isInstanceOfSatisfying(NegativeResponseException.class,
                        e -> assertThat(e.getCommandStatus()).isEqualTo(0x58));
        assertThatThrownBy(() -> submit("9991", new byte[] {1}, null))
                .isInstanceOfSatisfying(NegativeResponseException.class,
                        e -> assertThat(e.getCommandStatus()).isEqualTo(0x0B));
        assertThat(smsc.counters()).satisfies(c -> {
            assertThat(c.accepted()).isEqualTo(2);
            assertThat(c.throttled()).isEqualTo(1);
            assertThat(c.rejected()).isEqualTo(1);
        });
    }

    @Test
    void checksCredentialsWhenConfigured() {
        smsc.credentials("recado", "secret");

        assertThatThrownBy(() -> bind(BindType.BIND_TRX, "recado", "wrong")).isInstanceOf(IOException.class);
        assertThat(smsc.counters().bindsRejected()).isEqualTo(1);
    }

    @Test
    void receiptsGoToTheReceiverOfATransmitterReceiverPair() throws Exception {
        SMPPSession receiver = new SMPPSession();
        receiver.setMessageReceiverListener(collector());
        receiver.connectAndBind("localhost", smsc.port(),
                new BindParameter(BindType.BIND_RX, "pair", "pw", "", TypeOfNumber.UNKNOWN,
                        NumberingPlanIndicator.UNKNOWN, null));
        try {
            bind(BindType.BIND_TX, "pair", "pw");
            submit("34600", new byte[] {0x41}, "tx-rx");

            await().atMost(Duration.ofSeconds(10)).until(() -> delivered.size() == 1);
        } finally {
            receiver.unbindAndClose();
        }
    }

    @Test
    void injectsMoInTwoPartsWithAUdh() throws Exception {
        bind(BindType.BIND_TRX, "a", "b");

        smsc.injectMo("+34600111222", "RECADO", "x".repeat(200));

        assertThat(delivered).hasSize(2);
        assertThat(delivered).allSatisfy(d -> {
            assertThat(d.isUdhi()).isTrue();
            assertThat(d.getShortMessage()).startsWith(0x05, 0x00, 0x03);
            assertThat(d.getSourceAddr()).isEqualTo("34600111222");
        });
    }

    @Test
    void queryByMessageIdFollowsTheReceipt() throws Exception {
        smsc.receiptDelay(Duration.ofHours(1));
        bind(BindType.BIND_TRX, "a", "b");
        String waiting = submit("34600", new byte[] {0x41}, "q-1").getMessageId();
        smsc.receiptDelay(Duration.ZERO);
        String done = submit("34600", new byte[] {0x41}, "q-2").getMessageId();

        // the state changes once the client has acknowledged the receipt
        await().atMost(Duration.ofSeconds(10)).until(() -> query(done).getMessageState() == MessageState.DELIVERED);
        assertThat(query(done).getFinalDate()).matches("\\d{13}00\\+");
        assertThat(query(waiting).getMessageState()).isEqualTo(MessageState.ENROUTE);
        assertThatThrownBy(() -> query("FFFF")).isInstanceOfSatisfying(NegativeResponseException.class,
                e -> assertThat(e.getCommandStatus()).isEqualTo(0x67));
        assertThat(smsc.counters().queries()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void queryByOurReferenceAnswersTheIdsOrQueryFailed() throws Exception {
        bind(BindType.BIND_TRX, "a", "b");
        String id = submit("34600", new byte[] {0x41}, "msg_1").getMessageId();

        QuerySmResp known = client.query("ref:msg_1", TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, "");
        QuerySmResp part = client.query("ref:msg_1#1", TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, "");

        assertThat(known.getMessageId()).isEqualTo(id);
        assertThat(part.getMessageId()).isEqualTo(id);
        assertThat(known.getMessageState()).isIn(MessageState.ENROUTE, MessageState.DELIVERED);
        for (String unknown : List.of("ref:msg_2", "ref:msg_1#2")) {
            assertThatThrownBy(() -> client.query(unknown, TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, ""))
                    .isInstanceOfSatisfying(NegativeResponseException.class,
                            e -> assertThat(e.getCommandStatus()).isEqualTo(0x67));
        }
        // jSMPP's own query_sm refuses an answer whose message_id differs from the one asked
        assertThatThrownBy(() -> client.queryShortMessage("ref:msg_1", TypeOfNumber.UNKNOWN,
                NumberingPlanIndicator.UNKNOWN, "")).isInstanceOf(InvalidResponseException.class);
    }

    @Test
    void queriesOnlySeeTheirOwnAccount() throws Exception {
        bind(BindType.BIND_TRX, "a", "b");
        String id = submit("34600", new byte[] {0x41}, "mine").getMessageId();
        client.unbindAndClose();
        bind(BindType.BIND_TRX, "other", "b");

        for (String asked : List.of(id, "ref:mine")) {
            assertThatThrownBy(() -> client.query(asked, TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, ""))
                    .isInstanceOfSatisfying(NegativeResponseException.class,
                            e -> assertThat(e.getCommandStatus()).isEqualTo(0x67));
        }
    }

    /**
     * A client killed with submits still queued in the SMSC: those are processed after its session
     * closed, and must still count as its account's, or its query_sm after a restart says "never
     * received" and the message is sent twice.
     */
    @Test
    void aSubmitProcessedAfterItsClientDiedIsFoundByThatAccount() throws Exception {
        smsc.stallSubmits(4, Duration.ofSeconds(2)); // every PDU worker of the session is busy
        bind(BindType.BIND_TRX, "a", "b");
        var busy = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor();
        for (int i = 1; i <= 4; i++) {
            String reference = "busy-" + i;
            busy.submit(() -> submit("34600", new byte[] {0x41}, reference));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> smsc.counters().accepted() == 4);
        client.setTransactionTimer(300);
        // written, then no answer in time: the PDU waits behind the stalled ones when the client dies
        assertThatThrownBy(() -> submit("34600", new byte[] {0x41}, "queued"))
                .isInstanceOf(org.jsmpp.extra.ResponseTimeoutException.class);
        client.close();
        busy.shutdownNow();

        await().atMost(Duration.ofSeconds(10)).until(() -> !smsc.submissionsFor("queued").isEmpty());
        assertThat(smsc.submissionsFor("queued").getFirst().systemId()).isEqualTo("a");
        bind(BindType.BIND_TRX, "a", "b");
        QuerySmResp found = client.query("ref:queued", TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, "");
        assertThat(found.getMessageId()).isEqualTo(smsc.submissionsFor("queued").getFirst().messageId());
    }

    @Test
    void refusesQueriesWhenToldTo() throws Exception {
        smsc.answerQueries(false);
        bind(BindType.BIND_TRX, "a", "b");
        submit("34600", new byte[] {0x41}, "msg_1");

        assertThatThrownBy(() -> client.query("ref:msg_1", TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, ""))
                .isInstanceOfSatisfying(NegativeResponseException.class,
                        e -> assertThat(e.getCommandStatus()).isEqualTo(0x03));
    }

    @Test
    void injectingWithoutAReceiverFails() {
        assertThatThrownBy(() -> smsc.injectMo("1", "2", "hi")).isInstanceOf(IllegalStateException.class);
    }

    private void bind(BindType type, String systemId, String password) throws IOException {
        client = new SmppClientSession(new DefaultPDUSender(), new DefaultPDUReader(),
                SocketConnectionFactory.getInstance());
        client.setMessageReceiverListener(collector());
        client.connectAndBind("localhost", smsc.port(), new BindParameter(type, systemId, password, "",
                TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, null));
    }

    private QuerySmResult query(String messageId) throws Exception {
        return client.queryShortMessage(messageId, TypeOfNumber.ALPHANUMERIC, NumberingPlanIndicator.UNKNOWN, "RECADO");
    }

    private MessageReceiverListener collector() {
        return new MessageReceiverListener() {
            @Override
            public void onAcceptDeliverSm(DeliverSm deliverSm) {
                delivered.add(deliverSm);
            }

            @Override
            public void onAcceptAlertNotification(org.jsmpp.bean.AlertNotification alertNotification) {
            }

            @Override
            public org.jsmpp.session.DataSmResult onAcceptDataSm(org.jsmpp.bean.DataSm dataSm,
                    org.jsmpp.session.Session source) {
                return null;
            }
        };
    }

    private SubmitSmResult submit(String to, byte[] body, String reference) throws Exception {
        OptionalParameter[] tlvs = reference == null ? new OptionalParameter[0]
                : new OptionalParameter[] {new OptionalParameter.OctetString((short) 0x1400, reference)};
        return client.submitShortMessage("", TypeOfNumber.ALPHANUMERIC, NumberingPlanIndicator.UNKNOWN, "RECADO",
                TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, to, new ESMClass(), (byte) 0, (byte) 0,
                null, null, new RegisteredDelivery(1), (byte) 0, DataCodings.ZERO, (byte) 0, body, tlvs);
    }
}
