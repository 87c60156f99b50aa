package dev.recado.channels.smpp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recado.content.sms.Udh;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class UdhAndMoReassemblyTest {

    private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

    @Test
    void readsAnEightBitConcatHeader() {
        byte[] sm = Udh.prepend(Udh.concat8bit(200, 3, 2), new byte[] {1, 2, 3});

        UdhReader.Split split = UdhReader.split(sm, true);

        assertThat(split.concat()).isEqualTo(new UdhReader.Concat(200, 3, 2));
        assertThat(split.udh()).hasSize(6);
        assertThat(split.payload()).containsExactly(1, 2, 3);
    }

    @Test
    void readsASixteenBitConcatHeaderAmongOtherElements() {
        // UDHL 0x0C: a port element (IEI 0x05, 4 bytes) then a 16-bit concat element (0x08, 4 bytes)
        byte[] sm = {0x0C, 0x05, 0x04, 0x0B, (byte) 0x84, 0x23, (byte) 0xF0, 0x08, 0x04, 0x12, 0x34, 0x02, 0x01, 'h', 'i'};

        UdhReader.Split split = UdhReader.split(sm, true);

        assertThat(split.concat()).isEqualTo(new UdhReader.Concat(0x1234, 2, 1));
        assertThat(new String(split.payload(), StandardCharsets.US_ASCII)).isEqualTo("hi");
    }

    @Test
    void withoutUdhiOrWithABrokenHeaderAllIsPayload() {
        byte[] sm = {0x05, 0x00, 0x03, 1, 2, 1, 'x'};

        assertThat(UdhReader.split(sm, false).payload()).isEqualTo(sm);
        assertThat(UdhReader.split(new byte[] {0x40, 1, 2}, true).payload()).containsExactly(0x40, 1, 2);
        assertThat(UdhReader.split(new byte[] {0x40, 1, 2}, true).concat()).isNull();
    }

    @Test
    void reassemblesOutOfOrderAndIgnoresRepeats() {
        MoReassembler r = new MoReassembler(Duration.ofMinutes(5));

        assertThat(r.add("+1", "RECADO", new UdhReader.Concat(7, 3, 3), bytes("c"), 0, T0)).isEmpty();
        assertThat(r.add("+1", "RECADO", new UdhReader.Concat(7, 3, 1), bytes("a"), 0, T0)).isEmpty();
        assertThat(r.add("+1", "RECADO", new UdhReader.Concat(7, 3, 1), bytes("a"), 0, T0)).isEmpty();
        List<MoReassembler.Assembled> done = r.add("+1", "RECADO", new UdhReader.Concat(7, 3, 2), bytes("b"), 0, T0);

        assertThat(done).singleElement().satisfies(a -> {
            assertThat(new String(a.payload(), StandardCharsets.US_ASCII)).isEqualTo("abc");
            assertThat(a.complete()).isTrue();
            assertThat(a.from()).isEqualTo("+1");
        });
        assertThat(r.waiting()).isZero();
    }

    @Test
    void aPartDeliveredAgainAfterItsMessageWasWholeIsDropped() {
        MoReassembler r = new MoReassembler(Duration.ofMinutes(5));
        r.add("+1", "R", new UdhReader.Concat(5, 2, 1), bytes("a"), 0, T0);
        assertThat(r.add("+1", "R", new UdhReader.Concat(5, 2, 2), bytes("b"), 0, T0)).hasSize(1);

        assertThat(r.add("+1", "R", new UdhReader.Concat(5, 2, 2), bytes("b"), 0, T0.plusSeconds(10))).isEmpty();
        assertThat(r.waiting()).as("no stray fragment waits to be released").isZero();
        assertThat(r.expire(T0.plus(Duration.ofMinutes(6)))).isEmpty();
        // the same reference later is another message
        r.add("+1", "R", new UdhReader.Concat(5, 2, 1), bytes("c"), 0, T0.plus(Duration.ofMinutes(7)));
        assertThat(r.add("+1", "R", new UdhReader.Concat(5, 2, 2), bytes("d"), 0, T0.plus(Duration.ofMinutes(7))))
                .singleElement().satisfies(a -> assertThat(a.payload()).isEqualTo(bytes("cd")));
    }

    @Test
    void keepsSendersAndReferencesApart() {
        MoReassembler r = new MoReassembler(Duration.ofMinutes(5));

        r.add("+1", "R", new UdhReader.Concat(7, 2, 1), bytes("a"), 0, T0);
        r.add("+2", "R", new UdhReader.Concat(7, 2, 1), bytes("x"), 0, T0);
        r.add("+1", "R", new UdhReader.Concat(8, 2, 1), bytes("m"), 0, T0);

        assertThat(r.waiting()).isEqualTo(3);
        assertThat(r.add("+2", "R", new UdhReader.Concat(7, 2, 2), bytes("y"), 0, T0))
                .singleElement().satisfies(a -> assertThat(a.payload()).isEqualTo(bytes("xy")));
    }

    @Test
    void releasesWhatCameWhenPartsNeverArrive() {
        MoReassembler r = new MoReassembler(Duration.ofMinutes(5));
        r.add("+1", "R", new UdhReader.Concat(9, 3, 1), bytes("STOP"), 0, T0);

        assertThat(r.expire(T0.plus(Duration.ofMinutes(4)))).isEmpty();
        assertThat(r.expire(T0.plus(Duration.ofMinutes(6)))).singleElement().satisfies(a -> {
            assertThat(a.payload()).isEqualTo(bytes("STOP"));
            assertThat(a.complete()).isFalse();
        });
        assertThat(r.waiting()).isZero();
    }

    @Test
    void aMalformedSequencePassesThrough() {
        MoReassembler r = new MoReassembler(Duration.ofMinutes(5));

        assertThat(r.add("+1", "R", new UdhReader.Concat(9, 2, 3), bytes("?"), 0, T0)).singleElement()
                .satisfies(a -> assertThat(a.complete()).isFalse());
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
