package dev.recado.console.internal;

import dev.recado.campaigns.CampaignManagement;
import dev.recado.campaigns.TemplateManagement;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * The campaign builder's fields, as the page posts them for the live panels and on saving: the
 * audience (a saved segment or a tag), the content (a saved template or text written here), the
 * schedule and rules. Empty inputs are absent values, so the module's checks name what is missing.
 */
class CampaignBuilderForm {

    static final List<String> WEEKDAYS = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");

    private String draftId;
    private String name;
    private String audience = "segment";
    private String segmentId;
    private String tag;
    private String content = "saved";
    private String templateId;
    private String templateName;
    private String language;
    private String body;
    private String purpose = "marketing";
    private String scheduleType = "now";
    private String at;
    private String everyDays;
    private List<String> weekdays = new ArrayList<>();
    private String atLocalTime;
    private String until;
    private String count;
    private String rate;
    /** The channel order, first first; empty entries (the unused selects) are left out. */
    private List<String> channels = new ArrayList<>(List.of("sms"));
    static final int CHANNEL_CHOICES = 3;
    /** The channels chosen are candidates: each recipient's order is made by price. */
    private boolean cheapest;
    /** A sender id or an approved name, as the API's {@code from}; none: each channel's default sender. */
    private String from;

    /** Filled from a saved draft, to resume it. */
    static CampaignBuilderForm of(CampaignManagement.CampaignView c, CampaignIds ids, ZoneId zone) {
        var f = new CampaignBuilderForm();
        f.draftId = ids.campaign(c.id());
        f.name = c.name();
        f.segmentId = ids.segment(c.segmentId());
        f.templateId = ids.template(c.templateId());
        f.purpose = c.purpose();
        var s = c.schedule();
        f.scheduleType = s.type();
        if ("at".equals(s.type()) && s.at() != null) {
            f.at = LocalDateTime.ofInstant(s.at(), zone).withSecond(0).withNano(0).toString();
        }
        if ("routine".equals(s.type())) {
            f.everyDays = s.everyDays() == null ? null : s.everyDays().toString();
            f.weekdays = s.weekdays() == null ? new ArrayList<>() : new ArrayList<>(s.weekdays());
            f.atLocalTime = s.atLocalTime();
            f.until = s.until();
            f.count = s.count() == null ? null : s.count().toString();
        }
        f.rate = c.ratePerMinute() == null ? null : c.ratePerMinute().toString();
        f.channels = new ArrayList<>(c.channels());
        f.cheapest = "cheapest".equals(c.channel());
        f.from = c.from();
        return f;
    }

    /** The draft resumed, null for a new campaign; an id that is not a campaign's is not found. */
    Long draftCampaignId() {
        return draftId == null ? null : CampaignIds.campaignId(draftId);
    }

    public boolean byTag() {
        return "tag".equals(audience);
    }

    public boolean writesContent() {
        return "new".equals(content);
    }

    TemplateManagement.Variant variant(String defaultLanguage) {
        return new TemplateManagement.Variant("sms", language == null ? defaultLanguage : language, body, null, null,
                null, null, null);
    }

    /** A time without a zone is the workspace's; one that cannot be read goes on as null and is refused by name. */
    CampaignManagement.Draft toDraft(String segment, String template, ZoneId zone) {
        CampaignManagement.Schedule schedule = switch (scheduleType == null ? "" : scheduleType) {
            case "at" -> new CampaignManagement.Schedule("at", localTime(zone), null, null, null, null, null, null);
            case "routine" -> new CampaignManagement.Schedule("routine", null, number(everyDays),
                    weekdays.isEmpty() ? null : List.copyOf(weekdays), atLocalTime, null, until, number(count));
            default -> new CampaignManagement.Schedule(scheduleType, null, null, null, null, null, null, null);
        };
        return new CampaignManagement.Draft(name, segment, template, cheapest ? "cheapest" : null, purpose, schedule,
                number(rate), channelOrder(), from);
    }

    /** The channels chosen, in order; SMS when none is. */
    List<String> channelOrder() {
        List<String> order = channels == null ? List.of() : channels.stream().map(CampaignBuilderForm::blankToNull)
                .filter(java.util.Objects::nonNull).toList();
        return order.isEmpty() ? List.of("sms") : order;
    }

    /** The channel chosen at position {@code i} of the order's selects, "" for none. */
    public String channelAt(int i) {
        return channels != null && i < channels.size() && channels.get(i) != null ? channels.get(i) : "";
    }

    public int channelChoices() {
        return CHANNEL_CHOICES;
    }

    /** Whether a number field holds something that is not a whole number (said on the form, not sent on). */
    List<String> unreadableNumbers() {
        List<String> bad = new ArrayList<>();
        if (unreadable(rate)) {
            bad.add("rate_per_minute");
        }
        if (unreadable(everyDays) || unreadable(count)) {
            bad.add("schedule");
        }
        if ("at".equals(scheduleType) && at != null && localTime(ZoneId.of("UTC")) == null) {
            bad.add("schedule");
        }
        return bad;
    }

    /** When the campaign would begin: its time when scheduled at one still to come, else {@code now}. */
    java.time.Instant startsAt(ZoneId zone, java.time.Instant now) {
        java.time.Instant start = "at".equals(scheduleType) ? localTime(zone) : null;
        return start != null && start.isAfter(now) ? start : now;
    }

    private java.time.Instant localTime(ZoneId zone) {
        try {
            return at == null ? null : LocalDateTime.parse(at).atZone(zone).toInstant();
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static boolean unreadable(String value) {
        return value != null && number(value) == null;
    }

    private static Integer number(String value) {
        try {
            return value == null ? null : Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    public String getDraftId() { return draftId; }
    public void setDraftId(String v) { draftId = blankToNull(v); }
    public String getName() { return name; }
    public void setName(String v) { name = blankToNull(v); }
    public String getAudience() { return audience; }
    public void setAudience(String v) { audience = v; }
    public String getSegmentId() { return segmentId; }
    public void setSegmentId(String v) { segmentId = blankToNull(v); }
    public String getTag() { return tag; }
    public void setTag(String v) { tag = blankToNull(v == null ? null : v.strip()); }
    public String getContent() { return content; }
    public void setContent(String v) { content = v; }
    public String getTemplateId() { return templateId; }
    public void setTemplateId(String v) { templateId = blankToNull(v); }
    public String getTemplateName() { return templateName; }
    public void setTemplateName(String v) { templateName = blankToNull(v); }
    public String getLanguage() { return language; }
    public void setLanguage(String v) { language = blankToNull(v); }
    public String getBody() { return body; }
    public void setBody(String v) { body = blankToNull(v); }
    public String getPurpose() { return purpose; }
    public void setPurpose(String v) { purpose = blankToNull(v); }
    public String getScheduleType() { return scheduleType; }
    public void setScheduleType(String v) { scheduleType = blankToNull(v); }
    public String getAt() { return at; }
    public void setAt(String v) { at = blankToNull(v); }
    public String getEveryDays() { return everyDays; }
    public void setEveryDays(String v) { everyDays = blankToNull(v); }
    public List<String> getWeekdays() { return weekdays; }
    public void setWeekdays(List<String> v) { weekdays = v == null ? new ArrayList<>() : v; }
    public String getAtLocalTime() { return atLocalTime; }
    public void setAtLocalTime(String v) { atLocalTime = blankToNull(v); }
    public String getUntil() { return until; }
    public void setUntil(String v) { until = blankToNull(v); }
    public String getCount() { return count; }
    public void setCount(String v) { count = blankToNull(v); }
    public List<String> getChannels() { return channels; }
    public boolean isCheapest() { return cheapest; }
    public void setCheapest(boolean v) { cheapest = v; }
    public void setChannels(List<String> v) { channels = v == null ? new ArrayList<>() : new ArrayList<>(v); }
    public String getFrom() { return from; }
    public void setFrom(String v) { from = blankToNull(v == null ? null : v.strip()); }
    public String getRate() { return rate; }
    public void setRate(String v) { rate = blankToNull(v); }
}
