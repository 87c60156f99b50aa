package dev.recado.campaigns;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Segments for other modules (the console): saved, counted, and counted before saving. */
public interface SegmentManagement {

    /** As the API states it: {@code {"field": "tag", "op": "has", "value": "vip"}}. */
    record Condition(String field, String op, Object value) {
    }

    record SegmentView(long id, String name, String match, List<Condition> conditions, Instant createdAt) {
    }

    List<SegmentView> list(long workspaceId, long beforeId, int limit);

    SegmentView require(long workspaceId, long id);

    SegmentView create(long workspaceId, String name, String match, List<Condition> conditions);

    /** Fields not null replace the saved ones; campaigns already running keep their audience. */
    SegmentView update(long workspaceId, long id, String name, String match, List<Condition> conditions);

    /** Refused (409 {@code segment_in_use}) while a scheduled, running or paused campaign uses it. */
    void delete(long workspaceId, long id);

    long count(long workspaceId, long segmentId);

    /** Conditions not saved yet; refused naming the bad condition as creating them would be. */
    long count(long workspaceId, String match, List<Condition> conditions);

    /**
     * Who a campaign on {@code channels} (tried in that order) reaches: per channel, how many of the
     * audience it is the first to reach with an identity there and consent for {@code purpose};
     * {@code unreachable}, how many none of them reaches.
     */
    record Reach(Map<String, Long> firstByChannel, long unreachable) {
    }

    /** Refused (422) naming the conditions, an unknown channel or purpose. */
    Reach reach(long workspaceId, String match, List<Condition> conditions, String purpose, List<String> channels);

    /**
     * One channel of a campaign's order as the review prices it: {@code providerTemplate} the provider
     * template (WhatsApp) its variant names in {@code language} — sent outside the service window too,
     * priced by its synced category — null for free-form content; {@code units} what one message counts
     * there (1 but for SMS). {@code variants}: the template's variants of the channel in every language;
     * for SMS they are rendered for the audience's contacts and each recipient is priced at their own
     * text's segments ({@link Estimate#segments}). Without them (null), {@code units} (a sample
     * contact's segments) stands for every recipient. {@code from}: the campaign's {@code from}, as
     * acceptance reads it on this channel (its one sender carries every number, or it refuses it); null
     * for the channel's default sender and the senders its numbers are routed to.
     */
    record ChannelContent(String channel, String providerTemplate, String language, int units,
            List<TemplateManagement.Variant> variants, String from) {

        public ChannelContent(String channel, String providerTemplate, String language, int units,
                List<TemplateManagement.Variant> variants) {
            this(channel, providerTemplate, language, units, variants, null);
        }

        /** Priced at {@code units} for every recipient. */
        public ChannelContent(String channel, String providerTemplate, String language, int units) {
            this(channel, providerTemplate, language, units, null, null);
        }
    }

    /**
     * The SMS segments of the recipients a channel takes, as they were priced: {@code min},
     * {@code max} and {@code mean} (two decimals). {@code sampled}: counted on {@code sampleSize}
     * contacts spread over an audience larger than that, each destination's recipients priced by the
     * shares of its sampled contacts; false when every recipient's own text was counted
     * ({@code sampleSize} is then the audience).
     */
    record SegmentSpread(int min, int max, BigDecimal mean, boolean sampled, int sampleSize) {
    }

    /** What a channel takes: its recipients (capped ones left out) and their cost at their own destinations. */
    record ChannelEstimate(long recipients, BigDecimal cost) {
    }

    /** A channel's recipients whose price comes from one price-list prefix ({@code ""}: the channel's default row). */
    record DestinationEstimate(String channel, String prefix, long recipients, BigDecimal cost) {
    }

    /**
     * What a campaign starting at a moment would do with its audience, as acceptance decides it.
     * {@code byChannel}, in the order tried: recipients each channel takes first (identity, consent,
     * and for free-form text on {@code windowChannel} an open service window), priced each at its
     * destination; {@code total} their sum, in {@code currency}; {@code topDestinations} the dearest
     * prefixes. {@code unreachable}: no channel has an identity and consent for them.
     * {@code outsideWindow}: recipients {@code windowChannel} would have taken but refuses
     * ({@code outside_customer_service_window}), of which {@code outsideWindowSkipped} no later channel
     * takes; {@code windowChannel} is null when no channel of the order holds free-form text back (a
     * WhatsApp variant that is a provider template). Marketing only: {@code deferredQuietHours}, taken
     * but waiting for quiet hours to end ({@code deferred_quiet_hours}); {@code capped}, skipped at the
     * frequency cap (not in {@code byChannel} nor priced). {@code passedOver}: recipients a channel
     * would have taken but its sender refuses for another reason than the window, each moving on to
     * the next channel. {@code reachUnknown}: per channel whose provider checks each number (RCS),
     * how many of those it takes it has no answer for yet (it asks at the send; a number it cannot
     * reach then falls back). {@code windowPriced}: recipients priced as inside their service window
     * (a utility template there is free). {@code segments}: per SMS channel whose texts were given
     * ({@link ChannelContent#variants}) and that takes anyone, the segments its recipients were priced at.
     */
    record Estimate(Map<String, ChannelEstimate> byChannel, long unreachable, BigDecimal total, String currency,
            List<DestinationEstimate> topDestinations, String windowChannel, long outsideWindow,
            long outsideWindowSkipped, long deferredQuietHours, long capped, List<PassedOver> passedOver,
            Map<String, Long> reachUnknown, long windowPriced, Map<String, SegmentSpread> segments) {
    }

    /**
     * Recipients {@code channel} would refuse with {@code code}: {@code template_not_approved} (the
     * provider template {@code template} in {@code language} is {@code status} for the sender that
     * would carry them: {@code pending}, {@code rejected}…, {@code unknown} when it does not hold
     * it), {@code recipient_not_rcs_capable} (the provider last said it cannot reach their
     * numbers) or {@code sender_not_allowed} (the channel refuses the campaign's {@code from}: another
     * channel's sender, or a name its default sender is not approved to show). {@code skipped}: of
     * them, how many no later channel takes.
     */
    record PassedOver(String channel, String code, String template, String language, String status,
            long recipients, long skipped) {
    }

    /**
     * Refused (422) as {@link #reach}, and as acceptance refuses a {@code from} that no channel takes
     * (422 {@code sender_not_allowed} naming {@code from}); {@code at} is when it would start (quiet
     * hours and windows then).
     */
    default Estimate estimate(long workspaceId, String match, List<Condition> conditions, String purpose,
            List<ChannelContent> channels, Instant at) {
        return estimate(workspaceId, match, conditions, purpose, channels, false, at);
    }

    /**
     * As above; {@code cheapest}: {@code channels} are a {@code cheapest} campaign's candidates (in
     * their tie order), and each recipient goes to the cheapest that takes them at their own
     * destination, as acceptance chooses.
     */
    Estimate estimate(long workspaceId, String match, List<Condition> conditions, String purpose,
            List<ChannelContent> channels, boolean cheapest, Instant at);

    /** The first contact the conditions match: a sample recipient for previews. */
    Optional<Long> firstContact(long workspaceId, String match, List<Condition> conditions);

    /** The saved segment of everyone with a tag, created on first use so a campaign can name it. */
    SegmentView forTag(long workspaceId, String tag);
}
