package dev.recado.messaging.internal;

import dev.recado.common.Db;
import dev.recado.common.OutboundTargets;
import dev.recado.common.Redacted;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Posts queued webhook deliveries: signed with {@code Recado-Signature: t=..,v1=HMAC-SHA256(secret,
 * "t.body")}, identified by a {@code Recado-Delivery} id stable across retries, retried with
 * exponential backoff and jitter for 24 hours on any non-2xx answer or timeout. A delivery canceled
 * meanwhile (its subscription deleted) stays canceled.
 */
@Component
class WebhookDeliverer {

    static final Duration GIVE_UP_AFTER = Duration.ofHours(24);
    private static final Logger log = LoggerFactory.getLogger(WebhookDeliverer.class);

    private record Due(long id, long workspaceId, String url, String secret, String eventType, String payload,
            int attempts, Instant createdAt) {

        /** Never the secrets: a record's own toString would print them into any log line. */
        @Override
        public String toString() {
            return Redacted.toString(this);
        }
    }

    private final JdbcClient jdbc;
    private final CallbackSecrets callbackSecrets;
    private final Clock clock;
    private final OutboundTargets targets;
    private final ExecutorService posts = Executors.newVirtualThreadPerTaskExecutor();

    private final long retryBaseMillis;

    private final dev.recado.common.SecretBox secrets;

    WebhookDeliverer(JdbcClient jdbc, CallbackSecrets callbackSecrets, Clock clock, OutboundTargets targets,
            dev.recado.common.SecretBox secrets,
            @org.springframework.beans.factory.annotation.Value("${recado.webhooks.retry-base-millis:30000}") long retryBaseMillis) {
        this.targets = targets;
        this.secrets = secrets;
        this.jdbc = jdbc;
        this.retryBaseMillis = retryBaseMillis;
        this.callbackSecrets = callbackSecrets;
        this.clock = clock;
    }

    @Scheduled(fixedDelay = 500, initialDelay = 1000)
    void deliverDue() {
        Instant now = clock.instant();
        List<Due> due = jdbc.sql("""
                select d.id, d.workspace_id, d.url, coalesce(w.secret, d.secret) as secret, d.event_type, d.payload,
                       d.attempts, d.created_at
                  from webhook_deliveries d left join webhooks w on w.id = d.webhook_id
                 where d.status = 'pending' and d.next_attempt_at <= :now order by d.id limit 200""")
                .param("now", Db.ts(now))
                .query((rs, n) -> new Due(rs.getLong("id"), rs.getLong("workspace_id"), rs.getString("url"),
                        rs.getString("secret"), rs.getString("event_type"), rs.getString("payload"),
                        rs.getInt("attempts"), Db.instant(rs, "created_at")))
                .list();
        if (due.isEmpty()) {
            return;
        }
        CompletableFuture.allOf(due.stream().map(this::deliver).toArray(CompletableFuture[]::new)).join();
    }

    private CompletableFuture<Void> deliver(Due d) {
        String deliveryId = "evt_" + Long.toString(d.id(), 36);
        String body = "{\"id\":\"" + deliveryId + "\"," + d.payload().substring(1);
        long t = clock.instant().getEpochSecond();
        String secret = d.secret() != null ? secrets.open(d.secret()) : callbackSecrets.secretOf(d.workspaceId());
        var headers = new java.util.LinkedHashMap<String, String>();
        headers.put("Content-Type", "application/json");
        headers.put("User-Agent", "Recado-Webhooks/1");
        headers.put("Recado-Delivery", deliveryId);
        headers.put("Recado-Event", d.eventType());
        headers.put("Recado-Signature", "t=" + t + ",v1=" + sign(secret, t + "." + body));
        // the target is checked again here, after DNS resolution, and the post goes to the checked address
        return CompletableFuture.runAsync(() -> {
            try {
                record(d, targets.post(d.url(), d.workspaceId(), headers, body.getBytes(StandardCharsets.UTF_8)), null);
            } catch (java.io.IOException | RuntimeException e) {
                record(d, null, e instanceof OutboundTargets.RefusedTarget ? "private_target: " + e.getMessage()
                        : String.valueOf(e.getMessage()));
            }
        }, posts);
    }

    private void record(Due d, Integer status, String error) {
        Instant now = clock.instant();
        if (status != null && status >= 200 && status < 300) {
            jdbc.sql("update webhook_deliveries set status = 'delivered', attempts = attempts + 1, last_status = :s, delivered_at = :now where id = :id and status = 'pending'")
                    .param("s", status).param("now", Db.ts(now)).param("id", d.id()).update();
            return;
        }
        int attempts = d.attempts() + 1;
        long capMillis = Math.min(3_600_000, retryBaseMillis << Math.min(attempts, 10));
        Instant next = now.plusMillis(ThreadLocalRandom.current().nextLong(capMillis / 2, capMillis + 1));
        boolean giveUp = next.isAfter(d.createdAt().plus(GIVE_UP_AFTER));
        jdbc.sql("""
                update webhook_deliveries set status = :state, attempts = :attempts, last_status = :s, last_error = :e,
                       next_attempt_at = :next where id = :id and status = 'pending'""")
                .param("state", giveUp ? "failed" : "pending").param("attempts", attempts).param("s", status)
                .param("e", error == null ? null : error.length() > 500 ? error.substring(0, 500) : error)
                .param("next", Db.ts(next)).param("id", d.id()).update();
        if (giveUp) {
            log.warn("Webhook delivery {} to {} given up after {} attempts", d.id(), d.url(), attempts);
        }
    }

    static String sign(String secret, String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
