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
 * serializer wrote them. They are written as arrays of values, once for all of an event's
 * listeners; what the registry holds from before (with field names, or without the channel) must
 * still be read after an upgrade.
 */
@RecadoTest
class MessageStatusEventRegistryTest {

    @Autowired
    EventSerializer serializer;

    private static MessageStatusesChanged batch() {
        return new MessageStatusesChanged(List.of(
                new MessageStatusChanged(7, 1001, 3L, 55L, MessageStatus.DELIVERED, null,
                        Instant.parse("2026-11-30T21:30:57.125054Z"), "+34600000001", null, "sms"),
                new MessageStatusChanged(7, 1002, null, 56L, MessageStatus.UNDELIVERED, "smpp_undeliverable",
                        Instant.parse("2026-11-30T21:30:58Z"), "ana@example.com", "https://example.com/cb", "email")));
    }

    @Test
    void statusChangesAreStoredAsArraysOfValuesAndSurviveTheRegistry() {
        var event = batch();
        String json = serializer.serialize(event).toString();

        assertThat(json).doesNotContain("workspace_id", "message_id").contains("[7,1001,3,55,\"delivered\"");
        assertThat(serializer.deserialize(json, MessageStatusesChanged.class)).isEqualTo(event);
    }

    @Test
    void theSameEventIsWrittenOnceForAllItsListeners() {
        var event = batch();
        Object first = serializer.serialize(event);

        assertThat(serializer.serialize(event)).isSameAs(first);
        // remembered is the object, not its value: an equal event is written anew
        assertThat(serializer.serialize(batch())).isNotSameAs(first).isEqualTo(first);
    }

    @Test
    void anEventStoredWithFieldNamesBeforeIsStillRead() {
        String stored = """
                {"changes":[{"workspace_id":7,"message_id":1001,"campaign_id":3,"contact_id":55,"status":"delivered",\
                "error_code":null,"at":"2026-11-30T21:30:57.125054Z","to":"+34600000001","status_callback":null,\
                "channel":"sms"},{"workspace_id":7,"message_id":1002,"campaign_id":null,"contact_id":56,\
                "status":"undelivered","error_code":"smpp_undeliverable","at":"2026-11-30T21:30:58Z",\
                "to":"ana@example.com","status_callback":"https://example.com/cb","channel":"email"}]}""";

        assertThat(serializer.deserialize(stored, MessageStatusesChanged.class)).isEqualTo(batch());
    }

    @Test
    void anEventStoredBeforeItNamedItsChannelIsStillRead() {
        String withNames = """
                {"changes":[{"workspace_id":7,"message_id":42,"campaign_id":null,"contact_id":9,"status":"delivered",\
                "error_code":null,"at":"2026-11-01T10:00:00Z","to":"+34612000001","status_callback":null}]}""";
        String asArray = "{\"changes\":[[7,42,null,9,\"delivered\",null,\"2026-11-01T10:00:00Z\",\"+34612000001\",null]]}";

        for (String stored : List.of(withNames, asArray)) {
            var change = serializer.deserialize(stored, MessageStatusesChanged.class).changes().getFirst();
            assertThat(change.messageId()).isEqualTo(42);
            assertThat(change.workspaceId()).isEqualTo(7);
            assertThat(change.status()).isEqualTo(MessageStatus.DELIVERED);
            assertThat(change.at()).isEqualTo(Instant.parse("2026-11-01T10:00:00Z"));
            assertThat(change.to()).isEqualTo("+34612000001");
            assertThat(change.channel()).isNull();
        }
    }
}
