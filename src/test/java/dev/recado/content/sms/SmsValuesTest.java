package dev.recado.content.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The value types: wire names, and records holding what was planned whatever the caller does. */
class SmsValuesTest {

    @Test
    void encodingsTravelAsLowerCaseNames() {
        assertThat(SmsEncoding.GSM7).hasToString("gsm7");
        assertThat(SmsEncoding.UCS2).hasToString("ucs2");
    }

    @Test
    void partsCompareByTheirBytes() {
        assertThat(new SmsPart("a", new byte[] {0x61})).isEqualTo(new SmsPart("a", new byte[] {0x61}))
                .hasSameHashCodeAs(new SmsPart("a", new byte[] {0x61}))
                .isNotEqualTo(new SmsPart("a", new byte[] {0x62}));
    }

    @Test
    void partPayloadCannotBeChangedFromOutside() {
        byte[] given = {0x61};
        SmsPart part = new SmsPart("a", given);

        given[0] = 0x7A;
        part.payload()[0] = 0x7A;

        assertThat(part.payload()).containsExactly(0x61);
    }

    @Test
    void planRefusesSegmentsThatDisagreeWithItsParts() {
        List<SmsPart> parts = List.of(new SmsPart("a", new byte[] {0x61}));

        assertThatThrownBy(() -> new SmsPlan("a", SmsEncoding.GSM7, 2, 1, parts, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void multipartIsMoreThanOneSegment() {
        assertThat(SmsEncoder.plan("a".repeat(160), false).multipart()).isFalse();
        assertThat(SmsEncoder.plan("a".repeat(161), false).multipart()).isTrue();
    }
}
