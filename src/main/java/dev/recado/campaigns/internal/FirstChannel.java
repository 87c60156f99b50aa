package dev.recado.campaigns.internal;

import dev.recado.common.Db;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The SQL expression (over {@code contacts c}) naming which channel of an order first takes a
 * contact, as acceptance tries them: an identity there and consent for the purpose, and for
 * free-form text on a channel with a customer service window, an open window. It answers the
 * channel's index, or -1 when none takes the contact. A contact the window holds back on channel
 * {@code w} answers {@link #HELD} + the index of the channel that takes it instead (-1: none),
 * so one scan counts both the window's refusals and where those recipients go.
 */
record FirstChannel(String sql, List<Object> params) {

    static final int HELD = 100;

    /** A channel whose free-form text needs the customer's window: its sender and since when it must be open. */
    record Window(int index, long senderId, Instant openAfter) {
    }

    /** Channels that reach a contact by a column of its own; the others by its id on the channel. */
    private static final Map<String, String> DIRECT_IDENTITIES = Map.of("sms", "c.phone is not null",
            "whatsapp", "c.phone is not null", "rcs", "c.phone is not null", "email", "c.email is not null");

    static boolean byPhone(String channel) {
        return "c.phone is not null".equals(DIRECT_IDENTITIES.get(channel));
    }

    /** {@code window} null when no channel of the order holds free-form text back. Channels must be known ones. */
    static FirstChannel of(List<String> channels, String purpose, Window window) {
        List<Object> params = new ArrayList<>();
        String sql = from(0, channels, purpose, window, params);
        return new FirstChannel(sql, params);
    }

    private static String from(int first, List<String> channels, String purpose, Window window, List<Object> params) {
        if (first == channels.size()) {
            return "-1";
        }
        StringBuilder which = new StringBuilder("case");
        for (int i = first; i < channels.size(); i++) {
            String channel = channels.get(i);
            which.append(" when ").append(identity(channel)).append(" and ").append(SegmentWhere.CONSENT_STATE)
                    .append("marketing".equals(purpose) ? " = 'opted_in'" : " <> 'opted_out'").append(" then ");
            if (!DIRECT_IDENTITIES.containsKey(channel)) {
                params.add(channel);
            }
            params.add(purpose);
            params.add(channel);
            if (window != null && window.index() == i) {
                which.append("case when exists (select 1 from service_windows w where w.sender_id = ?"
                        + " and w.contact_id = c.id and w.last_inbound_at > ?) then ").append(i)
                        .append(" else ").append(HELD).append(" + ");
                params.add(window.senderId());
                params.add(Db.ts(window.openAfter()));
                // the channels after this one, tried for those it holds back
                which.append(from(i + 1, channels, purpose, null, params)).append(" end");
            } else {
                which.append(i);
            }
        }
        return which.append(" else -1 end").toString();
    }

    private static String identity(String channel) {
        if (!TemplateService.CHANNELS.contains(channel)) {
            throw new IllegalArgumentException("unknown channel " + channel);
        }
        return DIRECT_IDENTITIES.getOrDefault(channel,
                "exists (select 1 from contact_channel_ids i where i.contact_id = c.id and i.channel = ?)");
    }

    /** The channel index that takes a contact answering {@code code}; -1 for none. */
    static int taker(int code) {
        return code >= HELD - 1 ? code - HELD : code;
    }

    static boolean heldByWindow(int code) {
        return code >= HELD - 1;
    }
}
