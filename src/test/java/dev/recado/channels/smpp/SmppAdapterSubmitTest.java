package dev.recado.channels.smpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.recado.content.sms.SmsEncoder;
import dev.recado.messaging.spi.OutboundMessage;
import dev.recado.messaging.spi.ProviderReceipt.ReceiptState;
import dev.recado.messaging.spi.SenderState;
import dev.recado.messaging.spi.SubmitOutcome;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** submit over real TCP: what the SMSC receives, and how its answers come back. */
class SmppAdapterSubmitTest extends SmppAdapterFixture {

    private static final Duration ACKED_ONCE_STORED = Duration.ofSeconds(5);

    @Test
    void singleGsm7PartWithItsReceipt() throws Exception {
        open();
        OutboundMessage m = message("+34600111222", "Hola {Ana} @ 10€");

        List<String> ids = accepted(m);

        assertThat(ids).hasSize(1);
        SimulatedSubmission s = smsc.submissionsFor(m.reference()).getFirst();
        assertThat(s.messageId()).isEqualTo(ids.getFirst());
        assertThat(s.dataCoding()).isZero();
        assertThat(s.esmClass()).isZero();
        assertThat(s.udh()).isEmpty();
        assertThat(s.payload()).isEqualTo(SmsEncoder.plan(m.body(), false).parts().getFirst().payload());
        assertThat(s.text()).isEqualTo(m.body());
        assertThat(s.source()).isEqualTo("RECADO");
        assertThat(s.sourceTon()).isEqualTo(5);
        assertThat(s.sourceNpi()).isZero();
        assertThat(s.destination()).isEqualTo("34600111222");
        assertThat(s.destTon()).isEqualTo(1);
        assertThat(s.destNpi()).isEqualTo(1);
        assertThat(s.registeredDelivery()).isEqualTo(1);
        assertThat(s.validityPeriod()).isNull();
        await().atMost(PATIENCE).until(() -> listener.receiptFor(ids.getFirst()).isPresent());
        assertThat(listener.receiptFor(ids.getFirst()).orElseThrow().state()).isEqualTo(ReceiptState.DELIVERED);
    }

    @Test
    void aReceiptIsAcknowledgedOnlyOnceStoredWithoutHoldingSubmitResponsesBack() throws Exception {
        open();
        listener.holdStoring();
        // more receipts waiting to be stored than jSMPP has PDU threads (64)
        for (int i = 0; i < 70; i++) {
            accepted(message("+3460011" + String.format("%04d", i), "Hola " + i));
        }
        await().atMost(PATIENCE).until(() -> listener.heldStores() >= 64);
        // their threads are free: a submit's response still comes back
        assertThat(accepted(message("+34600119999", "Otra"))).hasSize(1);
        assertThat(smsc.counters().receiptsSent()).as("none acknowledged before it is stored").isZero();

        listener.releaseStoring();
        // well under DeferredAcks' 10 s: a receipt left waiting for it would be answered late, and sent again
        await().atMost(ACKED_ONCE_STORED).until(() -> smsc.counters().receiptsSent() == 71);
        assertThat(listener.receipts).as("each acknowledged the first time it came").hasSize(71);
    }

    @Test
    void aReceiptThatCouldNotBeStoredIsDeliveredAgain() throws Exception {
        open();
        listener.storing = r -> CompletableFuture.failedFuture(new IllegalStateException("database down"));
        List<String> ids = accepted(message("+34600111333", "Hola"));
        await().atMost(PATIENCE).until(() -> listener.receipts.stream().filter(r -> r.providerId().equals(ids.getFirst())).count() >= 1);
        assertThat(smsc.counters().receiptsSent()).isZero();

        listener.storing = r -> CompletableFuture.completedFuture(null);
        await().atMost(PATIENCE).until(() -> smsc.counters().receiptsSent() == 1);
        assertThat(listener.receipts.stream().filter(r -> r.providerId().equals(ids.getFirst())).count())
                .as("refused once, then delivered again").isGreaterThanOrEqualTo(2);
    }

    @Test
    void multipartGsm7GoesWithAUdhPerPart() throws Exception {
        open();
        OutboundMessage m = message("+34600111222", "Parte ".repeat(40).trim() + " fin");

        List<String> ids = accepted(m);

        assertThat(ids).hasSize(2).doesNotHaveDuplicates();
        List<SimulatedSubmission> parts = smsc.submissionsFor(m.reference());
        assertThat(parts).hasSize(2).allSatisfy(p -> {
            assertThat(p.esmClass()).isEqualTo(0x40);
            assertThat(p.dataCoding()).isZero();
            assertThat(p.udh()).hasSize(6).startsWith(0x05, 0x00, 0x03);
            assertThat(p.udh()[4]).isEqualTo((byte) 2);
            assertThat(p.concatReference()).isEqualTo(parts.getFirst().concatReference());
            assertThat(p.sar()).isFalse();
        });
        assertThat(parts).extracting(SimulatedSubmission::concatSequence).containsExactly(1, 2);
        assertThat(parts.get(0).text() + parts.get(1).text()).isEqualTo(m.body());
        await().atMost(PATIENCE).until(() -> ids.stream().allMatch(id -> listener.receiptFor(id).isPresent()));
    }

    @Test
    void multipartUcs2() throws Exception {
        open();
        OutboundMessage m = message("+34600111222", "Привет, это длинное сообщение 😀 ".repeat(3));

        List<String> ids = accepted(m);

        List<SimulatedSubmission> parts = smsc.submissionsFor(m.reference());
        assertThat(ids).hasSize(parts.size());
        assertThat(parts).hasSizeGreaterThan(1).allSatisfy(p -> {
            assertThat(p.dataCoding()).isEqualTo(0x08);
            assertThat(p.esmClass()).isEqualTo(0x40);
        });
        assertThat(parts).extracting(SimulatedSubmission::concatSequence)
                .isEqualTo(IntStream.rangeClosed(1, parts.size()).boxed().toList());
        assertThat(parts.stream().map(SimulatedSubmission::text).reduce("", String::concat)).isEqualTo(m.body());
    }

    @Test
    void sarTlvsInsteadOfAUdh() throws Exception {
        open("concatenation", "sar");
        OutboundMessage m = message("+34600111222", "x".repeat(300));

        accepted(m);

        List<SimulatedSubmission> parts = smsc.submissionsFor(m.reference());
        assertThat(parts).hasSize(2).allSatisfy(p -> {
            assertThat(p.sar()).isTrue();
            assertThat(p.esmClass()).isZero();
            assertThat(p.udh()).isEmpty();
            assertThat(p.concatTotal()).isEqualTo(2);
        });
        assertThat(parts.get(0).text() + parts.get(1).text()).isEqualTo(m.body());
    }

    @Test
    void sourceAndValidityFromTheMessage() throws Exception {
        open();
        Instant validUntil = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        OutboundMessage m = new OutboundMessage(7, "ref-validity", "+44700900123", "+34910000000", "hi", false,
                validUntil, false);

        accepted(m);

        SimulatedSubmission s = smsc.submissionsFor("ref-validity").getFirst();
        assertThat(s.source()).isEqualTo("34910000000");
        assertThat(s.sourceTon()).isEqualTo(1);
        assertThat(s.sourceNpi()).isEqualTo(1);
        assertThat(s.registeredDelivery()).isZero();
        assertThat(s.validityPeriod()).hasSize(16).endsWith("000+")
                .startsWith(validUntil.toString().substring(2, 4));
    }

    @Test
    void throttlingIsTransientAndShowsInTheState() throws Exception {
        open();
        smsc.throttleFor(Duration.ofMinutes(5));

        SubmitOutcome outcome = send(message("+34600111222", "hola"));

        assertThat(outcome).isInstanceOfSatisfying(SubmitOutcome.Transient.class, t -> {
            assertThat(t.throttled()).isTrue();
            assertThat(t.code()).isEqualTo("smpp_0x00000058");
        });
        assertThat(listener.lastState()).isEqualTo(SenderState.THROTTLED);

        smsc.stopThrottling();
        accepted(message("+34600111222", "hola"));
        assertThat(listener.lastState()).isEqualTo(SenderState.CONNECTED);
    }

    @Test
    void invalidDestinationIsPermanent() throws Exception {
        open();
        smsc.rejectDestinations("999");

        SubmitOutcome outcome = send(message("+999123456", "hola"));

        assertThat(outcome).isInstanceOfSatisfying(SubmitOutcome.Permanent.class,
                p -> assertThat(p.code()).isEqualTo("smpp_0x0000000b"));
        assertThat(smsc.submissions()).isEmpty();
    }

    @Test
    void aLaterPartFailingFailsTheMessageWithoutResending() throws Exception {
        open();
        smsc.throttleEvery(2); // the second part of the first message is refused

        SubmitOutcome outcome = send(message("+34600111222", "y".repeat(200)));

        assertThat(outcome).isInstanceOfSatisfying(SubmitOutcome.Transient.class, t -> {
            assertThat(t.throttled()).isTrue();
            assertThat(t.text()).contains("part 2 of 2").contains(smsc.submissions().getFirst().messageId());
        });
        assertThat(smsc.submissions()).hasSize(1);
    }

    @Test
    void undeliveredReceipt() throws Exception {
        smsc.deliveredRatio(0);
        open();

        String id = accepted(message("+34600111222", "hola")).getFirst();

        await().atMost(PATIENCE).until(() -> listener.receiptFor(id).isPresent());
        assertThat(listener.receiptFor(id).orElseThrow()).satisfies(r -> {
            assertThat(r.state()).isEqualTo(ReceiptState.UNDELIVERED);
            assertThat(r.errorCode()).isEqualTo("001");
        });
    }

    @Test
    void textOnlyReceiptsWithDecimalIds() throws Exception {
        smsc.receiptTlvs(false).decimalReceiptIds(true);
        open("receipt_id_format", "decimal_of_hex");

        String id = accepted(message("+34600111222", "hola")).getFirst();

        assertThat(id).isEqualTo(smsc.submissions().getFirst().messageId().toLowerCase());
        await().atMost(PATIENCE).until(() -> listener.receiptFor(id).isPresent());
    }

    @Test
    void aThousandConcurrentSubmitsThroughAWindowOfTen() throws Exception {
        open("window", 10);
        List<OutboundMessage> messages = IntStream.range(0, 1_000)
                .mapToObj(i -> message("+3460000" + String.format("%04d", i), "mensaje " + i)).toList();

        List<CompletableFuture<SubmitOutcome>> futures = messages.stream().map(adapter::submit).toList();
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

        HashSet<String> ids = new HashSet<>();
        for (CompletableFuture<SubmitOutcome> f : futures) {
            assertThat(f.join()).isInstanceOf(SubmitOutcome.Accepted.class);
            ids.addAll(((SubmitOutcome.Accepted) f.join()).providerIds());
        }
        assertThat(ids).hasSize(1_000);
        assertThat(smsc.duplicatedReferences()).isEmpty();
        assertThat(messages).allSatisfy(m -> assertThat(smsc.lookupByReference(m.reference())).isPresent());
        await().atMost(PATIENCE).until(() -> listener.receipts.size() == 1_000);
    }
}
