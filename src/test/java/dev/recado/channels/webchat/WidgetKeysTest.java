package dev.recado.channels.webchat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recado.common.SecretBox;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class WidgetKeysTest {

    private final WidgetKeys keys = new WidgetKeys(new SecretBox(new byte[32], null));

    @Test
    void everyKeyNamesItsSenderEvenWhenItsTagHasUnderscores() {
        LongStream.rangeClosed(1, 500).forEach(id -> assertThat(keys.senderOf(keys.keyOf(id))).contains(id));
    }

    @Test
    void aKeyWithAnotherSenderOrAChangedTagNamesNone() {
        String key = keys.keyOf(42);
        String tag = key.substring(key.indexOf('_', 3));
        assertThat(keys.senderOf("wk_" + Long.toString(43, 36) + tag)).isEmpty();
        int middle = key.length() - 8;
        char changed = key.charAt(middle) == 'A' ? 'B' : 'A';
        assertThat(keys.senderOf(key.substring(0, middle) + changed + key.substring(middle + 1))).isEmpty();
        assertThat(keys.senderOf("wk_16")).isEmpty();
        assertThat(keys.senderOf(null)).isEmpty();
        assertThat(keys.senderOf("wk_16_%%%")).isEmpty();
    }
}
