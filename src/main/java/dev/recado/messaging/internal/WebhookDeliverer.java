package dev.recado.messaging.internal;

import dev.recado.common.Db;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
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
    }

    private final JdbcClient jdbc;
    private final CallbackSecrets callbackSecrets;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    private final long retryBaseMillis;

    WebhookDeliverer(JdbcClient jdbc, CallbackSecrets callbackSecrets, Clock clock,
            @org.springframework.beans.factory.annotation.Value("${recado.webhooks.retry-base-millis:30000}") long retryBaseMillis) {
        this.jdbc = jdbc;
        this.retryBaseMillis = retryBaseMillis;
        this.callbackSecrets = callbackSecrets;
        this.clock = clock;
    }

    @Scheduled(fixedDelay = 500, initialDelay = 1000)
    void deliverDue() {
        Instant now = clock.instant();
        List<Due> due = jdbc.sql("""
                select id, workspace_id, url, secret, event_type, payload, attempts, created_at from webhook_deliveries
                 where status = 'pending' and next_attempt_at <= :now order by id limit 200""")
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
        String secret = d.secret() != null ? d.secret() : callbackSecrets.secretOf(d.workspaceId());
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(d.url())).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "Recado-Webhooks/1")
                    .header("Recado-Delivery", deliveryId)
                    .header("Recado-Event", d.eventType())
                    .header("Recado-Signature", "t=" + t + ",v1=" + sign(secret, t + "." + body))
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        } catch (IllegalArgumentException badUrl) {
            record(d, null, "invalid URL");
            return CompletableFuture.completedFuture(null);
        }
        return http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                .handle((response, error) -> {
                    record(d, response == null ? null : response.statusCode(),
                            error == null ? null : String.valueOf(error.getMessage()));
                    return null;
                });
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
