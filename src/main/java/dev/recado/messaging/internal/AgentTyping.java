package dev.recado.messaging.internal;

import dev.recado.common.ApiException;
import dev.recado.common.Db;
import dev.recado.messaging.Message;
import dev.recado.messaging.TypingIndicator;
import dev.recado.messaging.spi.ChannelAdapterFactory;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * An agent typing a reply to a customer's message, shown to the customer where the channel can. A
 * conversation here is the sender account and the customer's address on it; its provider is told at
 * most once per {@link #INTERVAL} across all nodes, claimed by a guarded update of its
 * {@code typing_indicators} row (the keystrokes of a console reach whichever node serves them).
 */
@Component
public class AgentTyping {

    private static final Logger log = LoggerFactory.getLogger(AgentTyping.class);
    /** Telegram shows typing for 5 s and WhatsApp for 25 s: one call per 5 s keeps it on while an agent types. */
    static final Duration INTERVAL = Duration.ofSeconds(5);

    private final MessagingFacade messages;
    private final SenderRepository senders;
    private final SenderRuntime runtime;
    private final JdbcClient jdbc;
    private final Clock clock;

    AgentTyping(MessagingFacade messages, SenderRepository senders, SenderRuntime runtime, JdbcClient jdbc, Clock clock) {
        this.messages = messages;
        this.senders = senders;
        this.runtime = runtime;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The agent of {@code workspaceId} is typing a reply to inbound message {@code messageId}. Blocking. */
    public TypingIndicator typing(long workspaceId, long messageId) {
        Message message = messages.find(workspaceId, messageId).orElseThrow(() -> ApiException.notFound("Message"));
        if (!"inbound".equals(message.direction())) {
            throw ApiException.invalid("id", "must be a message the customer sent: agents type replies to them");
        }
        var sender = message.senderId() == null ? null : senders.find(workspaceId, message.senderId()).orElse(null);
        var factory = sender == null ? null : runtime.factory(sender.provider()).orElse(null);
        if (factory == null || !factory.capabilities().typingIndicator()) {
            return TypingIndicator.UNSUPPORTED;
        }
        String address = addressOf(message, factory);
        if (address == null || address.length() > 320) {
            return TypingIndicator.UNSUPPORTED;
        }
        if (!claim(sender.id(), address, clock.instant())) {
            return TypingIndicator.THROTTLED;
        }
        var adapter = runtime.adapter(sender.id());
        if (adapter.isEmpty()) {
            return TypingIndicator.FAILED;
        }
        try {
            adapter.get().typing(inboundProviderId(message), address);
            return TypingIndicator.SHOWN;
        } catch (IOException | RuntimeException e) {
            log.info("Sender {}: typing indicator for message {} not shown: {}", sender.id(), messageId, e.toString());
            return TypingIndicator.FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return TypingIndicator.FAILED;
        }
    }

    /**
     * The customer's address on the channel: their phone where the channel is addressed by phone, else
     * the provider's id of them (a Telegram chat, a web chat visitor), which the message's {@code from}
     * is not once the contact has a phone.
     */
    private static String addressOf(Message message, ChannelAdapterFactory factory) {
        if ("phone".equals(factory.capabilities().destination())) {
            return message.from();
        }
        return message.metadata().get("provider_user_id") instanceof String id ? id : null;
    }

    /**
     * The provider's id of the customer's message (WhatsApp types on it): the message's own
     * provider id, which for an inbound message is its dedupe key {@code mo:<id>} (InboundHandler).
     */
    private static String inboundProviderId(Message message) {
        String id = message.providerId();
        return id != null && id.startsWith("mo:") ? id.substring(3) : null;
    }

    /** Whether this call may tell the provider: the conversation's row was older than the interval, or new. */
    private boolean claim(long senderId, String address, Instant now) {
        int won = jdbc.sql("""
                update typing_indicators set sent_at = :now
                 where sender_id = :s and address = :a and sent_at <= :due""")
                .param("now", Db.ts(now)).param("s", senderId).param("a", address).param("due", Db.ts(now.minus(INTERVAL)))
                .update();
        if (won == 1) {
            return true;
        }
        try {
            return jdbc.sql("insert into typing_indicators (sender_id, address, sent_at) values (:s, :a, :now)")
                    .param("s", senderId).param("a", address).param("now", Db.ts(now)).update() == 1;
        } catch (DuplicateKeyException recent) {
            return false;
        }
    }
}
