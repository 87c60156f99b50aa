package dev.recado.campaigns;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A campaign whose channel has no sender (the workspace's SMS sender disabled): the estimate passes
 * its recipients over as {@code no_sender}; a start now is refused with that code and leaves the draft
 * as it was, instead of failing on its first page; a start for later is taken (a sender may be added meanwhile); with the sender back, it starts.
 */
class CampaignWithoutSenderHttpTest extends CampaignHttpTest {

    @Test
    void aStartNowWithoutASenderIsRefusedAndChangesNothing() {
        fx.consentingContacts("nosender", 1, 2);
        String template = fx.smsTemplate("marketing", "Rebajas este finde");
        String campaign = fx.campaign(fx.segment("nosender"), template, "");
        String sender = smsSender();
        enable(sender, false);

        // the estimate passes them over as acceptance would, instead of pricing them as sent
        JsonNode e = api.get("/v1/campaigns/" + campaign + "/estimate", key).json();
        assertThat(e.path("by_channel").path("sms").path("recipients").asLong()).as(e.toString()).isZero();
        assertThat(e.path("total").decimalValue()).isEqualByComparingTo("0");
        assertOnlyPassedOver(e, "sms", "no_sender", 2, 2);

        var refused = api.post("/v1/campaigns/" + campaign + "/start", key, "");
        assertThat(refused.status()).as(refused.body()).isEqualTo(409);
        assertThat(refused.text("code")).isEqualTo("no_sender");
        assertThat(fx.get(campaign).path("status").asString()).isEqualTo("draft");

        Instant at = Instant.now().plus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        String later = fx.campaign(fx.segment("nosender"), template, ",\"schedule\":{\"type\":\"at\",\"at\":\"" + at + "\"}");
        assertThat(fx.action(later, "start").path("status").asString()).isEqualTo("scheduled");

        enable(sender, true);
        assertThat(fx.action(campaign, "start").path("status").asString()).isIn("running", "completed");
    }

    private String smsSender() {
        for (JsonNode s : api.get("/v1/senders", key).json().path("data")) {
            if ("sms".equals(s.path("channel").asString()) && s.path("enabled").asBoolean()) {
                return s.path("id").asString();
            }
        }
        throw new AssertionError("the workspace has no enabled SMS sender");
    }

    private void enable(String sender, boolean enabled) {
        var r = api.patch("/v1/senders/" + sender, key, "{\"enabled\":" + enabled + "}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }
}
