package dev.recado.workspace.internal;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Slows password guessing: per account and per client address, a few attempts then a wait.
 * Counted before the password check so a locked-out guesser learns nothing from the answer.
 */
class LoginRateLimitFilter extends OncePerRequestFilter {

    private static final int MAX_TRACKED = 50_000;

    private final Map<String, Bucket> perAccount = new ConcurrentHashMap<>();
    private final Map<String, Bucket> perAddress = new ConcurrentHashMap<>();

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !("POST".equals(request.getMethod()) && "/login".equals(request.getServletPath()));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String account = String.valueOf(request.getParameter("username")).toLowerCase(Locale.ROOT);
        boolean allowed = take(perAccount, account, 5, Duration.ofMinutes(1))
                & take(perAddress, request.getRemoteAddr(), 20, Duration.ofMinutes(1));
        if (!allowed) {
            response.setHeader("Retry-After", "60");
            response.sendRedirect(request.getContextPath() + "/login?locked");
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean take(Map<String, Bucket> buckets, String key, int attempts, Duration per) {
        if (buckets.size() > MAX_TRACKED) {
            buckets.clear();
        }
        return buckets.computeIfAbsent(key, k -> Bucket.builder()
                        .addLimit(Bandwidth.builder().capacity(attempts).refillGreedy(attempts, per).build())
                        .build())
                .tryConsume(1);
    }
}
