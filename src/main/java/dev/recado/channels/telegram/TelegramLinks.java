package dev.recado.channels.telegram;

import dev.recado.channels.telegram.internal.TelegramWebhooks;
import dev.recado.common.Db;
import dev.recado.contacts.ContactManagement;
import dev.recado.messaging.spi.SenderConfig;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Deep links ({@code t.me/<bot>?start=<token>}) that tie a chat to a known contact: a token of 192
 * random bits, kept only as its SHA-256, good once and for {@link #VALID}. The chat that sends
 * {@code /start <token>} becomes that contact's telegram id.
 */
@Component
public class TelegramLinks implements TelegramWebhooks.DeepLinks {

    public static final Duration VALID = Duration.ofDays(7);
    private static final Logger log = LoggerFactory.getLogger(TelegramLinks.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final ContactManagement contacts;
    private final TransactionTemplate tx;
    private final Clock clock;

    TelegramLinks(JdbcClient jdbc, ContactManagement contacts, TransactionTemplate tx, Clock clock) {
        this.jdbc = jdbc;
        this.contacts = contacts;
        this.tx = tx;
        this.clock = clock;
    }

    /** A new token for the contact (which must exist), as the start parameter of a deep link. */
    public String mint(long workspaceId, long contactId) {
        contacts.require(workspaceId, contactId);
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        // 32 characters of A-Z a-z 0-9 _ -, what Telegram allows in a start parameter (at most 64)
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = clock.instant();
        jdbc.sql("""
                insert into telegram_link_tokens (token_hash, workspace_id, contact_id, created_at, expires_at)
                values (:hash, :ws, :contact, :now, :expires)""")
                .param("hash", hash(token)).param("ws", workspaceId).param("contact", contactId)
                .param("now", Db.ts(now)).param("expires", Db.ts(now.plus(VALID))).update();
        return token;
    }

    @Override
    public void redeem(SenderConfig sender, String token, String chatId) {
        if (!token.matches("[A-Za-z0-9_-]{1,64}") || chatId.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        tx.executeWithoutResult(status -> {
            String hash = hash(token);
            int taken = jdbc.sql("""
                    update telegram_link_tokens set used_at = :now
                     where token_hash = :hash and workspace_id = :ws and used_at is null and expires_at > :now""")
                    .param("now", Db.ts(now)).param("hash", hash).param("ws", sender.workspaceId()).update();
            if (taken == 0) {
                log.info("Sender {}: a /start token that is unknown, used or expired; the chat stays its own contact",
                        sender.senderId());
                return;
            }
            long contact = jdbc.sql("select contact_id from telegram_link_tokens where token_hash = :hash")
                    .param("hash", hash).query(Long.class).single();
            contacts.linkChannelId(sender.workspaceId(), contact, "telegram", chatId);
        });
    }

    private static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
