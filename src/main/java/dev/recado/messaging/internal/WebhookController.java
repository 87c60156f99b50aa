package dev.recado.messaging.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.recado.common.ApiException;
import dev.recado.common.Caller;
import dev.recado.common.FieldProblem;
import dev.recado.common.OutboundTargets;
import dev.recado.common.PublicId;
import dev.recado.common.Redacted;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/v1/webhooks")
class WebhookController {

    static final String PREFIX = "whk_";
    static final Set<String> EVENTS = Set.of("message.status", "message.inbound", "contact.opted_out",
            "conversation.*", "campaign.*", "message.*", "contact.*");

    record CreateWebhook(String url, List<String> events) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record WebhookResponse(String id, String url, List<String> events, String secret, Instant createdAt) {

        /** Never the secrets: a record's own toString would print them into any log line. */
        @Override
        public String toString() {
            return Redacted.toString(this);
        }
    }

    private final WebhookOutbox webhooks;
    private final CallbackSecrets callbackSecrets;
    private final OutboundTargets targets;

    WebhookController(WebhookOutbox webhooks, CallbackSecrets callbackSecrets, OutboundTargets targets) {
        this.webhooks = webhooks;
        this.callbackSecrets = callbackSecrets;
        this.targets = targets;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    WebhookResponse create(Caller caller, @RequestBody CreateWebhook body) {
        List<FieldProblem> problems = new ArrayList<>();
        if (body.url() == null || !body.url().matches("https?://\\S{1,990}")) {
            problems.add(new FieldProblem("url", "must be an http(s) URL"));
        }
        if (body.events() == null || body.events().isEmpty()) {
            problems.add(new FieldProblem("events", "name at least one event, e.g. message.status"));
        } else {
            for (int i = 0; i < body.events().size(); i++) {
                if (!EVENTS.contains(body.events().get(i))) {
                    problems.add(new FieldProblem("events[" + i + "]", "must be one of " + EVENTS));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
        targets.checkUrl("url", body.url(), caller.workspace());
        var s = webhooks.subscribe(caller.workspace(), body.url(), body.events());
        return new WebhookResponse(PublicId.of(PREFIX, s.id()), s.url(), s.events(), s.secret(), s.createdAt());
    }

    @GetMapping
    Map<String, Object> list(Caller caller) {
        var page = new java.util.LinkedHashMap<String, Object>();
        page.put("data", webhooks.subscriptions(caller.workspace()).stream()
                .map(s -> new WebhookResponse(PublicId.of(PREFIX, s.id()), s.url(), s.events(), null, s.createdAt()))
                .toList());
        page.put("next_cursor", null);
        return page;
    }

    /** The secret that signs per-message status callbacks. */
    @GetMapping("/callback-secret")
    Map<String, String> callbackSecret(Caller caller) {
        return Map.of("secret", callbackSecrets.secretOf(caller.workspace()));
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(Caller caller, @PathVariable String id) {
        if (!webhooks.unsubscribe(caller.workspace(), PublicId.require(PREFIX, id, "Webhook"))) {
            throw ApiException.notFound("Webhook");
        }
        return ResponseEntity.noContent().build();
    }
}
