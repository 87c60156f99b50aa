package dev.recado.messaging.internal;

import dev.recado.messaging.Content;
import dev.recado.messaging.MarketingOutlook;
import dev.recado.messaging.PriceQuote;
import dev.recado.messaging.SendEstimates;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Service;

/** {@link SendEstimates} over the price list, sender routes and marketing gate that acceptance uses. */
@Service
class SendEstimatesFront implements SendEstimates {

    private static final Content FREE_FORM = new Content.Text("");
    private static final Content PROVIDER_TEMPLATE = new Content.TemplateRef("", "", List.of(), null, null);

    private final PriceList prices;
    private final SenderRoutes routes;
    private final MarketingGate gate;
    private final ProviderTemplates templates;

    SendEstimatesFront(PriceList prices, SenderRoutes routes, MarketingGate gate, ProviderTemplates templates) {
        this.prices = prices;
        this.routes = routes;
        this.gate = gate;
        this.templates = templates;
    }

    @Override
    public ChannelTerms terms(long workspaceId, String channel, String providerTemplate, String language, Instant at) {
        SenderChoice choice = routes.choose(workspaceId, channel, null);
        if (choice.refusal() != null) {
            // no sender: acceptance refuses before any window or price; price as the channel is named
            return new ChannelTerms(channel, channel, prices.longestPrefix(workspaceId, channel), null, null);
        }
        var capabilities = choice.capabilities();
        Content content = providerTemplate != null ? PROVIDER_TEMPLATE : FREE_FORM;
        // as acceptance: the synced category, marketing until a sync says otherwise. A utility template is free
        // inside the window; the estimate does not look per recipient and prices it as utility (never less)
        var synced = providerTemplate == null ? null : templates.of(choice.sender().id()).get(providerTemplate + "/" + language);
        String priceChannel = PriceList.priceChannel(channel, capabilities, content,
                synced == null ? null : synced.category(), false);
        boolean windowHolds = capabilities.freeTextNeedsWindow() && providerTemplate == null;
        return new ChannelTerms(channel, priceChannel, prices.longestPrefix(workspaceId, priceChannel),
                windowHolds ? choice.sender().id() : null, windowHolds ? at.minus(ServiceWindows.LENGTH) : null);
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
