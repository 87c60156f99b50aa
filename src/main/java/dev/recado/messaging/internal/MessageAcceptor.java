package dev.recado.messaging.internal;

import dev.recado.billing.BillingManagement;
import dev.recado.common.FieldProblem;
import dev.recado.common.WireEnum;
import dev.recado.consent.Channel;
import dev.recado.consent.ConsentManagement;
import dev.recado.consent.Decision;
import dev.recado.consent.Purpose;
import dev.recado.contacts.Contact;
import dev.recado.contacts.ContactResolver;
import dev.recado.messaging.Enqueued;
import dev.recado.messaging.Message;
import dev.recado.messaging.MessageDraft;
import dev.recado.messaging.MessageStatus;
import dev.recado.messaging.PriceQuote;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Accepting messages, many at once, in the caller's transaction: every draft gets its own answer
 * (accepted, or refused with a stable code), and a refusal is an answer, not an exception. The
 * database work is done for the whole batch: one lookup of repeats, one per kind of destination,
 * one of consent histories, one locked read of the balance, one batch insert with ids from one
 * reserved block. The API (single and batch), inbound replies and campaigns all come through here.
 */
@Component
class MessageAcceptor {

    private final MessageStore messages;
    private final SenderRoutes routes;
    private final ContactResolver contacts;
    private final ConsentManagement consent;
    private final BillingManagement billing;
    private final PriceList prices;
    private final Clock clock;
    private final dev.recado.common.OutboundTargets targets;
    private final ChannelGates channelGates;
    private final MarketingGate gate;
    private final dev.recado.contacts.ContactManagement people;
    private final RouteRecorder routeRecorder;
    private final DestinationRoutes destinationRoutes;
    private final TemplatedContent templated;
    /** Channels that name people by their own ids (a Telegram chat id) rather than a phone or email. */
    private final Set<String> ownIds = new HashSet<>();

    MessageAcceptor(MessageStore messages, SenderRoutes routes, ContactResolver contacts, ConsentManagement consent,
            BillingManagement billing, PriceList prices, Clock clock, dev.recado.common.OutboundTargets targets,
            ChannelGates channelGates, MarketingGate gate, dev.recado.contacts.ContactManagement people,
            List<dev.recado.messaging.spi.ChannelAdapterFactory> factories, RouteRecorder routeRecorder,
            DestinationRoutes destinationRoutes, TemplatedContent templated) {
        this.templated = templated;
        this.destinationRoutes = destinationRoutes;
        this.routeRecorder = routeRecorder;
        this.channelGates = channelGates;
        this.people = people;
        factories.stream().filter(f -> !f.capabilities().destination().equals("phone")
                && !f.capabilities().destination().equals("email")).forEach(f -> ownIds.add(f.channel()));
        this.targets = targets;
        this.gate = gate;
        this.messages = messages;
        this.routes = routes;
        this.contacts = contacts;
        this.consent = consent;
        this.billing = billing;
        this.prices = prices;
        this.clock = clock;
    }

    /** The balance changed between planning and confirming an unlocked reservation: accept again, locked. */
    static final class BalanceRaced extends RuntimeException {
        BalanceRaced() {
            super("the balance changed while accepting", null, false, false);
        }
    }

    /** Call inside a transaction; answers in draft order. */
    List<Enqueued> accept(long workspaceId, List<MessageDraft> drafts) {
        return accept(workspaceId, drafts, true);
    }

    /**
     * With {@code lockBalance} false the balance is read without a lock and the reservation is the
     * transaction's last write, so concurrent batches of one workspace overlap; if the money went to
     * another batch meanwhile, {@link BalanceRaced} asks the caller to roll back and accept again locked.
     */
    List<Enqueued> accept(long workspaceId, List<MessageDraft> drafts, boolean lockBalance) {
        Instant now = clock.instant();
        Enqueued[] results = new Enqueued[drafts.size()];
        Map<Integer, Integer> sameAs = new HashMap<>();
        List<AcceptanceItem> items = new ArrayList<>();
        answerRepeats(workspaceId, drafts, results, sameAs, items);
        items.removeIf(item -> refuse(results, item, checkAlone(workspaceId, item, now)));
        templated.refuseUnknown(workspaceId, items, results);
        List<AcceptanceItem> routed = RouteChooser.split(items, results);
        checkChannel(workspaceId, items, results, now);
        if (!routed.isEmpty()) {
            items.addAll(RouteChooser.choose(routed, results, (some, answers) -> checkChannel(workspaceId, some, answers, now),
                    (item, channel) -> offered(workspaceId, item, channel)));
        }
        var capped = applyMarketingRules(workspaceId, items, results, now);
        BigDecimal reserved = reserve(workspaceId, items, results, lockBalance);
        if (capped != null) {
            gate.record(capped, items.stream().filter(i -> i.marketing != null).map(i -> i.marketing).toList(), now);
        }
        write(workspaceId, items, results, now);
        if (!routed.isEmpty()) {
            routeRecorder.record(workspaceId, routed, results, now);
        }
        if (!billing.confirm(workspaceId, reserved)) {
            throw new BalanceRaced();
        }
        sameAs.forEach((repeat, first) -> results[repeat] = results[first] instanceof Enqueued.Accepted a
                ? new Enqueued.Accepted(a.message(), true) : results[first]);
        return List.of(results);
    }

    /** Everything that depends on the item's channel, in the order the send path documents. */
    private void checkChannel(long workspaceId, List<AcceptanceItem> items, Enqueued[] results, Instant now) {
        resolveDestinations(workspaceId, items, results);
        templated.render(workspaceId, items, results);
        channelGates.refuseUndeliverable(workspaceId, items, results);
        checkConsent(workspaceId, items, results);
        channelGates.checkWindows(items, results, now);
        channelGates.checkTemplates(items, results);
        planAndPrice(workspaceId, items, results);
    }

    /**
     * A draft whose idempotency key or client reference was used before answers the first message
     * (or is refused when its content differs); a repeat within the batch answers like its first.
     */
    private void answerRepeats(long workspaceId, List<MessageDraft> drafts, Enqueued[] results,
            Map<Integer, Integer> sameAs, List<AcceptanceItem> items) {
        Set<String> keys = new HashSet<>();
        Set<String> refs = new HashSet<>();
        drafts.forEach(d -> {
            if (d.idempotencyKey() != null) {
                keys.add(d.idempotencyKey());
            }
            if (d.clientRef() != null) {
                refs.add(d.clientRef());
            }
        });
        Map<String, MessageStore.Repeat> byKey = new HashMap<>();
        Map<String, MessageStore.Repeat> byRef = new HashMap<>();
        for (var repeat : messages.findRepeats(workspaceId, keys, refs)) {
            if (repeat.idempotencyKey() != null) {
                byKey.put(repeat.idempotencyKey(), repeat);
            }
            if (repeat.clientRef() != null) {
                byRef.put(repeat.clientRef(), repeat);
            }
        }
        Map<String, Integer> firstOfKey = new HashMap<>();
        Map<String, Integer> firstOfRef = new HashMap<>();
        for (int i = 0; i < drafts.size(); i++) {
            MessageDraft d = drafts.get(i);
            // only a draft that can be repeated needs its fingerprint
            String hash = d.idempotencyKey() != null || d.clientRef() != null ? hash(d) : null;
            var earlier = d.idempotencyKey() != null ? byKey.get(d.idempotencyKey())
                    : d.clientRef() != null ? byRef.get(d.clientRef()) : null;
            if (earlier != null) {
                results[i] = hash.equals(earlier.requestHash()) ? new Enqueued.Accepted(earlier.message(), true)
                        : Enqueued.Refused.of(d.idempotencyKey() != null ? "idempotency_key_reused" : "client_ref_reused",
                                "This reference was used for a different message");
                continue;
            }
            Integer first = d.idempotencyKey() != null ? firstOfKey.putIfAbsent(d.idempotencyKey(), i)
                    : d.clientRef() != null ? firstOfRef.putIfAbsent(d.clientRef(), i) : null;
            if (first != null) {
                sameAs.put(i, first);
                continue;
            }
            items.add(new AcceptanceItem(i, d, hash));
        }
    }

    private List<FieldProblem> checkAlone(long workspaceId, AcceptanceItem item, Instant now) {
        var problems = DraftRules.check(item.draft, now);
        if (problems.isEmpty() && item.draft.statusCallback() != null) {
            try {
                targets.checkUrl("status_callback", item.draft.statusCallback(), workspaceId);
            } catch (dev.recado.common.ApiException refused) {
                // a private callback target is refused with its own code, like every refusal here
                problems = refused.errors();
                item.refusalCode = refused.code();
            }
        }
        if (problems.isEmpty()) {
            String channel = item.draft.channel() == null ? "auto" : item.draft.channel().toLowerCase(Locale.ROOT);
            item.channel = channel;
            item.purpose = item.draft.purpose() == null ? Purpose.TRANSACTIONAL
                    : WireEnum.parse(Purpose.class, item.draft.purpose()).orElseThrow();
        }
        return problems;
    }

    private void resolveDestinations(long workspaceId, List<AcceptanceItem> items, Enqueued[] results) {
        var resolved = contacts.resolve(workspaceId, items.stream().filter(i -> !byOwnId(i))
                .map(i -> i.draft.to().strip()).toList());
        items.removeIf(item -> {
            String to = item.draft.to().strip();
            if (byOwnId(item)) {
                if (!to.matches("-?[0-9]{1,20}")) {
                    results[item.index] = Enqueued.Refused.field("invalid_destination", "to",
                            "must be a contact id or a " + item.channel + " chat id");
                    return true;
                }
                // a chat id not seen before becomes a contact known by that id alone
                item.contact = people.findOrCreateByChannelId(workspaceId, item.channel, to, null);
            } else {
                var r = resolved.get(to);
                if (!r.resolved()) {
                    results[item.index] = Enqueued.Refused.field(
                            r.code().equals("contact_not_found") ? "invalid_destination" : r.code(), "to", r.problem());
                    return true;
                }
                item.contact = r.contact();
                item.newContact = r.created();
            }
            if (item.channel.equals("auto")) {
                item.channel = item.contact.phone() != null ? "sms" : "email";
            }
            var choice = routes.choose(workspaceId, item.channel, item.draft.from());
            if (choice.refusal() != null) {
                results[item.index] = choice.refusal();
                return true;
            }
            item.sender = choice;
            String kind = choice.capabilities().destination();
            item.destination = kind.equals("phone") ? item.contact.phone()
                    : kind.equals("email") ? item.contact.email()
                    : byOwnId(item) ? to : people.channelIdOf(workspaceId, item.contact.id(), item.channel).orElse(null);
            if (item.destination == null) {
                results[item.index] = Enqueued.Refused.field("invalid_destination", "to",
                        "has no " + kind + " for " + item.channel);
                return true;
            }
            if (item.draft.from() == null) {
                item.sender = destinationRoutes.pick(workspaceId, choice, item.destination);
            }
            return false;
        });
    }

    /**
     * A channel {@code cheapest} prices when the draft names none: one with a sender, and of the
     * channels that name people by their own ids only for a contact id (a bare number is a phone).
     */
    private boolean offered(long workspaceId, AcceptanceItem item, String channel) {
        return routes.choose(workspaceId, channel, null).refusal() == null
                && (!ownIds.contains(channel) || item.draft.to().strip().startsWith("ct_"));
    }

    /** {@code to} is the channel's own id of a person, not a contact id, phone or email. */
    private boolean byOwnId(AcceptanceItem item) {
        return ownIds.contains(item.channel) && !item.draft.to().strip().startsWith("ct_");
    }

    /** One decision query per (channel, purpose, strictly necessary) group; usually one for a batch. */
    private void checkConsent(long workspaceId, List<AcceptanceItem> items, Enqueued[] results) {
        Map<String, List<AcceptanceItem>> groups = new HashMap<>();
        items.forEach(i -> groups.computeIfAbsent(i.channel + "/" + i.purpose + "/" + i.draft.strictlyNecessary(),
                k -> new ArrayList<>()).add(i));
        Set<AcceptanceItem> refused = new HashSet<>();
        groups.values().forEach(group -> {
            AcceptanceItem first = group.get(0);
            var decisions = consent.canSendAll(workspaceId, group.stream().map(i -> i.contact.id()).toList(),
                    group.stream().filter(i -> i.newContact).map(i -> i.contact.id()).toList(),
                    WireEnum.parse(Channel.class, first.channel).orElseThrow(), first.purpose,
                    first.draft.strictlyNecessary());
            for (AcceptanceItem item : group) {
                Decision decision = decisions.get(item.contact.id());
                if (!decision.allowed()) {
                    String code = decision.reason().equals(Decision.OPTED_OUT) ? "opted_out"
                            : decision.reason().equals(Decision.CONFIRMATION_PENDING) ? "consent_pending"
                            : "consent_missing";
                    results[item.index] = Enqueued.Refused.of(code, "Consent check refused this " + item.purpose
                            + " message: " + decision.reason());
                    refused.add(item);
                }
            }
        });
        items.removeAll(refused);
    }

    private void planAndPrice(long workspaceId, List<AcceptanceItem> items, Enqueued[] results) {
        items.removeIf(item -> {
            var plan = routes.plan(item.sender, item.content, item.draft.smartEncoding());
            if (!plan.problems().isEmpty()) {
                results[item.index] = new Enqueued.Refused("validation_failed", plan.problems().get(0).field() + " "
                        + plan.problems().get(0).message(), plan.problems());
                return true;
            }
            item.plan = plan;
            item.price = prices.quote(workspaceId, PriceList.priceChannel(item.channel, item.sender.capabilities(),
                    item.content, item.templateCategory, item.windowOpen), item.destination, plan.units());
            return false;
        });
    }

    /** Marketing items go through the workspace's quiet hours and frequency cap; capped ones are refused. */
    private MarketingGate.Pending applyMarketingRules(long workspaceId, List<AcceptanceItem> items, Enqueued[] results,
            Instant now) {
        List<AcceptanceItem> marketing = new ArrayList<>();
        for (AcceptanceItem item : items) {
            item.sendAt = item.draft.sendAt() != null && item.draft.sendAt().isAfter(now) ? item.draft.sendAt() : null;
            if (item.purpose == Purpose.MARKETING) {
                item.marketing = new MarketingGate.Candidate(item.contact.id(), item.contact.timezone(), item.sendAt);
                marketing.add(item);
            }
        }
        var pending = gate.apply(workspaceId, marketing.stream().map(i -> i.marketing).toList(), now);
        items.removeIf(item -> {
            if (item.marketing == null) {
                return false;
            }
            item.sendAt = item.marketing.sendAt;
            item.deferredReason = item.marketing.deferred ? "deferred_quiet_hours" : null;
            if (item.marketing.capped) {
                results[item.index] = Enqueued.Refused.of("capped", "The contact already had " + pending.limit()
                        + " marketing messages within " + pending.days() + " days (the workspace's frequency cap)");
            }
            return item.marketing.capped;
        });
        return pending;
    }

    private BigDecimal reserve(long workspaceId, List<AcceptanceItem> items, Enqueued[] results, boolean lock) {
        if (items.isEmpty()) {
            return BigDecimal.ZERO;
        }
        var plan = billing.planReservation(workspaceId, items.stream().map(i -> i.price.total()).toList(), lock);
        boolean[] reserved = plan.reserved();
        int[] n = {0};
        items.removeIf(item -> {
            if (reserved[n[0]++]) {
                return false;
            }
            results[item.index] = Enqueued.Refused.of("insufficient_balance", "The balance does not cover "
                    + item.price.total() + " " + item.price.currency() + " for this message; top up first");
            return true;
        });
        return plan.total();
    }

    private void write(long workspaceId, List<AcceptanceItem> items, Enqueued[] results, Instant now) {
        List<MessageStore.NewMessage> rows = new ArrayList<>(items.size());
        for (AcceptanceItem item : items) {
            MessageDraft d = item.draft;
            Instant sendAt = item.sendAt;
            Duration validity = d.validitySeconds() != null ? Duration.ofSeconds(d.validitySeconds())
                    : DraftRules.DEFAULT_VALIDITY;
            int priority = d.priority() != null ? d.priority() : item.purpose == Purpose.TRANSACTIONAL ? 5 : 1;
            rows.add(new MessageStore.NewMessage(workspaceId, item.contact.id(), item.sender.sender().id(), "outbound",
                    item.channel, item.destination, item.sender.from(), item.content, item.purpose.toString(), priority,
                    sendAt != null ? MessageStatus.SCHEDULED : MessageStatus.QUEUED, item.plan.units(),
                    item.plan.encoding(), d.smartEncoding(), item.price.total(), item.price.currency(),
                    d.idempotencyKey(), d.clientRef(), item.hash, sendAt, (sendAt != null ? sendAt : now).plus(validity),
                    d.metadata(), d.statusCallback(), d.campaignId(), item.deferredReason));
        }
        List<Long> ids = messages.insertAll(rows, now);
        for (int i = 0; i < items.size(); i++) {
            Message written = MessageStore.asWritten(ids.get(i), rows.get(i), now);
            results[items.get(i).index] = new Enqueued.Accepted(written, false);
        }
    }

    private static boolean refuse(Enqueued[] results, AcceptanceItem item, List<FieldProblem> problems) {
        if (problems.isEmpty()) {
            return false;
        }
        results[item.index] = new Enqueued.Refused(item.refusalCode,
                problems.get(0).field() + " " + problems.get(0).message(), problems);
        return true;
    }

    /** What makes two drafts "the same message" for idempotency: everything but the references. */
    static String hash(MessageDraft d) {
        try {
            var same = new MessageDraft(d.to(), d.channel(), d.from(), d.content(), d.purpose(), d.sendAt(),
                    d.validitySeconds(), d.priority(), d.metadata(), d.statusCallback(), d.smartEncoding(),
                    d.strictlyNecessary(), null, null, d.campaignId(), d.routing());
            var digest = MessageDigest.getInstance("SHA-256")
                    .digest(MessageStore.JSON.writeValueAsString(same).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
