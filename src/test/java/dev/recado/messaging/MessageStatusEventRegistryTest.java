package dev.recado.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recado.support.RecadoTest;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.modulith.events.core.EventSerializer;

/**
 * Status events wait in the publication registry (event_publication) as the application's event
 * serializer wrote them; those written before the event named its channel must still be read
 * after an upgrade, their channel unknown, and the new field must survive the round trip.
 */
@RecadoTest
class MessageStatusEventRegistryTest {

    @Autowired
    EventSerializer serializer;

    @Test
    void anEventStoredBeforeItNamedItsChannelIsStillRead() {
        var event = new MessageStatusesChanged(List.of(new MessageStatusChanged(7, 42, null, 9L, MessageStatus.DELIVERED,
                null, Instant.parse("2026-11-01T10:00:00Z"), "+34612000001", null, "sms")));
        String stored = serializer.serialize(event).toString();
        // the same event as the registry stored it before the channel was added
        String before = stored.replaceAll(",?\\s*\"channel\"\\s*:\\s*\"sms\"", "");
        assertThat(before).isNotEqualTo(stored).doesNotContain("channel");

        var change = serializer.deserialize(before, MessageStatusesChanged.class).changes().getFirst();

        assertThat(change.messageId()).isEqualTo(42);
        assertThat(change.workspaceId()).isEqualTo(7);
        assertThat(change.status()).isEqualTo(MessageStatus.DELIVERED);
        assertThat(change.at()).isEqualTo(Instant.parse("2026-11-01T10:00:00Z"));
        assertThat(change.to()).isEqualTo("+34612000001");
        assertThat(change.channel()).isNull();
    }

    @Test
    void theChannelSurvivesTheRegistry() {
        var event = new MessageStatusesChanged(List.of(new MessageStatusChanged(7, 43, null, 9L, MessageStatus.SENT, null,
                Instant.parse("2026-11-01T10:00:00Z"), "ana@example.com", null, "email")));

        Object stored = serializer.serialize(event);

        assertThat(serializer.deserialize(stored, MessageStatusesChanged.class)).isEqualTo(event);
    }
}
