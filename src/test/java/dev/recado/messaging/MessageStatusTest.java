package dev.recado.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;

/** Every pair of statuses: the engine only ever moves forward. */
class MessageStatusTest {

    @Test
    void transitionsAreMonotonic() {
        for (MessageStatus from : MessageStatus.values()) {
            for (MessageStatus to : MessageStatus.values()) {
                boolean allowed = from.canBecome(to);
                if (from.terminal() || from == to) {
                    assertThat(allowed).as("%s -> %s", from, to).isFalse();
                }
                if (from == MessageStatus.DELIVERED) {
                    assertThat(allowed).as("%s -> %s", from, to).isEqualTo(to == MessageStatus.READ);
                }
            }
        }
        assertThat(MessageStatus.READ.canBecome(MessageStatus.DELIVERED)).isFalse();
        assertThat(MessageStatus.SENT.canBecome(MessageStatus.DELIVERED)).isTrue();
        assertThat(MessageStatus.SENT.canBecome(MessageStatus.READ)).isTrue();
        assertThat(MessageStatus.SENT.canBecome(MessageStatus.UNDELIVERED)).isTrue();
        assertThat(MessageStatus.SENDING.canBecome(MessageStatus.QUEUED)).isTrue();
        assertThat(MessageStatus.SENT.canBecome(MessageStatus.QUEUED)).isFalse();
        assertThat(MessageStatus.QUEUED.canBecome(MessageStatus.SCHEDULED)).isFalse();
        assertThat(MessageStatus.QUEUED.canBecome(MessageStatus.CANCELED)).isTrue();
        var cancelable = EnumSet.noneOf(MessageStatus.class);
        for (MessageStatus s : MessageStatus.values()) {
            if (s.cancelable()) {
                cancelable.add(s);
            }
        }
        assertThat(cancelable).containsExactlyInAnyOrder(MessageStatus.ACCEPTED, MessageStatus.SCHEDULED, MessageStatus.QUEUED);
    }
}
