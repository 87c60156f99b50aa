package dev.recado.channels.smpp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recado.messaging.spi.AdapterListener;
import dev.recado.messaging.spi.OutboundMessage;
import dev.recado.messaging.spi.ProviderInbound;
import dev.recado.messaging.spi.ProviderReceipt;
import dev.recado.messaging.spi.SenderState;
import dev.recado.messaging.spi.SubmitOutcome;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.jsmpp.GenericNackResponseException;
import org.jsmpp.PDUException;
import org.jsmpp.bean.DataCoding;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.extra.ResponseTimeoutException;
import org.jsmpp.session.SMPPSession;
import org.jsmpp.session.SubmitSmResult;
import org.jsmpp.util.MessageId;
import org.junit.jupiter.api.Test;

/** Failure mapping and the window, against a session that answers whatever the test says. */
class PartSenderTest {

    private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");

    /** Answers each submit_sm with the next scripted result: an id, or an exception to throw. */
    private static final class ScriptedSession extends SMPPSession {
        final List<Object> script;
        final AtomicInteger calls = new AtomicInteger();
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger maxInFlight = new AtomicInteger();

        ScriptedSession(Object... script) {
            this.script = List.of(script);
        }

        @Override
        public SubmitSmResult submitShortMessage(String serviceType, TypeOfNumber sourceAddrTon,
                NumberingPlanIndicator sourceAddrNpi, String sourceAddr, TypeOfNumber destAddrTon,
                NumberingPlanIndicator destAddrNpi, String destinationAddr, ESMClass esmClass, byte protocolId,
                byte priorityFlag, String scheduleDeliveryTime, String validityPeriod,
                RegisteredDelivery registeredDelivery, byte replaceIfPresentFlag, DataCoding dataCoding,
                byte smDefaultMsgId, byte[] shortMessage, OptionalParameter... optionalParameters)
                throws PDUException, ResponseTimeoutException, NegativeResponseException, IOException,
                org.jsmpp.InvalidResponseException {
            int n = calls.getAndIncrement();
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                Thread.sleep(2);
                Object answer = script.isEmpty() ? "id-" + n : script.get(Math.min(n, script.size() - 1));
                if (answer instanceof PDUException e) {
                    throw e;
                } else if (answer instanceof ResponseTimeoutException e) {
                    throw e;
                } else if (answer instanceof NegativeResponseException e) {
                    throw e;
                } else if (answer instanceof org.jsmpp.InvalidResponseException e) {
                    throw e;
                } else if (answer instanceof IOException e) {
                    throw e;
                }
                return new SubmitSmResult(new MessageId((String) answer), new OptionalParameter[0]);
            } catch (InterruptedException e) {
                throw new IOException(e);
            } catch (org.jsmpp.PDUStringException e) {
                throw new IllegalStateException(e);
            } finally {
                inFlight.decrementAndGet();
            }
        }
    }

    private final List<SenderState> states = new java.util.concurrent.CopyOnWriteArrayList<>();

    private PartSender sender(SMPPSession session, Object... settings) {
        Map<String, Object> s = new HashMap<>(Map.of("host", "h", "system_id", "s", "source_address", "RECADO"));
        for (int i = 0; i < settings.length; i += 2) {
            s.put((String) settings[i], settings[i + 1]);
        }
        StateReporter state = new StateReporter(new AdapterListener() {
            @Override
            public java.util.concurrent.CompletableFuture<Void> onReceipt(ProviderReceipt receipt) {
                return java.util.concurrent.CompletableFuture.completedFuture(null);
            }

            @Override
            public void onInbound(ProviderInbound inbound) {
            }

            @Override
            public void onStateChange(SenderState newState) {
                states.add(newState);
            }
        }, "test");
        state.set(SenderState.CONNECTED);
        return new PartSender(SmppSettings.from(s), () -> session, state, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static OutboundMessage message(String body) {
        return new OutboundMessage(1, "ref", "+34600111222", null, body, false, null, true);
    }

    @Test
    void mapsEveryWayAPartCanFail() {
        assertThat(sender(new ScriptedSession(new NegativeResponseException(0x0B))).send(message("a")))
                .isEqualTo(new SubmitOutcome.Permanent("smpp_0x0000000b", "invalid destination address"));
        assertThat(sender(new ScriptedSession(new GenericNackResponseException("nack", 0x58))).send(message("a")))
                .isInstanceOfSatisfying(SubmitOutcome.Transient.class, t -> {
                    assertThat(t.throttled()).isTrue();
                    assertThat(t.text()).contains("generic_nack");
                });
        assertThat(sender(new ScriptedSession(new ResponseTimeoutException("slow"))).send(message("a")))
                .isInstanceOfSatisfying(SubmitOutcome.Transient.class,
                        t -> assertThat(t.code()).isEqualTo("smpp_timeout"));
        assertThat(sender(new ScriptedSession(new IOException("reset"))).send(message("a")))
                .isInstanceOfSatisfying(SubmitOutcome.Transient.class, t -> assertThat(t.code()).isEqualTo("smpp_io"));
        assertThat(sender(new ScriptedSession(new PDUException("too long"))).send(message("a")))
                .isInstanceOfSatisfying(SubmitOutcome.Permanent.class,
                        p -> assertThat(p.code()).isEqualTo("smpp_invalid_pdu"));
        assertThat(sender(null).send(message("a"))).isInstanceOfSatisfying(SubmitOutcome.Transient.class,
                t -> assertThat(t.code()).isEqualTo("smpp_not_bound"));
    }

    @Test
    void throttlingShowsUntilTheNextAcceptedSubmit() {
        ScriptedSession session = new ScriptedSession(new NegativeResponseException(0x14), "id-ok");
        PartSender sender = sender(session);

        sender.send(message("a"));
        sender.send(message("b"));

        assertThat(states).containsExactly(SenderState.CONNECTED, SenderState.THROTTLED, SenderState.CONNECTED);
    }

    @Test
    void stopsAtTheFirstFailedPartAndNamesWhatWasAccepted() {
        ScriptedSession session = new ScriptedSession("id-1", new NegativeResponseException(0x08));

        SubmitOutcome outcome = sender(session).send(message("z".repeat(400)));

        assertThat(outcome).isInstanceOfSatisfying(SubmitOutcome.Transient.class,
                t -> assertThat(t.text()).contains("part 2 of 3").contains("[id-1]"));
        assertThat(session.calls.get()).isEqualTo(2);
    }

    @Test
    void refusesWhatCannotBeSentBeforeTouchingTheLine() {
        ScriptedSession session = new ScriptedSession();
        PartSender sender = sender(session);

        assertThat(sender.send(new OutboundMessage(1, "r", "+34600", "WayTooLongSender", "a", false, null, true)))
                .isInstanceOfSatisfying(SubmitOutcome.Permanent.class,
                        p -> assertThat(p.code()).isEqualTo("smpp_invalid_source"));
        assertThat(sender.send(new OutboundMessage(1, "r", "+34600", null, "a", false, NOW.minusSeconds(1), true)))
                .isInstanceOfSatisfying(SubmitOutcome.Permanent.class, p -> assertThat(p.code()).isEqualTo("expired"));
        assertThat(session.calls.get()).isZero();
    }

    @Test
    void neverMoreThanTheWindowOnTheWire() throws Exception {
        ScriptedSession session = new ScriptedSession();
        PartSender sender = sender(session, "window", 4);

        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<SubmitOutcome>> outcomes = IntStream.range(0, 200)
                    .mapToObj(i -> pool.submit(() -> sender.send(message("m" + i)))).toList();
            for (Future<SubmitOutcome> f : outcomes) {
                assertThat(f.get()).isInstanceOf(SubmitOutcome.Accepted.class);
            }
        }

        assertThat(session.maxInFlight.get()).isBetween(2, 4);
    }
}
