package dev.recado.common;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * {@code Idempotency-Key} for every POST of the API: the same key and body within 24 h replay the
 * first response; the same key with another body is refused. A claim row is written before the
 * request runs, so two concurrent retries cannot both execute. Server errors release the key so
 * the client can retry; modules that must be exactly-once across crashes (messages) also keep the
 * key on their own rows.
 *
 * <p>A claim names the node that wrote it. A node that starts frees its own unanswered claims: their
 * requests died with its previous run (kill -9, power loss), and until then a client's retry would be
 * told for {@link #ABANDONED} that its request is still in progress. Other nodes' claims are left to
 * that timeout, since those nodes may still be working on them.
 */
@Component
@Order(0)
class IdempotencyFilter extends OncePerRequestFilter implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(IdempotencyFilter.class);

    static final Duration RETENTION = Duration.ofHours(24);
    private static final Duration ABANDONED = Duration.ofMinutes(5);

    private final JdbcClient jdbc;
    private final Clock clock;
    private final String node;

    IdempotencyFilter(JdbcClient jdbc, Clock clock, @Value("${recado.node-id:}") String node) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.node = node.isBlank() ? hostName() : node.strip();
    }

    /** Before the server takes requests: none of this node's claims can belong to a running request. */
    @Override
    public void afterSingletonsInstantiated() {
        int freed = jdbc.sql("delete from idempotency_keys where claimed_by = :node and response_status is null")
                .param("node", node).update();
        if (freed > 0) {
            log.info("Freed {} idempotency keys whose requests died with this node's previous run", freed);
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || !request.getRequestURI().startsWith("/v1/")
                || request.getHeader("Idempotency-Key") == null
                // imports can be a gigabyte: they are not buffered to be hashed
                || request.getRequestURI().startsWith("/v1/contacts/imports");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !(auth.getPrincipal() instanceof Caller caller)) {
            chain.doFilter(request, response);
            return;
        }
        String key = request.getHeader("Idempotency-Key").strip();
        if (key.isEmpty() || key.length() > 255) {
            write(response, 422, "validation_failed", "Idempotency-Key must be 1 to 255 characters");
            return;
        }
        long scope = caller.workspaceId() == null ? 0 : caller.workspaceId();
        byte[] body;
        try {
            body = request.getInputStream().readAllBytes();
        } catch (PayloadTooLargeException e) {
            write(response, 413, "payload_too_large", e.getMessage());
            return;
        }
        String hash = hash(request.getRequestURI() + "?" + request.getQueryString(), body);
        Instant now = clock.instant();
        if (!claim(scope, key, hash, now)) {
            var stored = jdbc.sql("""
                    select request_hash, response_status, response_body, content_type, created_at
                      from idempotency_keys where workspace_id = :ws and idem_key = :key
                    """)
                    .param("ws", scope).param("key", key)
                    .query((rs, n) -> new Stored(rs.getString(1), (Integer) rs.getObject(2), rs.getString(3),
                            rs.getString(4), Db.instant(rs, "created_at")))
                    .optional();
            if (stored.isEmpty()) {
                write(response, 409, "idempotency_conflict", "Retry the request");
                return;
            }
            Stored s = stored.get();
            if (!s.hash().equals(hash)) {
                write(response, 422, "idempotency_key_reused",
                        "This Idempotency-Key was used with a different request");
                return;
            }
            if (s.status() == null) {
                write(response, 409, "idempotency_in_progress",
                        "A request with this Idempotency-Key is still being processed");
                return;
            }
            response.setStatus(s.status());
            if (s.contentType() != null) {
                response.setContentType(s.contentType());
            }
            response.setHeader("Idempotent-Replayed", "true");
            response.setCharacterEncoding("UTF-8");
            response.getWriter().write(s.body() == null ? "" : s.body());
            return;
        }
        var cachedResponse = new ContentCachingResponseWrapper(response);
        boolean completed = false;
        try {
            chain.doFilter(new CachedBodyRequest(request, body), cachedResponse);
            completed = cachedResponse.getStatus() < 500;
        } finally {
            if (completed) {
                jdbc.sql("""
                        update idempotency_keys set response_status = :status, response_body = :body, content_type = :type
                         where workspace_id = :ws and idem_key = :key
                        """)
                        .param("status", cachedResponse.getStatus())
                        .param("body", new String(cachedResponse.getContentAsByteArray(), StandardCharsets.UTF_8))
                        .param("type", cachedResponse.getContentType()).param("ws", scope).param("key", key)
                        .update();
            } else {
                release(scope, key);
            }
            cachedResponse.copyBodyToResponse();
        }
    }

    private boolean claim(long scope, String key, String hash, Instant now) {
        // an expired key, or a claim whose request died with a crashed process, is free again
        jdbc.sql("""
                delete from idempotency_keys where workspace_id = :ws and idem_key = :key
                   and (created_at < :expired or (response_status is null and created_at < :abandoned))
                """)
                .param("ws", scope).param("key", key).param("expired", Db.ts(now.minus(RETENTION)))
                .param("abandoned", Db.ts(now.minus(ABANDONED))).update();
        try {
            jdbc.sql("""
                    insert into idempotency_keys (workspace_id, idem_key, request_hash, created_at, claimed_by)
                    values (:ws, :key, :hash, :now, :node)
                    """)
                    .param("ws", scope).param("key", key).param("hash", hash).param("now", Db.ts(now))
                    .param("node", node).update();
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    private void release(long scope, String key) {
        jdbc.sql("delete from idempotency_keys where workspace_id = :ws and idem_key = :key")
                .param("ws", scope).param("key", key).update();
    }

    @Scheduled(fixedDelay = 3_600_000, initialDelay = 60_000)
    void purgeExpired() {
        jdbc.sql("delete from idempotency_keys where created_at < :expired")
                .param("expired", Db.ts(clock.instant().minus(RETENTION))).update();
    }

    private record Stored(String hash, Integer status, String body, String contentType, Instant createdAt) {
    }

    private static void write(HttpServletResponse response, int status, String code, String detail) throws IOException {
        Problems.write(response, status, code, detail, null, null);
    }

    private static String hash(String target, byte[] body) {
        try {
            var digest = MessageDigest.getInstance("SHA-256");
            digest.update(target.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(body);
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Lets the controller read the body the filter already consumed. */
    private static final class CachedBodyRequest extends HttpServletRequestWrapper {

        private final byte[] body;

        CachedBodyRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            var in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException();
                }
            };
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
