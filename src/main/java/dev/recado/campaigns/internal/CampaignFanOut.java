package dev.recado.campaigns.internal;

import dev.recado.common.ApiException;
import dev.recado.common.PublicId;
import dev.recado.contacts.Contact;
import dev.recado.messaging.Enqueued;
import dev.recado.messaging.MessageDraft;
import dev.recado.messaging.MessageManagement;
import dev.recado.workspace.WorkspaceManagement;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Fans out one page of a campaign's audience: the next contacts after the cursor, rendered with
 * the campaign's compiled template and handed to the engine in one {@code enqueue}. Each message's
 * client reference is (campaign, occurrence, contact), unique in the database, so a page that runs
 * again after a crash or a takeover answers the messages it made the first time.
 */
@Component
class CampaignFanOut {

    private static final Logger log = LoggerFactory.getLogger(CampaignFanOut.class);

    /** Engine refusals that stop the campaign instead of skipping one recipient. */
    private static final Map<String, String> HALTS = Map.of("insufficient_balance", Campaign.PAUSED,
            "no_sender", Campaign.FAILED, "channel_unavailable", Campaign.FAILED, "sender_not_allowed", Campaign.FAILED);

    enum Outcome { MORE, DONE, STOPPED }

    private final CampaignStore campaigns;
    private final CampaignSnapshots snapshots;
    private final SegmentService segments;
    private final Audience audience;
    private final MessageManagement messages;
    private final QueuedMessages queued;
    private final WorkspaceManagement workspaces;
    private final OccurrenceStore occurrences;
    private final TrackedLinks links;
    private final LinkStore linkStore;
    private final Clock clock;
    private static final int FIRST_PAGE = 100;
    private final int pageSize;
    private final AbTestStore abTests;
    private final AbTests abDecisions;
    /** Per campaign and occurrence: an occurrence's content never changes (its snapshot), the next one's may. */
    private record Key(long campaignId, int occurrence) {
    }

    private final Map<Key, CompiledCampaign> compiled = new ConcurrentHashMap<>();
    private final Map<Key, List<CompiledCampaign>> compiledVariants = new ConcurrentHashMap<>();

    CampaignFanOut(CampaignStore campaigns, CampaignSnapshots snapshots, SegmentService segments, Audience audience,
            MessageManagement messages, QueuedMessages queued, WorkspaceManagement workspaces,
            OccurrenceStore occurrences, TrackedLinks links, LinkStore linkStore, AbTestStore abTests,
            AbTests abDecisions, Clock clock, @Value("${recado.campaigns.page-size:1000}") int pageSize) {
        this.abTests = abTests;
        this.abDecisions = abDecisions;
        this.occurrences = occurrences;
        this.links = links;
        this.linkStore = linkStore;
        this.campaigns = campaigns;
        this.snapshots = snapshots;
        this.segments = segments;
        this.audience = audience;
        this.messages = messages;
        this.queued = queued;
        this.workspaces = workspaces;
        this.clock = clock;
        this.pageSize = pageSize;
    }

    /** One page for a campaign whose lease {@code node} holds. */
    Outcome page(long campaignId, String node) {
        Campaign c = campaigns.find(campaignId).orElse(null);
        if (c == null || !Campaign.RUNNING.equals(c.status())) {
            forget(campaignId);
            return Outcome.STOPPED;
        }
        // one primary-key read per page; null for a campaign without an A/B test
        AbTest ab = abTests.find(c.id()).orElse(null);
        if (ab != null && AbTest.DECIDE.equals(ab.phase())) {
            ab = abDecisions.decide(c, ab, node).orElse(null);
            if (ab == null) {
                return Outcome.STOPPED;
            }
        }
        Key key = new Key(campaignId, c.occurrence());
        CompiledCampaign template = compiled.computeIfAbsent(key, k -> compile(c, c.templateId()));
        List<CompiledCampaign> variants = ab == null ? null
                : compiledVariants.computeIfAbsent(key, k -> abTemplates(c));
        long[] targetedByVariant = ab == null ? null : new long[ab.templateIds().size()];
        List<Integer> draftVariants = new ArrayList<>();
        long outside = 0;
        occurrences.begin(c.id(), c.occurrence(), c.startAt(), clock.instant());
        Segment segment = snapshots.segment(c);
        int size = size(c);
        List<Contact> page = audience.page(c.workspaceId(), segments.where(segment), c.cursorId(), size);

        Map<String, Long> skipped = new TreeMap<>();
        List<MessageDraft> drafts = new ArrayList<>();
        List<RecipientLinks> draftLinks = new ArrayList<>();
        var stored = page.isEmpty() ? Map.<Long, List<RecipientLinks.Row>>of()
                : linkStore.stored(c.id(), c.cursorId(), page.get(page.size() - 1).id());
        for (Contact contact : page) {
            CompiledCampaign content = template;
            int variant = -1;
            if (ab != null && c.occurrence() > 1) {
                // a routine tests in its first occurrence; every later one sends the winner to everyone
                variant = ab.winner() == null ? 0 : ab.winner();
                content = variants.get(variant);
            } else if (ab != null) {
                boolean inTest = ab.inTest(contact.id());
                if (inTest != AbTest.TEST.equals(ab.phase())) {
                    outside++; // the other phase's recipient
                    continue;
                }
                variant = inTest ? ab.variantOf(contact.id()) : ab.winner();
                content = variants.get(variant);
                if (inTest) {
                    targetedByVariant[variant]++;
                }
            }
            RecipientLinks recipientLinks = links.forRecipient(contact.id(), stored.getOrDefault(contact.id(), List.of()));
            String reason = draft(c, content, contact, recipientLinks, drafts);
            if (reason != null) {
                skipped.merge(reason, 1L, Long::sum);
            } else {
                draftLinks.add(recipientLinks);
                draftVariants.add(variant);
            }
        }
        linkStore.insert(c, draftLinks, clock.instant());
        List<Enqueued> answers = drafts.isEmpty() ? List.of() : messages.enqueue(c.workspaceId(), drafts);
        linkStore.settle(c.id(), draftLinks, answers);
        if (ab != null) {
            recordVariants(ab, draftLinks, draftVariants, answers);
        }
        long accepted = 0;
        BigDecimal cost = BigDecimal.ZERO;
        for (Enqueued answer : answers) {
            switch (answer) {
                case Enqueued.Accepted a -> {
                    accepted++;
                    cost = cost.add(a.message().price());
                }
                case Enqueued.Refused r when HALTS.containsKey(r.code()) -> {
                    // the cursor stays: after a top-up or a sender fix, resume sends this page again
                    campaigns.halt(c.id(), node, HALTS.get(r.code()), r.code(), clock.instant());
                    forget(campaignId);
                    log.info("Campaign {} stopped: {}", c.id(), r.code());
                    return Outcome.STOPPED;
                }
                case Enqueued.Refused r -> skipped.merge(skipReason(r.code()), 1L, Long::sum);
            }
        }
        boolean last = page.size() < size;
        Instant now = clock.instant();
        // the test share's last page: back to the start of the audience, to wait there for the decision
        Instant decideAt = ab != null && last && AbTest.TEST.equals(ab.phase())
                ? now.plus(Duration.ofMinutes(ab.decideAfterMinutes())) : null;
        Instant next = c.ratePerMinute() == null ? null
                // recipients of the other A/B phase are passed over, not sent to: they take no time
                : now.plus(Duration.ofMillis(60_000L * Math.max(page.size() - outside, 1) / c.ratePerMinute()));
        long lastId = page.isEmpty() ? c.cursorId() : page.get(page.size() - 1).id();
        // a routine's last page schedules its next occurrence in the same guarded write
        Instant nextOccurrence = last && c.routine() != null
                ? Routines.routine(c.routine()).nextAfter(c.startAt() != null ? c.startAt() : now, now, c.occurrence() + 1)
                : null;
        var result = decideAt != null
                ? new CampaignStore.PageResult(c.occurrence(), 0, page.size() - outside, accepted, cost, skipped, decideAt,
                        false, null)
                : new CampaignStore.PageResult(c.occurrence(), lastId, page.size() - outside, accepted, cost, skipped, next,
                        last, nextOccurrence);
        boolean advanced = ab == null ? campaigns.advance(c.id(), node, result, now)
                : abTests.advance(campaigns, c.id(), node, result, now, targetedByVariant, decideAt);
        if (!advanced) {
            forget(campaignId);
            // canceled while this page was enqueued: the cancel's own sweep may have run before it
            if (campaigns.find(campaignId).map(x -> Campaign.CANCELED.equals(x.status())).orElse(false)) {
                queued.cancel(c.workspaceId(), campaignId);
            }
            return Outcome.STOPPED;
        }
        if (last) {
            forget(campaignId);
            log.info("Campaign {} occurrence {} fanned out{}", c.id(), c.occurrence(),
                    nextOccurrence == null ? "" : "; the next is due at " + nextOccurrence);
            return Outcome.DONE;
        }
        return Outcome.MORE;
    }

    private CompiledCampaign compile(Campaign c, long templateId) {
        MessageTemplate template = snapshots.template(c, templateId);
        return new CompiledCampaign(template, c.channel(), workspaces.require(c.workspaceId()).defaultLanguage());
    }

    private List<CompiledCampaign> abTemplates(Campaign c) {
        return abTests.find(c.id()).orElseThrow().templateIds().stream().map(t -> compile(c, t)).toList();
    }

    private void forget(long campaignId) {
        compiled.keySet().removeIf(k -> k.campaignId() == campaignId);
        compiledVariants.keySet().removeIf(k -> k.campaignId() == campaignId);
    }

    /** Each accepted message's variant (a page run again answers the first run's messages: the same rows). */
    private void recordVariants(AbTest ab, List<RecipientLinks> recipients, List<Integer> variants, List<Enqueued> answers) {
        List<AbTestStore.VariantMessage> rows = new ArrayList<>();
        for (int i = 0; i < answers.size(); i++) {
            if (answers.get(i) instanceof Enqueued.Accepted a) {
                rows.add(new AbTestStore.VariantMessage(recipients.get(i).contactId(), variants.get(i),
                        AbTest.TEST.equals(ab.phase()), a.message().id()));
            }
        }
        abTests.record(ab.campaignId(), rows);
    }

    /** Recipients per page: a throttled campaign takes about five seconds' worth at a time. */
    private int size(Campaign c) {
        int size = c.ratePerMinute() == null ? pageSize : (int) Math.max(1, Math.min(pageSize, c.ratePerMinute() / 12L));
        // the first page of a walk is small: its messages reach the sender while the next pages are built
        return c.cursorId() == 0 ? Math.min(size, FIRST_PAGE) : size;
    }

    /** Adds the contact's draft, or answers why the contact is skipped. */
    private static String draft(Campaign c, CompiledCampaign template, Contact contact, RecipientLinks links,
            List<MessageDraft> drafts) {
        if (c.channelOrder() != null) {
            template.drawLinks(c.channelOrder(), contact, "marketing".equals(c.purpose()), links);
            drafts.add(routed(c, template, contact));
            return null;
        }
        boolean email = "email".equals(c.channel());
        if (email ? contact.email() == null : contact.phone() == null && isPhoneChannel(c.channel())) {
            return "no_identity";
        }
        RenderedContent content;
        try {
            content = template.render(contact, "marketing".equals(c.purpose()), links).orElse(null);
        } catch (ApiException e) {
            return "invalid";
        }
        if (content == null) {
            return "invalid";
        }
        drafts.add(new MessageDraft(PublicId.of("ct_", contact.id()), c.channel(), c.from(), content.content(),
                c.purpose(), null, null, null, null, null, true, false, null, c.clientRef(contact.id()), c.id()));
        return null;
    }

    /**
     * A campaign with a channel order sends each recipient a message with that order: acceptance
     * renders the template's variant of whichever channel it tries (through the same renderer as
     * {@code POST /v1/messages}), and the message falls back like any routed message. Its links were
     * drawn for every channel here ({@link CompiledCampaign#drawLinks}) and stored with the page; the
     * renderer finds them by the draft's campaign, so each channel's text carries the same short links.
     * A {@code cheapest} campaign's drafts say so: acceptance prices each candidate channel that can
     * take the recipient (in the same per-channel batch rounds) and makes the order by price.
     */
    private static MessageDraft routed(Campaign c, CompiledCampaign template, Contact contact) {
        var content = new dev.recado.messaging.Content.RecadoTemplate(
                PublicId.of(TemplateController.PREFIX, template.templateId()), Map.of());
        return new MessageDraft(PublicId.of("ct_", contact.id()), c.cheapest() ? CampaignService.CHEAPEST : null, c.from(),
                content, c.purpose(), null, null, null,
                null, null, true, false, null, c.clientRef(contact.id()), c.id(),
                new dev.recado.messaging.Routing(c.channelOrder(), null));
    }

    private static boolean isPhoneChannel(String channel) {
        return channel.equals("sms") || channel.equals("whatsapp") || channel.equals("rcs");
    }

    static String skipReason(String code) {
        return switch (code) {
            case "consent_missing", "consent_pending" -> "no_consent";
            case "opted_out" -> "opted_out";
            case "invalid_destination", "validation_failed" -> "invalid";
            case "client_ref_reused", "idempotency_key_reused" -> "duplicate";
            default -> code;
        };
    }
}
