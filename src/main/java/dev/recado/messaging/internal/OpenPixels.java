package dev.recado.messaging.internal;

import dev.recado.common.Db;
import dev.recado.common.RecadoProperties;
import dev.recado.common.SecretBox;
import dev.recado.messaging.Content;
import dev.recado.messaging.spi.OutboundMessage;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import java.util.OptionalLong;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The open pixel of marketing HTML emails: a 1x1 image URL per message whose token is the message
 * id with an HMAC tag under the secret key ({@link SecretBox#mac}), so it is unguessable, the same
 * on every node, and needs no row until someone opens the email. An open is recorded in
 * {@code message_opens} (first time, last time, count); the message's status does not change, as
 * image proxies and privacy features fetch pixels nobody looked at.
 */
@Component
class OpenPixels {

    private static final String PURPOSE = "email-open-pixel";
    private static final int TAG_BYTES = 16;

    private final SecretBox secrets;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final String baseUrl;

    OpenPixels(SecretBox secrets, JdbcClient jdbc, Clock clock, RecadoProperties properties) {
        this.secrets = secrets;
        this.jdbc = jdbc;
        this.clock = clock;
        this.baseUrl = properties.baseUrl() == null ? "" : properties.baseUrl().replaceAll("/+$", "");
    }

    /** The message with its pixel URL when it is a marketing email with HTML; unchanged otherwise. */
    OutboundMessage attach(OutboundMessage message) {
        if (!"marketing".equals(message.purpose()) || !(message.content() instanceof Content.Email email)
                || email.html() == null || email.html().isBlank()) {
            return message;
        }
        return message.withOpenPixel(baseUrl + "/o/" + token(message.messageId()) + ".gif");
    }

    String token(long messageId) {
        byte[] id = ByteBuffer.allocate(Long.BYTES).putLong(messageId).array();
        byte[] tag = Arrays.copyOf(secrets.mac(PURPOSE, id), TAG_BYTES);
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(ByteBuffer.allocate(id.length + TAG_BYTES).put(id).put(tag).array());
    }

    /** The message a token names, when its tag is right. */
    OptionalLong messageOf(String token) {
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(token);
        } catch (IllegalArgumentException notBase64) {
            return OptionalLong.empty();
        }
        if (raw.length != Long.BYTES + TAG_BYTES) {
            return OptionalLong.empty();
        }
        byte[] id = Arrays.copyOf(raw, Long.BYTES);
        return secrets.macMatches(PURPOSE, id, Arrays.copyOfRange(raw, Long.BYTES, raw.length))
                ? OptionalLong.of(ByteBuffer.wrap(id).getLong()) : OptionalLong.empty();
    }

    /** Counts an open of an outbound email; false when no such message exists (erased since). */
    @Transactional
    boolean record(long messageId) {
        var now = Db.ts(clock.instant());
        boolean exists = jdbc.sql("select count(*) from messages where id = :id and direction = 'outbound' and channel = 'email'")
                .param("id", messageId).query(Long.class).single() > 0;
        if (!exists) {
            return false;
        }
        if (jdbc.sql("""
                update message_opens set opens = opens + 1, last_opened_at = :now where message_id = :id""")
                .param("now", now).param("id", messageId).update() == 0) {
            jdbc.sql("""
                    insert into message_opens (message_id, first_opened_at, last_opened_at, opens)
                    values (:id, :now, :now, 1) on conflict do nothing""")
                    .param("id", messageId).param("now", now).update();
        }
        return true;
    }
}
