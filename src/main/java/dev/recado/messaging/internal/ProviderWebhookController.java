package dev.recado.messaging.internal;

import dev.recado.common.ApiException;
import dev.recado.common.PublicId;
import dev.recado.messaging.Sender;
import dev.recado.messaging.spi.ProviderWebhooks;
import dev.recado.messaging.spi.SenderConfig;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Collections;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Where providers call us: {@code /hooks/{provider}/{sender}} (the sender's {@code webhook_url}).
 * A POST is verified by the provider's own check before anything is stored (401 otherwise), stored
 * raw once, and answered 200 at once; {@link ProviderEventProcessor} does the rest. Providers'
 * contracts, not ours, so not in the API document.
 */
@Hidden
@RestController
@RequestMapping("/hooks/{provider}/{sender}")
class ProviderWebhookController {

    private static final Logger log = LoggerFactory.getLogger(ProviderWebhookController.class);

    private record Target(Sender sender, ProviderWebhooks hooks, SenderConfig config) {
    }

    private final SenderRepository senders;
    private final SenderRuntime runtime;
    private final ProviderEventInbox inbox;
    private final ProviderEventProcessor processor;
    private final Clock clock;

    ProviderWebhookController(SenderRepository senders, SenderRuntime runtime, ProviderEventInbox inbox,
            ProviderEventProcessor processor, Clock clock) {
        this.senders = senders;
        this.runtime = runtime;
        this.inbox = inbox;
        this.processor = processor;
        this.clock = clock;
    }

    @GetMapping(produces = MediaType.TEXT_PLAIN_VALUE)
    ResponseEntity<String> handshake(@PathVariable String provider, @PathVariable String sender,
            @RequestParam Map<String, String> query) {
        Target target = target(provider, sender);
        return target.hooks().handshake(target.config(), query).map(ResponseEntity::ok)
                .orElseThrow(() -> new ApiException(403, "webhook_handshake_refused",
                        "The verify token or mode does not match this sender"));
    }

    @PostMapping
    ResponseEntity<?> receive(@PathVariable String provider, @PathVariable String sender,
            @RequestBody(required = false) byte[] body, HttpServletRequest request) {
        Target target = target(provider, sender);
        byte[] raw = body == null ? new byte[0] : body;
        Map<String, String> headers = new HashMap<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            headers.put(name.toLowerCase(Locale.ROOT), request.getHeader(name));
        }
        var setup = target.hooks().setup(target.config(), raw);
        if (setup.isPresent()) {
            return ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN).body(setup.get());
        }
        if (!target.hooks().verify(target.config(), headers, raw)) {
            log.warn("Webhook for sender {} refused: bad or missing signature", target.sender().id());
            throw new ApiException(401, "invalid_signature", "The request's signature does not match this sender's secret");
        }
        boolean stored = inbox.store(provider, target.sender().id(), target.hooks().eventKey(raw),
                new String(raw, StandardCharsets.UTF_8), clock.instant());
        if (stored) {
            processor.wake();
        }
        return ResponseEntity.ok(Map.of("received", true, "duplicate", !stored));
    }

    private Target target(String provider, String sender) {
        var found = PublicId.parse("snd_", sender).flatMap(id -> senders.findAnyWorkspace(id, false))
                .filter(s -> s.provider().equals(provider));
        var hooks = found.flatMap(s -> runtime.factory(s.provider())).flatMap(f -> f.webhooks());
        if (found.isEmpty() || hooks.isEmpty()) {
            throw ApiException.notFound("Sender");
        }
        Sender s = found.get();
        return new Target(s, hooks.get(), new SenderConfig(s.id(), s.workspaceId(), s.name(), s.settings()));
    }
}
