package dev.recado.campaigns.internal;

import dev.recado.campaigns.internal.CampaignService.CreateCampaign;
import dev.recado.campaigns.internal.CampaignService.Schedule;
import dev.recado.common.PublicId;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * {@code PATCH /v1/campaigns/{id}} as a merge patch (RFC 7396 at the top level): a field given,
 * null included, replaces the draft's; a field left out keeps it. {@code values} is the body bound
 * as a POST's, so a mistyped or unknown field is refused the same way; {@code given} the names the
 * body has, since a record alone cannot tell a null given from a field left out.
 */
@JsonDeserialize(using = CampaignPatch.Reader.class)
record CampaignPatch(CreateCampaign values, Set<String> given) {

    /** The draft as the request that would save it again, A/B test included. */
    static CreateCampaign stored(Campaign c, Optional<AbTest> ab) {
        List<String> order = c.channelOrder();
        var s = CampaignController.scheduleOf(c);
        // a routine's at is the occurrence its start picks; the draft's rule alone is what was asked for
        var schedule = "routine".equals(s.type()) ? new Schedule(s.type(), null, s.everyDays(), s.weekdays(),
                s.atLocalTime(), s.timezone(), s.until(), s.count()) : s;
        return new CreateCampaign(c.name(), PublicId.of(SegmentController.PREFIX, c.segmentId()),
                PublicId.of(TemplateController.PREFIX, c.templateId()),
                c.cheapest() ? CampaignService.CHEAPEST : order == null ? c.channel() : null, c.from(), schedule,
                c.purpose(), c.ratePerMinute(), ab.map(AbTests.Request::of).orElse(null), order);
    }

    /**
     * {@code stored} with this patch's fields. {@code channel} and {@code channels} are one setting
     * (a channel, an order, or cheapest and its candidates), so either given replaces both: an order
     * sent to a one-channel draft would otherwise be refused for naming both.
     */
    CreateCampaign over(CreateCampaign stored) {
        CreateCampaign v = values;
        boolean channels = given.contains("channel") || given.contains("channels");
        return new CreateCampaign(pick("name", v.name(), stored.name()),
                pick("segment_id", v.segmentId(), stored.segmentId()),
                pick("template_id", v.templateId(), stored.templateId()),
                channels ? v.channel() : stored.channel(), pick("from", v.from(), stored.from()),
                pick("schedule", v.schedule(), stored.schedule()), pick("purpose", v.purpose(), stored.purpose()),
                pick("rate_per_minute", v.ratePerMinute(), stored.ratePerMinute()),
                pick("ab_test", v.abTest(), stored.abTest()), channels ? v.channels() : stored.channels());
    }

    private <T> T pick(String field, T given, T stored) {
        return this.given.contains(field) ? given : stored;
    }

    /** Binds inside the body's own read, so a refused field surfaces as any request body's does (422 naming it). */
    static final class Reader extends ValueDeserializer<CampaignPatch> {

        @Override
        public CampaignPatch deserialize(JsonParser p, DeserializationContext ctxt) {
            JsonNode body = ctxt.readTree(p);
            if (!body.isObject()) {
                return ctxt.reportInputMismatch(CampaignPatch.class, "A campaign patch is a JSON object");
            }
            return new CampaignPatch(ctxt.readTreeAsValue(body, CreateCampaign.class), Set.copyOf(body.propertyNames()));
        }
    }
}
