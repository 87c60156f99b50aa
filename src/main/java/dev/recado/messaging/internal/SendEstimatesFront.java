package dev.recado.messaging.internal;

import dev.recado.messaging.Content;
import dev.recado.messaging.Enqueued;
import dev.recado.messaging.MarketingOutlook;
import dev.recado.messaging.PriceQuote;
import dev.recado.messaging.SendEstimates;
import dev.recado.messaging.Sender;
import dev.recado.messaging.spi.ReachCache;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * {@link SendEstimates} over the price list, sender routes, template judgement and marketing gate
 * that acceptance uses.
 */
@Service
class SendEstimatesFront implements SendEstimates {

    private static final Content FREE_FORM = new Content.Text("");
    private static final Content PROVIDER_TEMPLATE = new Content.TemplateRef("", "", List.of(), null, null);
    private static final String SENDER_NOT_ALLOWED = "sender_not_allowed";

    private final PriceList prices;
    private final SenderRoutes routes;
    private final DestinationRoutes destinations;
    private final MarketingGate gate;
    private final ProviderTemplates templates;

    SendEstimatesFront(PriceList prices, SenderRoutes routes, DestinationRoutes destinations, MarketingGate gate,
            ProviderTemplates templates) {
        this.prices = prices;
        this.routes = routes;
        this.destinations = destinations;
        this.gate = gate;
        this.templates = templates;
    }

    @Override
    public ChannelTerms terms(long workspaceId, String channel, String providerTemplate, String language, Instant at,
            String from) {
        SenderChoice choice = routes.choose(workspaceId, channel, from);
        if (choice.refusal() != null) {
            Enqueued.Refused fromRefused = from != null && SENDER_NOT_ALLOWED.equals(choice.refusal().code())
                    ? choice.refusal() : null;
            return new ChannelTerms(channel, channel, prices.longestPrefix(workspaceId, channel), List.of(), null,
                    fromRefused);
        }
        List<SenderTerms> senders = new ArrayList<>();
        senders.add(senderTerms(choice, providerTemplate, language, at));
        int digits = 0;
        // acceptance routes by the destination's prefix only a message that names no sender (MessageAcceptor)
        if (from == null) {
            var candidates = destinations.candidates(workspaceId, choice);
            candidates.senders().stream().filter(s -> s.id() != choice.sender().id())
                    .map(s -> routes.choice(s, null)).filter(c -> c.refusal() == null)
                    .forEach(c -> senders.add(senderTerms(c, providerTemplate, language, at)));
            digits = candidates.phonePrefixDigits();
        }
        for (SenderTerms s : senders) {
            digits = Math.max(digits, prices.longestPrefix(workspaceId, s.priceChannel()));
            if (s.windowPriceChannel() != null) {
                digits = Math.max(digits, prices.longestPrefix(workspaceId, s.windowPriceChannel()));
            }
        }
        return new ChannelTerms(channel, senders.get(0).priceChannel(), digits, List.copyOf(senders),
                at.minus(ServiceWindows.LENGTH));
    }

    private SenderTerms senderTerms(SenderChoice choice, String providerTemplate, String language, Instant at) {
        var capabilities = choice.capabilities();
        Sender sender = choice.sender();
        Content content = providerTemplate != null ? PROVIDER_TEMPLATE : FREE_FORM;
        ProviderTemplates.Judged judged = providerTemplate == null ? null
                : ProviderTemplates.judge(templates.of(sender.id()), providerTemplate, language);
        String category = judged == null ? null : judged.category();
        String closed = PriceList.priceChannel(sender.channel(), capabilities, content, category, false);
        String open = PriceList.priceChannel(sender.channel(), capabilities, content, category, true);
        ReachCache reach = choice.factory().reachCache(sender.settings()).orElse(null);
        return new SenderTerms(sender.id(), closed, open.equals(closed) ? null : open,
                capabilities.freeTextNeedsWindow() && providerTemplate == null,
                judged == null || judged.accepted() ? null : judged.status(),
                reach == null ? null : reach.key(), reach == null ? null : at.minus(reach.trustedFor()));
    }

    @Override
    public SenderTerms senderFor(long workspaceId, ChannelTerms terms, String destination) {
        if (terms.senders().isEmpty()) {
            return null;
        }
        SenderTerms first = terms.senders().get(0);
        if (terms.senders().size() == 1 || destination == null) {
            return first;
        }
        SenderChoice chosen = routes.choose(workspaceId, terms.channel(), null);
        if (chosen.refusal() != null) {
            return first;
        }
        long id = destinations.pick(workspaceId, chosen, destination.startsWith("+") ? destination : "+" + destination)
                .sender().id();
        return terms.senders().stream().filter(s -> s.senderId() == id).findFirst().orElse(first);
    }

    @Override
    public PriceQuote quote(long workspaceId, String priceChannel, String destination, int units) {
        return prices.quote(workspaceId, priceChannel, destination, units);
    }

    @Override
    public MarketingOutlook marketing(long workspaceId, Instant at) {
        return gate.outlook(workspaceId, at);
    }
}
