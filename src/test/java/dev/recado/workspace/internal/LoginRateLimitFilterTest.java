package dev.recado.workspace.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recado.common.TrustedProxies;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class LoginRateLimitFilterTest {

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-29T10:00:00Z"));
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };
    private final LoginRateLimitFilter filter = new LoginRateLimitFilter(new TrustedProxies("10.0.0.0/8"), clock);

    /** One login attempt; the "password check" redirects to /login?error unless right. Answers where it went. */
    private String attempt(String user, String socket, String forwardedFor, boolean right) throws Exception {
        var request = new MockHttpServletRequest("POST", "/login");
        request.setServletPath("/login");
        request.setRemoteAddr(socket);
        request.setParameter("username", user);
        if (forwardedFor != null) {
            request.addHeader("X-Forwarded-For", forwardedFor);
        }
        var response = new MockHttpServletResponse();
        filter.doFilter(request, response, new MockFilterChain(new jakarta.servlet.http.HttpServlet() {
        }, (req, res, chain) -> ((jakarta.servlet.http.HttpServletResponse) res).sendRedirect(right ? "/" : "/login?error")));
        return response.getRedirectedUrl();
    }

    @Test
    void failuresSlowDownThatAddressOnlyWithGrowingDelays() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(attempt("admin@x", "203.0.113.9", null, false)).isEqualTo("/login?error");
        }
        assertThat(attempt("admin@x", "203.0.113.9", null, true)).isEqualTo("/login?locked");
        // the owner elsewhere is not locked out by the attacker
        assertThat(attempt("admin@x", "198.51.100.7", null, true)).isEqualTo("/");
        now.set(now.get().plus(Duration.ofSeconds(1)));
        assertThat(attempt("admin@x", "203.0.113.9", null, false)).isEqualTo("/login?error");
        now.set(now.get().plus(Duration.ofSeconds(1)));
        assertThat(attempt("admin@x", "203.0.113.9", null, true)).isEqualTo("/login?locked");
        now.set(now.get().plus(Duration.ofSeconds(1)));
        assertThat(attempt("admin@x", "203.0.113.9", null, true)).isEqualTo("/");
        assertThat(attempt("admin@x", "203.0.113.9", null, false)).isEqualTo("/login?error");
    }

    @Test
    void forwardedForCountsOnlyFromTrustedProxies() throws Exception {
        for (int i = 0; i < 3; i++) {
            attempt("ops@x", "10.1.1.1", "203.0.113.50", false);
        }
        assertThat(attempt("ops@x", "10.1.1.1", "203.0.113.50", true)).isEqualTo("/login?locked");
        // another client behind the same proxy is someone else
        assertThat(attempt("ops@x", "10.1.1.1", "203.0.113.51", true)).isEqualTo("/");
        // a client that is not a proxy cannot pick its address with the header
        for (int i = 0; i < 3; i++) {
            attempt("dev@x", "203.0.113.77", "192.0.2." + i, false);
        }
        assertThat(attempt("dev@x", "203.0.113.77", "192.0.2.99", true)).isEqualTo("/login?locked");
    }
}
