package dev.recado.workspace.internal;

import dev.recado.common.TrustedProxies;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Slows password guessing without handing anyone a lock: failures are counted per account and
 * client address together, and after three each further try from that address must wait twice as
 * long as the last (1 s, 2 s, 4 s ... up to 15 min). The owner logging in from elsewhere is not
 * affected. A coarse per-address limit caps spraying many accounts. The address is the one the
 * trusted proxies vouch for ({@link TrustedProxies}). Checked before the password, so a throttled
 * guesser learns nothing from the answer.
 */
class LoginRateLimitFilter extends OncePerRequestFilter {

    static final int FREE_FAILURES = 3;
    static final Duration MAX_DELAY = Duration.ofMinutes(15);
    private static final int MAX_TRACKED = 50_000;

    private record Failures(int count, Instant last) {
        Instant nextAllowed() {
            if (count < FREE_FAILURES) {
                return last;
            }
            long seconds = 1L << Math.min(count - FREE_FAILURES, 20);
            return last.plus(Duration.ofSeconds(Math.min(seconds, MAX_DELAY.toSeconds())));
        }
    }

    private final Map<String, Failures> failures = new ConcurrentHashMap<>();
    private final Map<String, Bucket> perAddress = new ConcurrentHashMap<>();
    private final TrustedProxies proxies;
    private final Clock clock;

    LoginRateLimitFilter(TrustedProxies proxies, Clock clock) {
        this.proxies = proxies;
        this.clock = clock;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !("POST".equals(request.getMethod()) && "/login".equals(request.getServletPath()));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String address = proxies.clientAddress(request);
        String key = String.valueOf(request.getParameter("username")).strip().toLowerCase(Locale.ROOT) + "|" + address;
        Instant now = clock.instant();
        Failures seen = failures.get(key);
        if (seen != null && now.isBefore(seen.nextAllowed()) || !addressBucket(address).tryConsume(1)) {
            long wait = seen == null ? 60 : Math.max(1, Duration.between(now, seen.nextAllowed()).toSeconds());
            response.setHeader("Retry-After", Long.toString(wait));
            response.sendRedirect(request.getContextPath() + "/login?locked");
            return;
        }
        var outcome = new Outcome(response);
        chain.doFilter(request, outcome);
        if (outcome.location != null && outcome.location.contains("/login?error")) {
            if (failures.size() > MAX_TRACKED) {
                failures.clear();
            }
            failures.merge(key, new Failures(1, now), (old, one) -> new Failures(old.count() + 1, now));
        } else if (outcome.location != null) {
            failures.remove(key);
        }
    }

    private Bucket addressBucket(String address) {
        if (perAddress.size() > MAX_TRACKED) {
            perAddress.clear();
        }
        return perAddress.computeIfAbsent(address, k -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(30).refillGreedy(30, Duration.ofMinutes(1)).build()).build());
    }

    /** Notes where form login redirects: /login?error on a wrong password, elsewhere on success. */
    private static final class Outcome extends HttpServletResponseWrapper {

        String location;

        Outcome(HttpServletResponse response) {
            super(response);
        }

        @Override
        public void sendRedirect(String location) throws IOException {
            this.location = location;
            super.sendRedirect(location);
        }
    }
}
