package dev.recado.content.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class UdhTest {

    @Test
    void concatenationHeaderIsSixBytes() {
        assertThat(Udh.concat8bit(0xA7, 3, 2)).containsExactly(0x05, 0x00, 0x03, 0xA7, 0x03, 0x02);
    }

    @Test
    void extremeValuesAreAccepted() {
        assertThat(Udh.concat8bit(0, 1, 1)).containsExactly(0x05, 0x00, 0x03, 0x00, 0x01, 0x01);
        assertThat(Udh.concat8bit(255, 255, 255)).containsExactly(0x05, 0x00, 0x03, 0xFF, 0xFF, 0xFF);
    }

    @Test
    void outOfRangeValuesAreRefused() {
        assertThatThrownBy(() -> Udh.concat8bit(256, 2, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("reference");
        assertThatThrownBy(() -> Udh.concat8bit(-1, 2, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Udh.concat8bit(1, 0, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("total");
        assertThatThrownBy(() -> Udh.concat8bit(1, 256, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Udh.concat8bit(1, 2, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sequence");
        assertThatThrownBy(() -> Udh.concat8bit(1, 2, 3)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void prependPutsTheHeaderBeforeThePayload() {
        SmsPlan plan = SmsEncoder.plan("a".repeat(153) + "bc" + "d".repeat(6), false);

        byte[] second = Udh.prepend(Udh.concat8bit(9, 2, 2), plan.parts().get(1).payload());

        assertThat(second).containsExactly(0x05, 0x00, 0x03, 0x09, 0x02, 0x02, 0x62, 0x63, 0x64, 0x64, 0x64, 0x64, 0x64, 0x64);
    }

    @Test
    void prependToAnEmptyPayloadIsTheHeader() {
        assertThat(Udh.prepend(new byte[] {1, 2}, new byte[0])).containsExactly(1, 2);
    }
}
