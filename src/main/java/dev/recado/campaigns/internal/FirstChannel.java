package dev.recado.campaigns.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The SQL expression (over {@code contacts c}) naming which channel of an order first takes a
 * contact, as acceptance tries them: an identity there and consent for the purpose. It answers the
 * channel's index, or -1 when none takes the contact.
 */
record FirstChannel(String sql, List<Object> params) {

    /** Channels that reach a contact by a column of its own; the others by its id on the channel. */
    private static final Map<String, String> DIRECT_IDENTITIES = Map.of("sms", "c.phone is not null",
            "whatsapp", "c.phone is not null", "rcs", "c.phone is not null", "email", "c.email is not null");

    static boolean byPhone(String channel) {
        return "c.phone is not null".equals(DIRECT_IDENTITIES.get(channel));
    }

    /** Channels must be known ones. */
    static FirstChannel of(List<String> channels, String purpose) {
        List<Object> params = new ArrayList<>();
        StringBuilder which = new StringBuilder("case");
        for (int i = 0; i < channels.size(); i++) {
            which.append(" when ").append(reaches(channels.get(i), purpose, params)).append(" then ").append(i);
        }
        return new FirstChannel(which.append(" else -1 end").toString(), params);
    }

    /**
     * The condition that the channel has an identity for the contact and consent for the purpose
     * (marketing needs {@code opted_in}, transactional anything but {@code opted_out}, as
     * {@code ConsentRules}); its parameters are added to {@code params}.
     */
    static String reaches(String channel, String purpose, List<Object> params) {
        if (!DIRECT_IDENTITIES.containsKey(channel)) {
            params.add(channel);
        }
        params.add(purpose);
        params.add(channel);
        return identity(channel) + " and " + SegmentWhere.CONSENT_STATE
                + ("marketing".equals(purpose) ? " = 'opted_in'" : " <> 'opted_out'");
    }

    private static String identity(String channel) {
        if (!TemplateService.CHANNELS.contains(channel)) {
            throw new IllegalArgumentException("unknown channel " + channel);
        }
        return DIRECT_IDENTITIES.getOrDefault(channel,
                "exists (select 1 from contact_channel_ids i where i.contact_id = c.id and i.channel = ?)");
    }
}
