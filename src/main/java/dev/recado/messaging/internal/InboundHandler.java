package dev.recado.messaging.internal;

import dev.recado.common.PublicId;
import dev.recado.common.SetStatements;
import dev.recado.consent.Channel;
import dev.recado.consent.ConsentManagement;
import dev.recado.consent.KeywordAction;
import dev.recado.contacts.Contact;
import dev.recado.contacts.ContactManagement;
import dev.recado.messaging.InboundReceived;
import dev.recado.messaging.MessageStatus;
import dev.recado.messaging.Content;
import dev.recado.messaging.Enqueued;
import dev.recado.messaging.MessageDraft;
import dev.recado.messaging.Sender;
import dev.recado.messaging.spi.ProviderInbound;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A customer's message: stored (once, even if the provider repeats it), linked to its contact
 * (created if new), keywords applied at once with their confirmation reply, and announced to the
 * inbox and to webhooks. All of it commits before the provider is acknowledged.
 */
@Component
class InboundHandler {

    private static final Logger log = LoggerFactory.getLogger(InboundHandler.class);

    private final ContactManagement contacts;
    private final ConsentManagement consent;
    private final MessageStore messages;
    private final MessageAcceptor acceptor;
    private final WebhookOutbox webhooks;
    private final ApplicationEventPublisher events;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final ServiceWindows windows;
    private final Map<String, Boolean> windowed = new java.util.HashMap<>();
    private final Map<String, dev.recado.messaging.spi.ChannelAdapterFactory> factories = new java.util.HashMap<>();
    // lazily: the tasks use the senders' adapters, whose runtime hands inbound messages to this handler
    private final org.springframework.beans.factory.ObjectProvider<InboundTasks> tasks;

    InboundHandler(ContactManagement contacts, ConsentManagement consent, MessageStore messages,
            MessageAcceptor acceptor, WebhookOutbox webhooks, ApplicationEventPublisher events, JdbcClient jdbc,
            TransactionTemplate tx, Clock clock, ServiceWindows windows,
            List<dev.recado.messaging.spi.ChannelAdapterFactory> factories,
            org.springframework.beans.factory.ObjectProvider<InboundTasks> tasks) {
        this.windows = windows;
        this.tasks = tasks;
        factories.forEach(f -> windowed.put(f.provider(), f.capabilities().freeTextNeedsWindow()));
        factories.forEach(f -> this.factories.put(f.provider(), f));
        this.contacts = contacts;
        this.consent = consent;
        this.messages = messages;
        this.acceptor = acceptor;
        this.webhooks = webhooks;
        this.events = events;
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
    }

    void receive(Sender sender, ProviderInbound inbound) {
        try {
            tx.executeWithoutResult(status -> store(sender, inbound));
            tasks.ifAvailable(InboundTasks::wake);
        } catch (DuplicateKeyException repeated) {
            log.debug("Inbound {} from sender {} was already stored", inbound.providerId(), sender.id());
        } catch (IllegalArgumentException unusable) {
            // acknowledged and dropped: a provider would otherwise resend it forever
            log.warn("Inbound message on sender {} dropped: {}", sender.id(), unusable.getMessage());
        }
    }

    /** Email: the From address finds the contact (created when new); carriers' numbers otherwise. */
    private Contact contactOf(long ws, String channel, String from) {
        if (channel.equals("email")) {
            if (from == null || from.indexOf('@') < 1) {
                throw new IllegalArgumentException("inbound email without a sender address");
            }
            return contacts.findByEmail(ws, from).orElseGet(() -> contacts.create(ws,
                    new dev.recado.contacts.ContactInput(null, from, null, null, null, null, null, null), true).contact());
        }
        return contactOf(ws, from);
    }

    /** Carriers often send the international number without its '+'. */
    private Contact contactOf(long ws, String from) {
        String phone = contacts.normalizePhone(ws, from)
                .or(() -> from != null && from.matches("\\d{8,15}") ? contacts.normalizePhone(ws, "+" + from)
                        : java.util.Optional.empty())
                .orElseThrow(() -> new IllegalArgumentException("inbound from an invalid number: " + from));
        return contacts.findOrCreateByPhone(ws, phone);
    }

    /** By the channel's id of the person when the provider gives one (it may come without a phone). */
    private Contact contactOf(long ws, String channel, ProviderInbound inbound) {
        if (inbound.userId() == null || inbound.userId().isBlank() || inbound.userId().length() > 200) {
            return contactOf(ws, channel, inbound.from());
        }
        String phone = inbound.from() == null ? null : contactOf(ws, inbound.from()).phone();
        return contacts.findOrCreateByChannelId(ws, channel, inbound.userId(), phone);
    }

    /** The nearest of the ids the inbound message answers that names an outbound message of this sender. */
    private Long answered(Sender sender, List<String> answers) {
        if (answers == null || answers.isEmpty()) {
            return null;
        }
        List<String> nearest = answers.subList(0, Math.min(answers.size(), 50));
        Map<String, Long> found = new java.util.HashMap<>();
        jdbc.sql("""
                select p.provider_id, p.message_id from message_parts p join messages m on m.id = p.message_id
                 where p.sender_id = :s and p.provider_id = any(:ids) and m.direction = 'outbound'""")
                .param("s", sender.id()).param("ids", SetStatements.texts(nearest))
                .query(rs -> {
                    found.put(rs.getString(1), rs.getLong(2));
                });
        return nearest.stream().map(found::get).filter(java.util.Objects::nonNull).findFirst().orElse(null);
    }

    private void store(Sender sender, ProviderInbound inbound) {
        long ws = sender.workspaceId();
        Contact contact = contactOf(ws, sender.channel(), inbound);
        String from = sender.channel().equals("email") ? contact.email()
                : contact.phone() != null ? contact.phone() : inbound.userId();
        String text = inbound.text() == null ? "" : inbound.text();
        Content content = inbound.content() != null ? inbound.content() : new Content.Text(text);
        Map<String, Object> metadata = null;
        if (inbound.userId() != null || inbound.profileName() != null) {
            // the provider's id of the person (WhatsApp's business-scoped user id) and the name they show
            metadata = new LinkedHashMap<>();
            if (inbound.userId() != null) {
                metadata.put("provider_user_id", inbound.userId());
            }
            if (inbound.profileName() != null) {
                metadata.put("profile_name", inbound.profileName());
            }
        }
        long id = messages.insert(new MessageStore.NewMessage(ws, contact.id(), sender.id(), "inbound", sender.channel(),
                inbound.to() == null ? "" : inbound.to(), from, content, "transactional", 0,
                MessageStatus.RECEIVED, 1, null, false, BigDecimal.ZERO, "EUR", null, null, null, null, null, metadata,
                null, null, null), clock.instant());
        if (windowed.getOrDefault(sender.provider(), false)) {
            windows.customerWrote(sender.id(), contact.id(), inbound.receivedAt() != null ? inbound.receivedAt() : clock.instant());
        }
        if (inbound.providerId() != null) {
            // the parts table doubles as the dedupe key of what a provider sent us
            jdbc.sql("insert into message_parts (sender_id, provider_id, message_id, part_no, status) values (:s, :p, :m, 1, 'received')")
                    .param("s", sender.id()).param("p", "mo:" + inbound.providerId()).param("m", id).update();
        }
        if (content instanceof Content.Media m && m.url() == null && m.id() != null) {
            InboundTasks.add(jdbc, sender.id(), id, "media", m.id(), clock.instant());
        }
        var factory = factories.get(sender.provider());
        if (inbound.providerId() != null && factory != null && factory.marksRead(sender.settings())) {
            InboundTasks.add(jdbc, sender.id(), id, "read", inbound.providerId(), clock.instant());
        }
        Long answered = answered(sender, inbound.answers());
        if (answered != null) {
            jdbc.sql("insert into message_threads (message_id, answers_message_id) values (:m, :a)")
                    .param("m", id).param("a", answered).update();
        }
        List<WebhookOutbox.Event> announcements = new ArrayList<>();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("message_id", PublicId.of("msg_", id));
        data.put("contact_id", PublicId.of("ct_", contact.id()));
        data.put("channel", sender.channel());
        data.put("from", from);
        if (answered != null) {
            data.put("in_reply_to", PublicId.of("msg_", answered));
        }
        data.put("text", text);
        announcements.add(new WebhookOutbox.Event(ws, "message.inbound", data, null));
        var rule = inbound.command() ? java.util.Optional.<dev.recado.consent.KeywordRule>empty()
                : consent.matchKeyword(ws, text);
        if (rule.isPresent()) {
            var applied = consent.applyKeyword(ws, contact.id(), rule.get(), text,
                    dev.recado.common.WireEnum.parse(Channel.class, sender.channel()).orElse(Channel.SMS));
            if (rule.get().action() == KeywordAction.OPT_OUT) {
                Map<String, Object> optOut = new LinkedHashMap<>();
                optOut.put("contact_id", PublicId.of("ct_", contact.id()));
                optOut.put("keyword", rule.get().keyword());
                optOut.put("channel", rule.get().channel().toString());
                optOut.put("events", applied.size());
                announcements.add(new WebhookOutbox.Event(ws, "contact.opted_out", optOut, null));
            }
            String reply = rule.get().reply();
            if (reply != null && !reply.isBlank()) {
                // the confirmation of an opt-out is the one message an opt-out must not block
                var answer = acceptor.accept(ws, List.of(new MessageDraft(PublicId.of("ct_", contact.id()),
                        sender.channel(), PublicId.of("snd_", sender.id()), new Content.Text(reply), "transactional",
                        null, null, 9, null, null, true, true, null, null, null))).get(0);
                if (answer instanceof Enqueued.Refused refused) {
                    log.warn("Keyword reply to contact {} not sent: {}", contact.id(), refused.code());
                }
            }
        }
        webhooks.enqueue(announcements);
        events.publishEvent(new InboundReceived(ws, id, contact.id(), sender.channel(), text));
    }
}
