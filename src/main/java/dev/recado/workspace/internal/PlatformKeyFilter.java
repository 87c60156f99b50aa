package dev.recado.workspace.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.preauth.PreAuthenticatedAuthenticationToken;
import org.springframework.web.filter.OncePerRequestFilter;

/** Grants ROLE_PLATFORM to a request bearing the platform key (the actuator's metrics endpoints). */
class PlatformKeyFilter extends OncePerRequestFilter {

    private final byte[] platformKey;

    PlatformKeyFilter(String platformKey) {
        this.platformKey = platformKey == null || platformKey.isBlank() ? null : platformKey.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (platformKey != null && header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
                && MessageDigest.isEqual(platformKey, header.substring(7).strip().getBytes(StandardCharsets.UTF_8))) {
            var context = SecurityContextHolder.createEmptyContext();
            context.setAuthentication(new PreAuthenticatedAuthenticationToken("platform", null,
                    List.of(new SimpleGrantedAuthority("ROLE_PLATFORM"))));
            SecurityContextHolder.setContext(context);
        }
        chain.doFilter(request, response);
    }
}
