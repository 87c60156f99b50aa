package dev.recado.messaging.internal;

import dev.recado.messaging.Content;
import dev.recado.messaging.PriceQuote;
import dev.recado.messaging.spi.ChannelCapabilities;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Prices per channel and destination prefix, longest prefix first; a workspace's own row beats the
 * default for the same prefix. Reloaded every minute so a price change needs no restart.
 */
@Component
public class PriceList {

    record Row(Long workspaceId, String channel, String prefix, BigDecimal perSegment, String currency) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;
    private volatile List<Row> rows;
    private volatile Instant loadedAt = Instant.EPOCH;

    PriceList(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * The price row's channel. Windowed channels price by conversation category
     * ({@code whatsapp:marketing}, ...): free-form replies and utility templates inside the customer's
     * window are {@code service}; a template whose category is not known counts as marketing, the
     * dearest, until it is synced.
     */
    static String priceChannel(String channel, ChannelCapabilities capabilities, Content content,
            String templateCategory, boolean windowOpen) {
        if (!capabilities.freeTextNeedsWindow()) {
            return channel;
        }
        if (!content.kind().equals("template")) {
            return channel + ":service";
        }
        String category = templateCategory == null ? "marketing" : templateCategory;
        return channel + ":" + (category.equals("utility") && windowOpen ? "service" : category);
    }

    /** Rows written to {@code prices} count from the next quote on this node (others within a minute). */
    public void forget() {
        rows = null;
    }

    public PriceQuote quote(long workspaceId, String channel, String e164, int segments) {
        String digits = e164.startsWith("+") ? e164.substring(1) : e164;
        Row best = null;
        for (Row row : rows()) {
            if (!row.channel().equals(channel) || !digits.startsWith(row.prefix())
                    || row.workspaceId() != null && row.workspaceId() != workspaceId) {
                continue;
            }
            if (best == null || row.prefix().length() > best.prefix().length()
                    || row.prefix().length() == best.prefix().length() && row.workspaceId() != null) {
                best = row;
            }
        }
        if (best == null) {
            return new PriceQuote(BigDecimal.ZERO, BigDecimal.ZERO, "EUR", "");
        }
        return new PriceQuote(best.perSegment().stripTrailingZeros(),
                best.perSegment().multiply(BigDecimal.valueOf(segments)).stripTrailingZeros(), best.currency(),
                best.prefix());
    }

    /**
     * The longest prefix a row of {@code channel} that applies to this workspace has: the first that
     * many digits of a number decide its price, so an audience grouped by them is priced exactly.
     */
    public int longestPrefix(long workspaceId, String channel) {
        return rows().stream().filter(r -> r.channel().equals(channel)
                && (r.workspaceId() == null || r.workspaceId() == workspaceId))
                .mapToInt(r -> r.prefix().length()).max().orElse(0);
    }

    private List<Row> rows() {
        Instant now = clock.instant();
        if (rows == null || loadedAt.plus(Duration.ofMinutes(1)).isBefore(now)) {
            rows = jdbc.sql("select workspace_id, channel, prefix, price_per_segment, currency from prices")
                    .query((rs, n) -> new Row(dev.recado.common.Db.nullableLong(rs, "workspace_id"), rs.getString(2),
                            rs.getString(3), rs.getBigDecimal(4), rs.getString(5)))
                    .list();
            loadedAt = now;
        }
        return rows;
    }
}
