package dev.recado.campaigns.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recado.content.sms.SmsEncoder;
import dev.recado.content.sms.SmsEncoding;
import org.junit.jupiter.api.Test;

class OptOutFooterTest {

    @Test
    void aSpanishBodyThatSmartEncodingMakesGsm7KeepsOneGsm7SegmentWithTheFooter() {
        // the typographic apostrophe and dash are swapped at send time; "más" would undo that
        String sent = OptOutFooter.apply("Hola Ana – 2x1 hoy en ‘La Tienda’", "es");

        assertThat(sent).endsWith("\nResponde BAJA para no recibir mas mensajes");
        var plan = SmsEncoder.plan(sent, true);
        assertThat(plan.encoding()).isEqualTo(SmsEncoding.GSM7);
        assertThat(plan.segments()).isEqualTo(1);
    }

    @Test
    void aBodyThatIsUcs2AnywayKeepsTheAccent() {
        String sent = OptOutFooter.apply("Hola Lucía, 2x1 hoy", "es-ES");

        assertThat(sent).endsWith("\nResponde BAJA para no recibir más mensajes");
    }

    @Test
    void aBodyNamingAnOptOutKeywordGetsNoFooter() {
        assertThat(OptOutFooter.apply("2x1 hoy. Baja: responde BAJA", "es")).isEqualTo("2x1 hoy. Baja: responde BAJA");
        assertThat(OptOutFooter.apply("Sale today", "en")).isEqualTo("Sale today\nReply STOP to opt out");
    }
}
