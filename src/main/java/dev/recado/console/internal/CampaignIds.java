package dev.recado.console.internal;

import dev.recado.common.PublicId;
import org.springframework.stereotype.Component;

/** The public ids the campaign pages' links carry (as the REST API's), for templates as {@code @campaignIds}. */
@Component("campaignIds")
class CampaignIds {

    static final String CAMPAIGN = "cmp_";
    static final String TEMPLATE = "tpl_";
    static final String SEGMENT = "seg_";

    public String campaign(long id) {
        return PublicId.of(CAMPAIGN, id);
    }

    public String template(long id) {
        return PublicId.of(TEMPLATE, id);
    }

    public String segment(long id) {
        return PublicId.of(SEGMENT, id);
    }

    static long campaignId(String id) {
        return PublicId.require(CAMPAIGN, id, "Campaign");
    }

    static long templateId(String id) {
        return PublicId.require(TEMPLATE, id, "Template");
    }

    static long segmentId(String id) {
        return PublicId.require(SEGMENT, id, "Segment");
    }
}
