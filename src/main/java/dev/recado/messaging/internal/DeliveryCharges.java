package dev.recado.messaging.internal;

import dev.recado.billing.BillingManagement;
import dev.recado.common.IdBlocks;
import dev.recado.common.SetStatements;
import dev.recado.messaging.spi.ChannelAdapterFactory;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Charges for providers that price delivered messages ({@link ChannelAdapterFactory#chargesOnDelivery}):
 * such a message keeps its reservation when the provider accepts it ({@code settled} stays false),
 * is charged when a receipt says delivered or read, and gives the reservation back when one says
 * undelivered. Each message is settled once: the flag is taken by a guarded update in the
 * receipt's transaction, so a receipt applied twice, or by two nodes, charges once.
 */
@Component
class DeliveryCharges {

    private record Unsettled(long id, long workspaceId, Long campaignId, BigDecimal price) {
    }

    private final SenderRepository senders;
    private final Map<String, Boolean> byProvider = new HashMap<>();
    /** A sender's provider never changes, so whether it charges on delivery is read once. */
    private final Map<Long, Boolean> bySender = new ConcurrentHashMap<>();
    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final BillingManagement billing;
    private final boolean postgres;

    DeliveryCharges(SenderRepository senders, List<ChannelAdapterFactory> factories, JdbcClient jdbc,
            JdbcTemplate template, BillingManagement billing, IdBlocks ids) {
        this.postgres = ids.postgres();
        this.senders = senders;
        this.jdbc = jdbc;
        this.template = template;
        this.billing = billing;
        factories.forEach(f -> byProvider.put(f.provider(), f.chargesOnDelivery()));
    }

    /** Whether this sender's messages are charged on delivery rather than when the provider accepts them. */
    boolean onDelivery(long senderId) {
        return bySender.computeIfAbsent(senderId, id -> senders.findAnyWorkspace(id, true)
                .map(s -> byProvider.getOrDefault(s.provider(), false)).orElse(false));
    }

    /** In the receipt's transaction: charges those of these delivered or read messages still unsettled. */
    void delivered(Collection<Long> messageIds) {
        Settlements settlements = new Settlements();
        take(messageIds, "").forEach(m -> settlements.add(m.id(), m.workspaceId(), m.campaignId(), m.price()));
        settlements.lines().forEach(l -> billing.settle(l.workspaceId(), l.amount(), l.reference(), l.description(),
                l.messages()));
    }

    /** In the receipt's transaction: gives back what undelivered messages still unsettled had reserved. */
    void undelivered(Collection<Long> messageIds) {
        release(take(messageIds, ""));
    }

    /** The providers whose messages are charged on delivery. */
    List<String> providersChargingOnDelivery() {
        return byProvider.entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey).sorted().toList();
    }

    /**
     * In the caller's transaction: of these messages, those still 'sent' and unsettled give their
     * reservation back uncharged and say why in their error code and text; their status stays.
     * Taken by the same guarded flag as a receipt's charge, so either this or the charge happens,
     * never both. Returns how many were released.
     */
    int unreported(Collection<Long> messageIds, String text, java.time.Instant now) {
        List<Unsettled> taken = take(messageIds, " and status = 'sent'");
        release(taken);
        if (!taken.isEmpty()) {
            jdbc.sql("update messages set error_code = :code, error_text = :text, updated_at = :now where id = any(:ids)")
                    .param("code", UNREPORTED).param("text", text).param("now", dev.recado.common.Db.ts(now))
                    .param("ids", SetStatements.bigints(taken.stream().map(Unsettled::id).toList())).update();
        }
        return taken.size();
    }

    /** The error code of a message whose reservation was given back because no status ever came. */
    static final String UNREPORTED = "unreported_not_charged";

    private void release(List<Unsettled> taken) {
        Map<Long, BigDecimal> releases = new HashMap<>();
        taken.forEach(m -> releases.merge(m.workspaceId(), m.price(), BigDecimal::add));
        releases.forEach(billing::release);
    }

    /** The unsettled among these messages ({@code guard}: a further condition), each marked settled by this call alone. */
    private List<Unsettled> take(Collection<Long> messageIds, String guard) {
        if (messageIds.isEmpty()) {
            return List.of();
        }
        if (postgres) {
            // one statement takes and reads them: on a receipt batch of messages charged at acceptance
            // (every SMS) it changes nothing, and it costs no per-row execution when it does
            return jdbc.sql("""
                    update messages set settled = true
                     where id = any(:ids) and settled = false and direction = 'outbound'""" + guard
                    + " returning id, workspace_id, campaign_id, price")
                    .param("ids", SetStatements.bigints(messageIds)).query(DeliveryCharges::unsettled).list();
        }
        List<Unsettled> found = jdbc.sql("""
                select id, workspace_id, campaign_id, price from messages
                 where id = any(:ids) and settled = false and direction = 'outbound'""" + guard)
                .param("ids", SetStatements.bigints(messageIds))
                .query(DeliveryCharges::unsettled).list();
        if (found.isEmpty()) {
            return found;
        }
        // the guard is the update, not the select: a concurrent taker of the same row changes nothing
        int[][] counts = template.batchUpdate("update messages set settled = true where id = ? and settled = false" + guard,
                found, 500, (ps, m) -> ps.setLong(1, m.id()));
        return Batches.changed(found, counts);
    }

    private static Unsettled unsettled(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Unsettled(rs.getLong("id"), rs.getLong("workspace_id"), dev.recado.common.Db.nullableLong(rs,
                "campaign_id"), rs.getBigDecimal("price"));
    }
}
