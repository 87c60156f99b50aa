package dev.recado.campaigns.internal;

import dev.recado.common.PublicId;
import dev.recado.consent.Channel;
import dev.recado.consent.ConsentManagement;
import dev.recado.consent.ConsentSource;
import dev.recado.consent.ConsentStatus;
import dev.recado.consent.NewConsent;
import dev.recado.consent.Purpose;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Opts the contact of an unsubscribe link out of marketing on the campaign's channel, through the
 * consent ledger, with the link, the campaign and the way it was used as evidence. A link opts out
 * once: the mark on the link and the consent fact commit together.
 */
@Service
class Unsubscribes {

    private final LinkStore links;
    private final ConsentManagement consent;
    private final CampaignStore campaigns;
    private final Clock clock;

    Unsubscribes(LinkStore links, ConsentManagement consent, CampaignStore campaigns, Clock clock) {
        this.campaigns = campaigns;
        this.links = links;
        this.consent = consent;
        this.clock = clock;
    }

    /** {@code how}: {@code one-click} (RFC 8058 POST) or {@code confirm page}. False when already used. */
    @Transactional
    boolean optOut(LinkStore.Link link, String how, String userAgent) {
        if (!links.markUsed(link.code(), clock.instant())) {
            return false;
        }
        String agent = userAgent == null ? "none" : BotAgents.clip(userAgent);
        String evidence = "Unsubscribe link /u/" + link.code() + " of campaign " + PublicId.of("cmp_", link.campaignId())
                + " (" + how + "), user agent: " + agent;
        // a campaign with a channel order may have reached the person on any of its channels
        List<String> channels = campaigns.find(link.campaignId()).map(Campaign::channelOrder).orElse(null);
        for (String channel : channels != null ? channels : List.of(link.channel())) {
            consent.record(link.workspaceId(), link.contactId(), new NewConsent(Channel.valueOf(channel
                    .toUpperCase(Locale.ROOT)), Purpose.MARKETING, ConsentStatus.OPTED_OUT, ConsentSource.LINK, evidence,
                    "contact", null));
        }
        return true;
    }
}
