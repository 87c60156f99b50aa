package dev.recado.campaigns.internal;

import dev.recado.campaigns.CampaignAbWinnerChosen;
import dev.recado.campaigns.CampaignStatusChanged;
import dev.recado.common.PublicId;
import dev.recado.messaging.WebhookDeliveries;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The campaign's events as {@code campaign.*} webhooks. A plain listener on purpose: it runs in the
 * transaction that published the event, so the outbox row commits with the move it announces —
 * one delivery per move, none for a move that rolled back.
 */
@Component
class CampaignWebhooks {

    private final WebhookDeliveries webhooks;

    CampaignWebhooks(WebhookDeliveries webhooks) {
        this.webhooks = webhooks;
    }

    @EventListener
    void on(CampaignStatusChanged e) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("campaign_id", PublicId.of(CampaignController.PREFIX, e.campaignId()));
        data.put("status", e.status());
        data.put("occurrence", e.occurrence());
        data.put("failure", e.failure());
        data.put("at", e.at().toString());
        webhooks.announce(e.workspaceId(), "campaign." + e.change(), data);
    }

    @EventListener
    void on(CampaignAbWinnerChosen e) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("campaign_id", PublicId.of(CampaignController.PREFIX, e.campaignId()));
        data.put("winner", e.winner());
        data.put("template_id", PublicId.of(TemplateController.PREFIX, e.templateId()));
        data.put("winner_by", e.winnerBy());
        data.put("at", e.decidedAt().toString());
        webhooks.announce(e.workspaceId(), "campaign.ab_winner", data);
    }
}
