package dev.recado.workspace.internal;

import dev.recado.common.Caller;
import dev.recado.common.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.preauth.PreAuthenticatedAuthenticationToken;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code Authorization: Bearer <key>} on the API. Scope is enforced here, once for
 * every endpoint: a read-only key cannot write, the platform key only manages workspaces (and their
 * top-up requests).
 */
class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

    private static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);

    private final ApiKeyRepository keys;
    private final byte[] platformKey;
    private final Clock clock;

    ApiKeyAuthenticationFilter(ApiKeyRepository keys, String platformKey, Clock clock) {
        this.keys = keys;
        this.platformKey = platformKey == null || platformKey.isBlank() ? null : platformKey.getBytes(StandardCharsets.UTF_8);
        this.clock = clock;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header == null) {
            chain.doFilter(request, response);
            return;
        }
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            deny(response, 401, "invalid_api_key", "Use Authorization: Bearer <api key>");
            return;
        }
        String secret = header.substring(7).strip();
        Caller caller;
        try {
            caller = resolve(secret);
        } catch (SuspendedWorkspace e) {
            deny(response, 403, "workspace_suspended", "This workspace is suspended; contact your provider");
            return;
        }
        if (caller == null) {
            deny(response, 401, "invalid_api_key", "The API key is unknown or revoked");
            return;
        }
        boolean workspacesPath = isPlatformPath(request.getRequestURI());
        if (caller.isPlatform() && !workspacesPath) {
            deny(response, 403, "platform_key_not_allowed", "The platform key manages workspaces; use a workspace key here");
            return;
        }
        if (!caller.isPlatform() && workspacesPath) {
            deny(response, 403, "platform_key_required", "Managing workspaces needs the platform key");
            return;
        }
        if (caller.scope() == Caller.Scope.READ && !isRead(request.getMethod())) {
            deny(response, 403, "read_only_key", "This API key is read-only");
            return;
        }
        var auth = new PreAuthenticatedAuthenticationToken(caller, null,
                List.of(new SimpleGrantedAuthority("ROLE_API_" + caller.scope().name())));
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(auth);
        SecurityContextHolder.setContext(context);
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    /** What only the platform key reaches: workspaces, and the top-up requests of all of them. */
    static boolean isPlatformPath(String uri) {
        return uri.startsWith("/v1/workspaces") || uri.startsWith("/v1/topup-requests");
    }

    /** The caller a secret stands for, or null when it is no key of ours. */
    private Caller resolve(String secret) {
        if (platformKey != null && MessageDigest.isEqual(platformKey, secret.getBytes(StandardCharsets.UTF_8))) {
            return Caller.platform();
        }
        if (!ApiKeys.looksValid(secret)) {
            return null;
        }
        var now = clock.instant();
        var stored = keys.findByHashCached(ApiKeys.hash(secret), now).orElse(null);
        if (stored == null || stored.revoked()) {
            return null;
        }
        if (stored.suspended()) {
            throw new SuspendedWorkspace();
        }
        if (stored.lastUsedAt() == null || stored.lastUsedAt().plus(LAST_USED_RESOLUTION).isBefore(now)) {
            keys.touch(stored.id(), now);
        }
        return new Caller(stored.workspaceId(), stored.id(),
                stored.scope() == dev.recado.workspace.ApiKeyScope.FULL ? Caller.Scope.FULL : Caller.Scope.READ);
    }

    private static boolean isRead(String method) {
        return "GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method);
    }

    static void deny(HttpServletResponse response, int status, String code, String detail) throws IOException {
        Problems.write(response, status, code, detail, null, null);
    }

    static final class SuspendedWorkspace extends RuntimeException {
    }
}
