package dev.recado.messaging.internal;

import dev.recado.common.Db;
import dev.recado.messaging.Sender;
import dev.recado.messaging.spi.DestinationReport;
import dev.recado.messaging.spi.DestinationReport.Kind;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What providers said about destinations (bounces, complaints), per workspace, channel and address
 * ({@code destination_health}), and per message ({@code message_feedback}, one row per message and
 * kind, so a report read twice counts once). A hard bounce makes the address undeliverable: the
 * acceptor refuses later messages to it with {@code <channel>_undeliverable}.
 */
@Component
class DestinationReports {

    record Health(String address, String code, String detail) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;

    DestinationReports(JdbcClient jdbc, TransactionTemplate tx, Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
    }

    static String refusalCode(String channel) {
        return channel + "_undeliverable";
    }

    void record(Sender sender, DestinationReport report) {
        String address = normalize(report.destination());
        var at = Db.ts(report.at() != null ? report.at() : clock.instant());
        String code = clip(report.code(), 64);
        String detail = clip(report.detail(), 500);
        tx.executeWithoutResult(status -> {
            Optional<Long[]> message = report.providerId() == null ? Optional.empty() : jdbc.sql("""
                    select m.id, m.campaign_id from message_parts p join messages m on m.id = p.message_id
                     where p.sender_id = :sender and p.provider_id = :provider""")
                    .param("sender", sender.id()).param("provider", report.providerId())
                    .query((rs, n) -> new Long[] {rs.getLong(1), Db.nullableLong(rs, "campaign_id")}).optional();
            if (message.isPresent() && jdbc.sql("""
                    insert into message_feedback (message_id, kind, workspace_id, sender_id, campaign_id, code, at)
                    values (:message, :kind, :workspace, :sender, :campaign, :code, :at) on conflict do nothing""")
                    .param("message", message.get()[0]).param("kind", kind(report.kind()))
                    .param("workspace", sender.workspaceId()).param("sender", sender.id())
                    .param("campaign", message.get()[1]).param("code", code).param("at", at).update() == 0) {
                return; // this message's report was recorded before
            }
            if (address == null) {
                return;
            }
            for (int attempt = 0; attempt < 2; attempt++) {
                if (bump(sender, address, report.kind(), code, detail, at) == 1) {
                    return;
                }
                if (jdbc.sql("""
                        insert into destination_health (workspace_id, channel, address, updated_at)
                        values (:workspace, :channel, :address, :at) on conflict do nothing""")
                        .param("workspace", sender.workspaceId()).param("channel", sender.channel())
                        .param("address", address).param("at", at).update() == 0 && attempt == 1) {
                    throw new IllegalStateException("destination_health row vanished for " + address);
                }
            }
        });
    }

    private int bump(Sender sender, String address, Kind kind, String code, String detail, Object at) {
        return jdbc.sql("""
                update destination_health
                   set hard_bounces = hard_bounces + :hard, soft_bounces = soft_bounces + :soft,
                       complaints = complaints + :complaint,
                       undeliverable_since = case when :hard = 1 and undeliverable_since is null then :at
                                                  else undeliverable_since end,
                       last_code = :code, last_detail = :detail, updated_at = :at
                 where workspace_id = :workspace and channel = :channel and address = :address""")
                .param("hard", kind == Kind.HARD_BOUNCE ? 1 : 0).param("soft", kind == Kind.SOFT_BOUNCE ? 1 : 0)
                .param("complaint", kind == Kind.COMPLAINT ? 1 : 0).param("at", at).param("code", code)
                .param("detail", detail).param("workspace", sender.workspaceId()).param("channel", sender.channel())
                .param("address", address).update();
    }

    /** The addresses among {@code addresses} a hard bounce made undeliverable on the channel, by address. */
    Map<String, Health> undeliverable(long workspaceId, String channel, Collection<String> addresses) {
        List<String> normalized = addresses.stream().map(DestinationReports::normalize).distinct().toList();
        if (normalized.isEmpty()) {
            return Map.of();
        }
        return jdbc.sql("""
                select address, last_code, undeliverable_since from destination_health
                 where workspace_id = :workspace and channel = :channel and address in (:addresses)
                   and undeliverable_since is not null""")
                .param("workspace", workspaceId).param("channel", channel).param("addresses", normalized)
                .query((rs, n) -> new Health(rs.getString(1), rs.getString(2),
                        "bounced permanently (" + rs.getString(2) + ") on " + Db.instant(rs, "undeliverable_since")))
                .list().stream().collect(Collectors.toMap(Health::address, h -> h, (a, b) -> a));
    }

    static String normalize(String address) {
        return address == null || address.isBlank() ? null : address.strip().toLowerCase(Locale.ROOT);
    }

    private static String kind(Kind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    private static String clip(String text, int max) {
        if (text == null) {
            return null;
        }
        String line = text.replaceAll("\\s+", " ").strip();
        return line.length() > max ? line.substring(0, max) : line;
    }
}
