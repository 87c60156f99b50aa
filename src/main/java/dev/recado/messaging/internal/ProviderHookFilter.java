package dev.recado.messaging.internal;

import dev.recado.common.Problems;
import dev.recado.common.PublicId;
import dev.recado.messaging.Sender;
import dev.recado.messaging.spi.ProviderWebhooks;
import dev.recado.messaging.spi.SenderConfig;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Where providers call us: {@code /hooks/{provider}/{sender}} (the sender's {@code webhook_url}).
 * A POST is verified by the provider's own check before anything is stored (401 otherwise), stored
 * raw once, group-committed with the requests arriving with it ({@link ProviderEventWriter}), and
 * answered 200 as soon as that commit is done (503 when it fails, so the provider delivers it
 * again); {@link ProviderEventProcessor} does the rest.
 *
 * <p>A filter rather than a controller: Meta posts a status or a few per request, one request per
 * status at a busy number's rate, and the security chain and MVC's handler lookup, argument and
 * return-value handling cost several times the work of the request itself (see BENCHMARKS.md,
 * provider webhook intake). It runs after the request guard and the body-size cap, and after the
 * HTTP observation, so the requests are still counted. Providers' contracts, not ours, so not in
 * the API document.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class ProviderHookFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(ProviderHookFilter.class);
    private static final String PREFIX = "/hooks/";
    private static final long STORE_TIMEOUT_SECONDS = 10;

    private record Target(Sender sender, ProviderWebhooks hooks, SenderConfig config) {
    }

    private final SenderRepository senders;
    private final SenderRuntime runtime;
    private final ProviderEventWriter writer;

    ProviderHookFilter(SenderRepository senders, SenderRuntime runtime, ProviderEventWriter writer) {
        this.senders = senders;
        this.runtime = runtime;
        this.writer = writer;
    }

    /** Only {@code /hooks/a/b}: anything else under /hooks goes on to the usual 404. */
    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return segments(request) == null;
    }

    private static String[] segments(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (!path.startsWith(PREFIX)) {
            return null;
        }
        String[] parts = path.substring(PREFIX.length()).split("/", -1);
        return parts.length == 2 && !parts[0].isEmpty() && !parts[1].isEmpty() ? parts : null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String[] path = segments(request);
        var target = target(path[0], path[1]);
        if (target.isEmpty()) {
            problem(response, 404, "not_found", "Sender not found");
        } else if ("GET".equals(request.getMethod())) {
            handshake(request, response, target.get());
        } else if ("POST".equals(request.getMethod())) {
            receive(path[0], request, response, target.get());
        } else {
            response.setHeader("Allow", "GET, POST");
            problem(response, 405, "method_not_allowed", "Provider webhooks take GET (handshake) and POST");
        }
    }

    private void handshake(HttpServletRequest request, HttpServletResponse response, Target target) throws IOException {
        Map<String, String> query = new HashMap<>();
        request.getParameterMap().forEach((name, values) -> query.put(name, values.length > 0 ? values[0] : ""));
        var answer = target.hooks().handshake(target.config(), query);
        if (answer.isEmpty()) {
            problem(response, 403, "webhook_handshake_refused", "The verify token or mode does not match this sender");
            return;
        }
        text(response, answer.get());
    }

    private void receive(String provider, HttpServletRequest request, HttpServletResponse response, Target target)
            throws IOException {
        byte[] raw = request.getInputStream().readAllBytes();
        var setup = target.hooks().setup(target.config(), raw);
        if (setup.isPresent()) {
            text(response, setup.get());
            return;
        }
        Map<String, String> headers = new HashMap<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            headers.put(name.toLowerCase(Locale.ROOT), request.getHeader(name));
        }
        if (!target.hooks().verify(target.config(), headers, raw)) {
            log.warn("Webhook for sender {} refused: bad or missing signature", target.sender().id());
            problem(response, 401, "invalid_signature", "The request's signature does not match this sender's secret");
            return;
        }
        boolean stored;
        try {
            stored = writer.submit(provider, target.sender().id(), target.hooks().eventKey(raw),
                    new String(raw, StandardCharsets.UTF_8)).get(STORE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            notStored(response);
            return;
        } catch (ExecutionException | TimeoutException e) {
            // not answered 200, so the provider delivers it again; if it did commit, that is a duplicate
            notStored(response);
            return;
        }
        response.setStatus(200);
        response.setContentType("application/json");
        response.getOutputStream().write(stored ? RECEIVED : DUPLICATE);
    }

    private static final byte[] RECEIVED = "{\"received\":true,\"duplicate\":false}".getBytes(StandardCharsets.UTF_8);
    private static final byte[] DUPLICATE = "{\"received\":true,\"duplicate\":true}".getBytes(StandardCharsets.UTF_8);

    private Optional<Target> target(String provider, String sender) {
        var found = PublicId.parse("snd_", sender).flatMap(id -> senders.findAnyWorkspace(id, false))
                .filter(s -> s.provider().equals(provider));
        var hooks = found.flatMap(s -> runtime.factory(s.provider())).flatMap(f -> f.webhooks());
        if (found.isEmpty() || hooks.isEmpty()) {
            return Optional.empty();
        }
        Sender s = found.get();
        return Optional.of(new Target(s, hooks.get(), new SenderConfig(s.id(), s.workspaceId(), s.name(), s.settings())));
    }

    private static void notStored(HttpServletResponse response) throws IOException {
        response.setHeader("Retry-After", "5");
        problem(response, 503, "webhook_not_stored", "The event could not be stored now; deliver it again");
    }

    private static void text(HttpServletResponse response, String body) throws IOException {
        response.setStatus(200);
        response.setContentType("text/plain;charset=UTF-8");
        response.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
    }

    private static void problem(HttpServletResponse response, int status, String code, String detail) throws IOException {
        Problems.write(response, status, code, detail, null, null);
    }
}
