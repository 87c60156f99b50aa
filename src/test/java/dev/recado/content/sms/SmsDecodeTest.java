package dev.recado.content.sms;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Decoding what handsets and SMSCs send in, including bytes our encoder never produces. */
class SmsDecodeTest {

    private static byte[] bytes(int... values) {
        byte[] result = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            result[i] = (byte) values[i];
        }
        return result;
    }

    @Test
    void gsm7SeptetsDecodeToText() {
        assertThat(SmsEncoder.decode(bytes(0x48, 0x69, 0x20, 0x1B, 0x65, 0x35, 0x00), SmsEncoding.GSM7))
                .isEqualTo("Hi \u20AC5@");
    }

    @Test
    void escapeBeforeAnUnassignedCodeShowsTheBasicChar() {
        assertThat(SmsEncoder.decode(bytes(0x1B, 0x41), SmsEncoding.GSM7)).isEqualTo("A");
    }

    @Test
    void doubledEscapeShowsASpace() {
        assertThat(SmsEncoder.decode(bytes(0x61, 0x1B, 0x1B, 0x62), SmsEncoding.GSM7)).isEqualTo("a b");
    }

    @Test
    void trailingEscapeIsDropped() {
        assertThat(SmsEncoder.decode(bytes(0x61, 0x1B), SmsEncoding.GSM7)).isEqualTo("a");
    }

    @Test
    void bytesAboveSevenBitsBecomeReplacementChars() {
        assertThat(SmsEncoder.decode(bytes(0x61, 0x80, 0x1B, 0xFF), SmsEncoding.GSM7)).isEqualTo("a\uFFFD\uFFFD");
    }

    @Test
    void ucs2DecodesSurrogatePairs() {
        assertThat(SmsEncoder.decode(bytes(0x00, 0xE1, 0xD8, 0x3D, 0xDE, 0x00), SmsEncoding.UCS2))
                .isEqualTo("\u00E1\uD83D\uDE00");
    }

    @Test
    void ucs2OddTrailingByteBecomesAReplacementChar() {
        assertThat(SmsEncoder.decode(bytes(0x00, 0x41, 0x00), SmsEncoding.UCS2)).isEqualTo("A\uFFFD");
    }

    @Test
    void loneSurrogateSurvivesTheRoundTrip() {
        String text = "\u0436\uD83D";

        SmsPlan plan = SmsEncoder.plan(text, false);

        assertThat(plan.parts().getFirst().payload()).containsExactly(0x04, 0x36, 0xD8, 0x3D);
        assertThat(SmsEncoder.decode(plan.parts().getFirst().payload(), SmsEncoding.UCS2)).isEqualTo(text);
    }

    @Test
    void emptyPayloadIsEmptyText() {
        assertThat(SmsEncoder.decode(new byte[0], SmsEncoding.GSM7)).isEmpty();
        assertThat(SmsEncoder.decode(new byte[0], SmsEncoding.UCS2)).isEmpty();
    }
}
