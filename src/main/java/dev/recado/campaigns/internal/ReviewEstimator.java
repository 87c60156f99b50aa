package dev.recado.campaigns.internal;

import dev.recado.campaigns.SegmentManagement.ChannelContent;
import dev.recado.campaigns.SegmentManagement.Estimate;
import dev.recado.common.ApiException;
import dev.recado.contacts.Contact;
import dev.recado.content.sms.SmsEncoder;
import dev.recado.messaging.MarketingOutlook;
import dev.recado.messaging.SendEstimates;
import dev.recado.workspace.WorkspaceManagement;
import java.time.Instant;
import java.util.List;
import java.util.function.ToIntFunction;
import org.springframework.stereotype.Component;

/**
 * The campaign review's estimate: the audience scanned once, grouped by facts, leading digits and
 * zone ({@link AudienceScans}); each group routed as acceptance would ({@link ReviewRoutes}),
 * priced at its own destination and checked against quiet hours with the rules acceptance applies
 * ({@link SendEstimates}), and the contacts that may be at the frequency cap read apart and taken out.
 * SMS is priced at the recipients' own segments, counted on their rendered texts ({@link SegmentSample}).
 */
@Component
class ReviewEstimator {

    private final AudienceScans scans;
    private final SendEstimates sends;
    private final TrackedLinks links;
    private final WorkspaceManagement workspaces;

    ReviewEstimator(AudienceScans scans, SendEstimates sends, TrackedLinks links, WorkspaceManagement workspaces) {
        this.scans = scans;
        this.sends = sends;
        this.links = links;
        this.workspaces = workspaces;
    }

    Estimate estimate(long workspaceId, SegmentWhere where, String purpose, List<ChannelContent> channels,
            boolean cheapest, Instant at) {
        List<String> names = channels.stream().map(ChannelContent::channel).toList();
        List<SendEstimates.ChannelTerms> terms = channels.stream()
                .map(c -> sends.terms(workspaceId, c.channel(), c.providerTemplate(), c.language(), at, c.from())).toList();
        refuseFrom(terms);
        int headDigits = 0;
        for (int i = 0; i < terms.size(); i++) {
            if (FirstChannel.byPhone(names.get(i))) {
                headDigits = Math.max(headDigits, terms.get(i).prefixDigits());
            }
        }
        AudienceFacts facts = new AudienceFacts(names, purpose);
        ReviewRoutes routes = new ReviewRoutes(workspaceId, channels, terms, cheapest, sends, facts);
        MarketingOutlook rules = "marketing".equals(purpose) ? sends.marketing(workspaceId, at) : null;
        SegmentSample sample = null;
        for (ChannelContent c : channels) {
            ToIntFunction<Contact> units = c.channel().equals("sms") ? smsUnits(workspaceId, c, purpose) : null;
            if (units != null) {
                // after the routes: every fact the routes need is in the sample's reads too
                sample = SegmentSample.read(scans, workspaceId, where, facts, headDigits, rules != null, units);
            }
        }
        ReviewTally tally = new ReviewTally(workspaceId, channels, terms, sends, sample);
        if (sample != null && sample.exact()) {
            // the whole audience was read and rendered: the grouped scan would tell nothing more
            for (var p : sample.parts()) {
                add(tally, routes, rules, p);
            }
        } else {
            for (var g : scans.groups(workspaceId, where, facts, headDigits, rules != null)) {
                var parts = sample != null ? sample.split(g)
                        : List.of(new SegmentSample.Part(g.facts(), g.head(), g.zone(), 0, g.count()));
                for (var p : parts) {
                    add(tally, routes, rules, p);
                }
            }
        }
        if (rules != null && rules.capMessages() != null) {
            int digits = headDigits;
            SegmentSample counted = sample;
            scans.capCandidates(workspaceId, where, facts, rules.capMessages(), c -> {
                String head = SegmentSample.head(c.phone(), digits);
                var route = routes.route(c.facts(), head, counted == null ? 0 : counted.units(c.contactId(), head));
                if (route.taker() >= 0 && rules.atCap(c.sends())) {
                    tally.cap(route, head, rules.defers(c.zone()));
                }
            });
        }
        return tally.estimate();
    }

    /**
     * A {@code from} that every channel refuses sends nothing: answered as acceptance answers a message
     * naming it (422 {@code sender_not_allowed}, field {@code from}). One that only some channels refuse
     * passes their recipients on to the next channel ({@link ReviewRoutes}), as a message's route does.
     */
    static void refuseFrom(List<SendEstimates.ChannelTerms> terms) {
        if (!terms.isEmpty() && terms.stream().allMatch(t -> t.fromRefused() != null)) {
            var refused = terms.get(0).fromRefused();
            throw new ApiException(422, refused.code(), refused.detail(), refused.errors(), java.util.Map.of());
        }
    }

    private static void add(ReviewTally tally, ReviewRoutes routes, MarketingOutlook rules, SegmentSample.Part p) {
        tally.add(routes.route(p.facts(), p.head(), p.units()), p.head(), p.count(),
                rules != null && rules.defers(p.zone()));
    }

    /**
     * One contact's SMS segments as acceptance will count them: the channel's variants compiled once for
     * the whole review and rendered for the contact with short links of their real length (drawn, never
     * stored) and, for marketing, the opt-out footer in the contact's language, then planned with smart
     * encoding, as a campaign's drafts ask ({@link CampaignFanOut}). Null when the texts are not given
     * or do not compile (the sample contact's {@link ChannelContent#units} then stands for all).
     */
    private ToIntFunction<Contact> smsUnits(long workspaceId, ChannelContent sms, String purpose) {
        if (sms.variants() == null) {
            return null;
        }
        List<TemplateVariant> variants = sms.variants().stream().filter(v -> v != null && "sms".equals(v.channel()))
                .map(v -> new TemplateVariant(v.channel(), v.language(), v.body(), v.subject(), v.html(), v.text(),
                        v.whatsappTemplate(), v.params()))
                .toList();
        if (variants.isEmpty()) {
            return null;
        }
        CompiledCampaign compiled;
        try {
            compiled = new CompiledCampaign(new MessageTemplate(0, workspaceId, "", purpose, variants, Instant.EPOCH),
                    "sms", workspaces.require(workspaceId).defaultLanguage());
        } catch (IllegalArgumentException e) {
            return null;
        }
        boolean marketing = "marketing".equals(purpose);
        return contact -> {
            try {
                return compiled.render(contact, marketing, links.forRecipient(contact.id()))
                        .map(r -> SmsEncoder.plan(r.text(), true).segments()).orElse(sms.units());
            } catch (ApiException e) {
                // acceptance refuses a text that does not render; until then it counts as the sample's
                return sms.units();
            }
        };
    }
}
