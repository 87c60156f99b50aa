package dev.recado.messaging.internal;

import dev.recado.billing.BillingManagement;
import dev.recado.common.ApiException;
import dev.recado.common.FieldProblem;
import dev.recado.common.PublicId;
import dev.recado.consent.Channel;
import dev.recado.consent.ConsentManagement;
import dev.recado.consent.Decision;
import dev.recado.consent.Purpose;
import dev.recado.contacts.Contact;
import dev.recado.contacts.ContactInput;
import dev.recado.contacts.ContactManagement;
import dev.recado.content.sms.SmsEncoder;
import dev.recado.content.sms.SmsPlan;
import dev.recado.messaging.Message;
import dev.recado.messaging.MessageStatus;
import dev.recado.messaging.PriceQuote;
import dev.recado.messaging.SendRequest;
import dev.recado.messaging.Sender;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Accepting a message: every check runs before anything is written or charged (destination,
 * consent, sender, price and balance), then the message row is written in the caller's
 * transaction. The transactional API, inbound replies and (later) campaigns all come through here.
 */
@Component
class MessageAcceptor {

    static final int MAX_BODY = 1600;
    static final int MAX_SEGMENTS = 10;
    static final Duration DEFAULT_VALIDITY = Duration.ofHours(48);
    static final Duration MAX_VALIDITY = Duration.ofDays(7);
    static final Duration MAX_SCHEDULE = Duration.ofDays(365);

    /** What was accepted, with the checks' results the response shows. */
    record Accepted(long id, MessageStatus status, SmsPlan plan, PriceQuote price, Sender sender, Contact contact) {
    }

    private final MessageStore messages;
    private final SenderRepository senders;
    private final ContactManagement contacts;
    private final ConsentManagement consent;
    private final BillingManagement billing;
    private final PriceList prices;
    private final Clock clock;
    private final dev.recado.common.OutboundTargets targets;

    /** The default sender is read on every message; a new default takes effect within seconds. */
    private record CachedSender(Sender sender, Instant loadedAt) {
    }

    private final java.util.Map<Long, CachedSender> defaultSenders = new java.util.concurrent.ConcurrentHashMap<>();

    MessageAcceptor(MessageStore messages, SenderRepository senders, ContactManagement contacts,
            ConsentManagement consent, BillingManagement billing, PriceList prices, Clock clock,
            dev.recado.common.OutboundTargets targets) {
        this.targets = targets;
        this.messages = messages;
        this.senders = senders;
        this.contacts = contacts;
        this.consent = consent;
        this.billing = billing;
        this.prices = prices;
        this.clock = clock;
    }

    /** Call inside a transaction. A repeated idempotency key returns the first message. */
    Message accept(long workspaceId, SendRequest r, String idempotencyKey, Long campaignId) {
        String requestHash = hash(r);
        if (idempotencyKey != null) {
            var existing = messages.findByIdempotencyKey(workspaceId, idempotencyKey);
            if (existing.isPresent()) {
                if (!requestHash.equals(messages.requestHash(existing.get().id()).orElse(""))) {
                    throw ApiException.unprocessable("idempotency_key_reused",
                            "This Idempotency-Key was used for a different message");
                }
                return existing.get();
            }
        }
        Instant now = clock.instant();
        List<FieldProblem> problems = new ArrayList<>();
        String body = r.body();
        if (r.template() != null) {
            problems.add(new FieldProblem("template", "templates are not available yet; send a body"));
        } else if (body == null || body.isBlank()) {
            problems.add(new FieldProblem("body", "is required"));
        } else if (body.length() > MAX_BODY) {
            problems.add(new FieldProblem("body", "must be at most " + MAX_BODY + " characters"));
        }
        if (r.to() == null || r.to().isBlank()) {
            problems.add(new FieldProblem("to", "is required: a contact id, a phone number or an email"));
        }
        String channel = r.channel() == null ? "auto" : r.channel().toLowerCase(Locale.ROOT);
        if (!List.of("auto", "sms", "whatsapp", "email", "rcs", "telegram", "webchat").contains(channel)) {
            problems.add(new FieldProblem("channel", "must be one of [auto, sms, whatsapp, email, rcs, telegram, webchat]"));
        }
        Purpose purpose = Purpose.TRANSACTIONAL;
        if (r.purpose() != null) {
            purpose = dev.recado.common.WireEnum.parse(Purpose.class, r.purpose()).orElse(null);
            if (purpose == null) {
                problems.add(new FieldProblem("purpose", "must be one of [marketing, transactional]"));
            }
        }
        Duration validity = DEFAULT_VALIDITY;
        if (r.validitySeconds() != null) {
            if (r.validitySeconds() < 60 || r.validitySeconds() > MAX_VALIDITY.toSeconds()) {
                problems.add(new FieldProblem("validity_seconds", "must be between 60 and " + MAX_VALIDITY.toSeconds()));
            } else {
                validity = Duration.ofSeconds(r.validitySeconds());
            }
        }
        if (r.sendAt() != null && r.sendAt().isAfter(now.plus(MAX_SCHEDULE))) {
            problems.add(new FieldProblem("send_at", "must be within a year"));
        }
        if (r.priority() != null && (r.priority() < 0 || r.priority() > 9)) {
            problems.add(new FieldProblem("priority", "must be between 0 and 9"));
        }
        if (r.statusCallback() != null && !r.statusCallback().matches("https?://\\S{1,990}")) {
            problems.add(new FieldProblem("status_callback", "must be an http(s) URL"));
        }
        if (r.metadata() != null && MessageStore.JSON.writeValueAsString(r.metadata()).length() > 4096) {
            problems.add(new FieldProblem("metadata", "must be at most 4 KB of JSON"));
        }
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
        if (r.statusCallback() != null) {
            targets.checkUrl("status_callback", r.statusCallback(), workspaceId);
        }
        Contact contact = resolveContact(workspaceId, r.to().strip());
        if (channel.equals("auto")) {
            channel = contact.phone() != null ? "sms" : "email";
        }
        if (!channel.equals("sms")) {
            throw new ApiException(422, "channel_unavailable", "No " + channel + " sender is available yet; use sms");
        }
        if (contact.phone() == null) {
            throw new ApiException(422, "invalid_destination", "The contact has no phone number for sms",
                    List.of(new FieldProblem("to", "has no phone number")), Map.of());
        }
        Decision decision = consent.canSend(workspaceId, contact.id(), Channel.SMS, purpose,
                Boolean.TRUE.equals(r.strictlyNecessary()));
        if (!decision.allowed()) {
            String code = decision.reason().equals(Decision.OPTED_OUT) ? "opted_out"
                    : decision.reason().equals(Decision.CONFIRMATION_PENDING) ? "consent_pending" : "consent_missing";
            throw new ApiException(422, code, "Consent check refused this " + purpose + " message: " + decision.reason());
        }
        Sender sender = resolveSender(workspaceId, r.from());
        SmsPlan plan = SmsEncoder.plan(body, Boolean.TRUE.equals(r.smartEncoding()));
        if (plan.segments() > MAX_SEGMENTS) {
            throw ApiException.invalid("body", "needs " + plan.segments() + " SMS segments; at most " + MAX_SEGMENTS);
        }
        PriceQuote price = prices.quote(workspaceId, "sms", contact.phone(), plan.segments());
        if (!billing.reserve(workspaceId, price.total())) {
            throw new ApiException(422, "insufficient_balance", "The balance does not cover " + price.total() + " "
                    + price.currency() + " for this message; top up first");
        }
        releaseIfRolledBack(workspaceId, price.total());
        Instant sendAt = r.sendAt() != null && r.sendAt().isAfter(now) ? r.sendAt() : null;
        MessageStatus status = sendAt != null ? MessageStatus.SCHEDULED : MessageStatus.QUEUED;
        int priority = r.priority() != null ? r.priority() : purpose == Purpose.TRANSACTIONAL ? 5 : 1;
        Instant validUntil = (sendAt != null ? sendAt : now).plus(validity);
        String from = sender.settings().getOrDefault("source_address", "").toString();
        var message = new MessageStore.NewMessage(workspaceId, contact.id(), sender.id(), "outbound", "sms",
                contact.phone(), from.isEmpty() ? null : from, body, purpose.toString(), priority, status,
                plan.segments(), plan.encoding().toString(), Boolean.TRUE.equals(r.smartEncoding()), price.total(),
                price.currency(), idempotencyKey, requestHash, sendAt, validUntil, r.metadata(), r.statusCallback(),
                campaignId);
        return MessageStore.asWritten(messages.insert(message, now), message, now);
    }

    private Contact resolveContact(long workspaceId, String to) {
        if (to.startsWith("ct_")) {
            return contacts.require(workspaceId, PublicId.parse("ct_", to).orElseThrow(() -> ApiException.notFound("Contact")));
        }
        if (to.contains("@")) {
            return contacts.findByEmail(workspaceId, to).orElseGet(() -> create(workspaceId, new ContactInput(null, to,
                    null, null, null, null, null, null)));
        }
        try {
            return contacts.findOrCreateByPhone(workspaceId, to);
        } catch (ApiException e) {
            if (e.status() == 422) {
                throw new ApiException(422, "invalid_destination", "'" + to + "' is not a valid phone number",
                        List.of(new FieldProblem("to", "is not a valid phone number")), Map.of());
            }
            throw e;
        }
    }

    /** Finds the contact a phone or email belongs to, creating it on first use. */
    private Contact create(long workspaceId, ContactInput input) {
        return contacts.create(workspaceId, input, true).contact();
    }

    private Sender resolveSender(long workspaceId, String from) {
        if (from != null && !from.isBlank()) {
            long id = PublicId.parse("snd_", from.strip()).orElseThrow(() -> new ApiException(422, "sender_not_allowed",
                    "from must be one of this workspace's sender ids (snd_...)",
                    List.of(new FieldProblem("from", "is not a sender of this workspace")), Map.of()));
            Sender sender = senders.find(workspaceId, id).filter(Sender::enabled).orElseThrow(() -> new ApiException(422,
                    "sender_not_allowed", "from is not an enabled sender of this workspace",
                    List.of(new FieldProblem("from", "is not a sender of this workspace")), Map.of()));
            if (!sender.channel().equals("sms")) {
                throw new ApiException(422, "sender_not_allowed", "The sender does not carry sms");
            }
            return sender;
        }
        var cached = defaultSenders.get(workspaceId);
        Instant now = clock.instant();
        if (cached != null && cached.loadedAt().plusSeconds(5).isAfter(now)) {
            return cached.sender();
        }
        Sender sender = senders.findDefault(workspaceId, "sms").orElseThrow(() -> new ApiException(422, "no_sender",
                "This workspace has no sms sender; create one with POST /v1/senders"));
        defaultSenders.put(workspaceId, new CachedSender(sender, now));
        return sender;
    }

    /** A reservation taken in a transaction that then rolls back must not stay held. */
    private void releaseIfRolledBack(long workspaceId, BigDecimal amount) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    if (status != STATUS_COMMITTED) {
                        billing.release(workspaceId, amount);
                    }
                }
            });
        }
    }

    private static String hash(SendRequest r) {
        try {
            var digest = MessageDigest.getInstance("SHA-256")
                    .digest(MessageStore.JSON.writeValueAsString(r).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
