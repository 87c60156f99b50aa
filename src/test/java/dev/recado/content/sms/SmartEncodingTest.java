package dev.recado.content.sms;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SmartEncodingTest {

    @Test
    void curlyQuotesDashesAndEllipsisBecomeGsm7() {
        SmsPlan plan = SmsEncoder.plan("It\u2019s \u201Cfine\u201D \u2013 really\u2026", true);

        assertThat(plan.encoding()).isEqualTo(SmsEncoding.GSM7);
        assertThat(plan.text()).isEqualTo("It's \"fine\" - really...");
        assertThat(plan.units()).isEqualTo(23);
        assertThat(plan.replacements()).containsExactly(
                "\u2019 \u2192 '", "\u201C \u2192 \"", "\u201D \u2192 \"", "\u2013 \u2192 -", "\u2026 \u2192 ...");
        assertThat(SmsEncoder.decode(plan.parts().getFirst().payload(), SmsEncoding.GSM7))
                .isEqualTo(plan.text());
    }

    @Test
    void eachKindIsNotedOnceInOrderOfFirstUse() {
        SmsPlan plan = SmsEncoder.plan("\u2018a\u2019 \u2018b\u2019 \u2014 \u2014", true);

        assertThat(plan.text()).isEqualTo("'a' 'b' - -");
        assertThat(plan.replacements()).containsExactly("\u2018 \u2192 '", "\u2019 \u2192 '", "\u2014 \u2192 -");
    }

    @Test
    void guillemetsLowQuotesAndMinusSign() {
        SmsPlan plan = SmsEncoder.plan("\u00ABHola\u00BB \u201Ehallo\u201C \u201Aja\u201B 5\u22123", true);

        assertThat(plan.encoding()).isEqualTo(SmsEncoding.GSM7);
        assertThat(plan.text()).isEqualTo("\"Hola\" \"hallo\" 'ja' 5-3");
    }

    @Test
    void unicodeSpacesBecomePlainSpacesWithNamedNotes() {
        SmsPlan plan = SmsEncoder.plan("10\u00A0km in\u202F5\u2009min\u3000ok", true);

        assertThat(plan.encoding()).isEqualTo(SmsEncoding.GSM7);
        assertThat(plan.text()).isEqualTo("10 km in 5 min ok");
        assertThat(plan.replacements()).containsExactly("no-break space \u2192 space",
                "narrow no-break space \u2192 space", "U+2009 space \u2192 space", "ideographic space \u2192 space");
    }

    @Test
    void textThatStaysUcs2BecauseOfAnEmojiIsLeftUnswapped() {
        String body = "It\u2019s here \u2013 \uD83D\uDE00";

        SmsPlan plan = SmsEncoder.plan(body, true);

        assertThat(plan.encoding()).isEqualTo(SmsEncoding.UCS2);
        assertThat(plan.text()).isEqualTo(body);
        assertThat(plan.units()).isEqualTo(body.length());
        assertThat(plan.replacements()).isEmpty();
    }

    @Test
    void accentedLettersAreNeverSwappedSoTheTextStaysUcs2() {
        String body = "\u201CMam\u00E1\u201D";

        SmsPlan plan = SmsEncoder.plan(body, true);

        assertThat(plan.encoding()).isEqualTo(SmsEncoding.UCS2);
        assertThat(plan.text()).isEqualTo(body);
        assertThat(plan.replacements()).isEmpty();
    }

    @Test
    void withoutSmartEncodingCurlyQuotesForceUcs2() {
        String body = "It\u2019s fine";

        SmsPlan plan = SmsEncoder.plan(body, false);

        assertThat(plan.encoding()).isEqualTo(SmsEncoding.UCS2);
        assertThat(plan.text()).isEqualTo(body);
        assertThat(plan.replacements()).isEmpty();
    }

    @Test
    void gsm7TextIsUntouched() {
        String body = "Plain 'ASCII' text - with {braces} and \u20AC5";

        SmsPlan plan = SmsEncoder.plan(body, true);

        assertThat(plan.text()).isEqualTo(body);
        assertThat(plan.replacements()).isEmpty();
    }

    @Test
    void ellipsisCanPushTheTextIntoASecondPart() {
        // 158 chars plus "…" is 159 chars but 161 septets once the ellipsis becomes three dots.
        SmsPlan plan = SmsEncoder.plan("a".repeat(158) + "\u2026", true);

        assertThat(plan.encoding()).isEqualTo(SmsEncoding.GSM7);
        assertThat(plan.units()).isEqualTo(161);
        assertThat(plan.segments()).isEqualTo(2);
    }

    @Test
    void modifierCircumflexAndTildeBecomeExtensionChars() {
        SmsPlan plan = SmsEncoder.plan("2\u02C63 \u02DC5", true);

        assertThat(plan.text()).isEqualTo("2^3 ~5");
        assertThat(plan.units()).isEqualTo(8);
    }
}
