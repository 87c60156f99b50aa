package dev.recado.messaging.internal;

import dev.recado.common.PublicId;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the ledger says a usage line charged. Messages a provider accepted (or, for providers that
 * charge on delivery, delivered) are settled in batches,
 * one ledger line per workspace and campaign in each batch, and its reference names what it covers:
 * <ul>
 * <li>one message: the message's id ({@code msg_…});</li>
 * <li>messages of one campaign: the campaign's id ({@code cmp_…}), the page that lists them;</li>
 * <li>several other messages: no reference; the description names them (all of them up to
 * {@link #LISTED}, else the first and the last).</li>
 * </ul>
 */
final class Settlements {

    static final int LISTED = 10;

    /** One ledger line to write. */
    record Line(long workspaceId, BigDecimal amount, int messages, String reference, String description) {
    }

    private record Key(long workspaceId, Long campaignId) {
    }

    /** One message charged. */
    private record Charged(long id, BigDecimal price) {
    }

    private final Map<Key, List<Charged>> byKey = new LinkedHashMap<>();

    void add(DispatchQueue.Claimed settled) {
        add(settled.id(), settled.workspaceId(), settled.campaignId(), settled.price());
    }

    void add(long messageId, long workspaceId, Long campaignId, BigDecimal price) {
        byKey.computeIfAbsent(new Key(workspaceId, campaignId), k -> new ArrayList<>()).add(new Charged(messageId, price));
    }

    List<Line> lines() {
        List<Line> lines = new ArrayList<>(byKey.size());
        byKey.forEach((key, messages) -> {
            BigDecimal amount = messages.stream().map(Charged::price).reduce(BigDecimal.ZERO, BigDecimal::add);
            lines.add(new Line(key.workspaceId(), amount, messages.size(), reference(key, messages),
                    description(messages)));
        });
        return lines;
    }

    private static String reference(Key key, List<Charged> messages) {
        if (messages.size() == 1) {
            return PublicId.of("msg_", messages.get(0).id());
        }
        return key.campaignId() == null ? null : PublicId.of("cmp_", key.campaignId());
    }

    private static String description(List<Charged> messages) {
        if (messages.size() == 1) {
            return "1 message";
        }
        List<String> ids = messages.stream().map(m -> PublicId.of("msg_", m.id())).toList();
        String named = ids.size() <= LISTED ? String.join(", ", ids)
                : ids.get(0) + " … " + ids.get(ids.size() - 1);
        return ids.size() + " messages: " + named;
    }
}
