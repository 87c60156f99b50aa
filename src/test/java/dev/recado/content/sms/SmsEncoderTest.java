package dev.recado.content.sms;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SmsEncoderTest {

    private static final String CYRILLIC_ZHE = "\u0436";
    private static final String GRINNING_FACE = "\uD83D\uDE00";

    @ParameterizedTest(name = "{0} septets -> {1} parts")
    @CsvSource({"1, 1", "160, 1", "161, 2", "306, 2", "307, 3", "459, 3", "460, 4"})
    void gsm7PartsAtTheLimits(int length, int segments) {
        SmsPlan plan = SmsEncoder.plan("a".repeat(length), false);

        assertThat(plan.encoding()).isEqualTo(SmsEncoding.GSM7);
        assertThat(plan.units()).isEqualTo(length);
        assertThat(plan.segments()).isEqualTo(segments);
        assertThat(plan.parts()).hasSize(segments);
    }

    @ParameterizedTest(name = "{0} units -> {1} parts")
    @CsvSource({"1, 1", "70, 1", "71, 2", "134, 2", "135, 3", "201, 3", "202, 4"})
    void ucs2PartsAtTheLimits(int length, int segments) {
        SmsPlan plan = SmsEncoder.plan(CYRILLIC_ZHE.repeat(length), false);

        assertThat(plan.encoding()).isEqualTo(SmsEncoding.UCS2);
        assertThat(plan.units()).isEqualTo(length);
        assertThat(plan.segments()).isEqualTo(segments);
    }

    @Test
    void multipartGsm7FillsEachPartTo153() {
        SmsPlan plan = SmsEncoder.plan("a".repeat(161), false);

        assertThat(plan.parts()).extracting(p -> p.text().length()).containsExactly(153, 8);
        assertThat(plan.parts()).extracting(SmsPart::payloadLength).containsExactly(153, 8);
    }

    @Test
    void multipartUcs2FillsEachPartTo67() {
        SmsPlan plan = SmsEncoder.plan(CYRILLIC_ZHE.repeat(135), false);

        assertThat(plan.parts()).extracting(p -> p.text().length()).containsExactly(67, 67, 1);
        assertThat(plan.parts()).extracting(SmsPart::payloadLength).containsExactly(134, 134, 2);
    }

    @Test
    void extensionCharsCountTwoTowardsTheSinglePartLimit() {
        assertThat(SmsEncoder.plan("a".repeat(158) + "\u20AC", false).segments()).isEqualTo(1);

        SmsPlan plan = SmsEncoder.plan("a".repeat(159) + "\u20AC", false);

        assertThat(plan.units()).isEqualTo(161);
        assertThat(plan.segments()).isEqualTo(2);
    }

    @Test
    void extensionCharAtAPartBoundaryMovesWhollyToTheNextPart() {
        // 152 septets leave one free: the euro needs two, so the first part stops one short.
        SmsPlan plan = SmsEncoder.plan("a".repeat(152) + "\u20AC" + "b".repeat(10), false);

        assertThat(plan.parts()).extracting(SmsPart::text)
                .containsExactly("a".repeat(152), "\u20AC" + "b".repeat(10));
        assertThat(plan.parts().get(0).payloadLength()).isEqualTo(152);
        assertThat(plan.parts().get(1).payload()).startsWith((byte) 0x1B, (byte) 0x65);
    }

    @Test
    void extensionCharThatFitsExactlyEndsThePart() {
        SmsPlan plan = SmsEncoder.plan("a".repeat(151) + "[" + "b".repeat(10), false);

        assertThat(plan.parts()).extracting(SmsPart::text)
                .containsExactly("a".repeat(151) + "[", "b".repeat(10));
        assertThat(plan.parts().get(0).payloadLength()).isEqualTo(153);
    }

    @Test
    void surrogatePairAtAPartBoundaryIsNotSplit() {
        SmsPlan plan = SmsEncoder.plan(CYRILLIC_ZHE.repeat(66) + GRINNING_FACE + "xyz", false);

        assertThat(plan.encoding()).isEqualTo(SmsEncoding.UCS2);
        assertThat(plan.units()).isEqualTo(71);
        assertThat(plan.parts()).extracting(SmsPart::text)
                .containsExactly(CYRILLIC_ZHE.repeat(66), GRINNING_FACE + "xyz");
        assertThat(plan.parts().get(1).payload()).startsWith((byte) 0xD8, (byte) 0x3D, (byte) 0xDE, (byte) 0x00);
    }

    @Test
    void emojiFillingTheSinglePartExactlyStaysOnePart() {
        SmsPlan plan = SmsEncoder.plan(CYRILLIC_ZHE.repeat(68) + GRINNING_FACE, false);

        assertThat(plan.units()).isEqualTo(70);
        assertThat(plan.segments()).isEqualTo(1);
    }

    @Test
    void spanishWithEnyeAndEAcuteIsGsm7() {
        SmsPlan plan = SmsEncoder.plan("Ma\u00F1ana en el caf\u00E9, \u00BFvienes?", false);

        assertThat(plan.encoding()).isEqualTo(SmsEncoding.GSM7);
        assertThat(plan.units()).isEqualTo(27);
    }

    @Test
    void spanishWithAAcuteNeedsUcs2() {
        String body = "Ma\u00F1ana est\u00E1 cerrado";

        SmsPlan plan = SmsEncoder.plan(body, true);

        assertThat(plan.encoding()).isEqualTo(SmsEncoding.UCS2);
        assertThat(plan.units()).isEqualTo(body.length());
        assertThat(plan.text()).isEqualTo(body);
        assertThat(SmsEncoder.decode(plan.parts().getFirst().payload(), SmsEncoding.UCS2)).isEqualTo(body);
    }

    @Test
    void emptyBodyIsOneEmptyPart() {
        SmsPlan plan = SmsEncoder.plan("", true);

        assertThat(plan.encoding()).isEqualTo(SmsEncoding.GSM7);
        assertThat(plan.segments()).isEqualTo(1);
        assertThat(plan.units()).isZero();
        assertThat(plan.parts()).containsExactly(new SmsPart("", new byte[0]));
        assertThat(plan.replacements()).isEmpty();
    }

    @Test
    void gsm7PayloadIsUnpackedSeptets() {
        SmsPlan plan = SmsEncoder.plan("@\u00A3A{", false);

        assertThat(plan.parts().getFirst().payload())
                .containsExactly(0x00, 0x01, 0x41, 0x1B, 0x28);
    }

    @Test
    void ucs2PayloadIsUtf16BigEndian() {
        SmsPlan plan = SmsEncoder.plan("\u00E1" + GRINNING_FACE, false);

        assertThat(plan.parts().getFirst().payload())
                .containsExactly(0x00, 0xE1, 0xD8, 0x3D, 0xDE, 0x00);
    }

    @Test
    void partsOfALongMessageJoinBackToTheText() {
        String body = "Reminder: your appointment {ref} is tomorrow. ".repeat(8);

        SmsPlan plan = SmsEncoder.plan(body, false);

        assertThat(plan.units()).isEqualTo(body.length() + 8 * 2);
        assertThat(plan.segments()).isEqualTo(3);
        assertThat(String.join("", plan.parts().stream().map(SmsPart::text).toList())).isEqualTo(body);
    }
}
