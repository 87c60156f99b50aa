package dev.recado.messaging.internal;

import dev.recado.common.ApiException;
import dev.recado.common.FieldProblem;
import dev.recado.messaging.Sender;
import dev.recado.messaging.spi.ChannelAdapterFactory;
import dev.recado.messaging.spi.ProviderTemplate;
import dev.recado.messaging.spi.SenderConfig;
import dev.recado.messaging.spi.TemplateSubmission;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Templates submitted for the provider's review ({@code POST /v1/senders/{id}/templates}): the
 * request and the provider's rules are checked first (422 naming the field, nothing sent), a name
 * and language the sender already has is a 409, and what the provider answers is stored
 * ({@code pending} for Meta) until its status webhook moves it.
 */
@Component
public class TemplateSubmissions {

    private static final Logger log = LoggerFactory.getLogger(TemplateSubmissions.class);
    private static final Set<String> FIELDS = Set.of("name", "language", "category", "components");

    private final SenderService senders;
    private final SenderRuntime runtime;
    private final ProviderTemplates templates;
    private final Clock clock;

    TemplateSubmissions(SenderService senders, SenderRuntime runtime, ProviderTemplates templates, Clock clock) {
        this.senders = senders;
        this.runtime = runtime;
        this.templates = templates;
        this.clock = clock;
    }

    public ProviderTemplate submit(long workspaceId, long senderId, Map<String, Object> body) {
        Sender sender = senders.require(workspaceId, senderId);
        ChannelAdapterFactory factory = runtime.factory(sender.provider())
                .filter(ChannelAdapterFactory::submitsTemplates)
                .orElseThrow(() -> new ApiException(422, "templates_unsupported",
                        "sender " + sender.name() + " (" + sender.provider() + ") takes no template submissions"));
        TemplateSubmission submission = read(body == null ? Map.of() : body);
        List<FieldProblem> problems = factory.checkTemplate(submission);
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
        if (templates.exists(sender.id(), submission.name(), submission.language())) {
            throw duplicate(submission);
        }
        ProviderTemplate answered;
        try {
            answered = factory.submitTemplate(new SenderConfig(sender.id(), sender.workspaceId(), sender.name(),
                    sender.settings()), submission);
        } catch (ChannelAdapterFactory.TemplateRefused refused) {
            if (refused.duplicate()) {
                throw duplicate(submission);
            }
            throw new ApiException(422, "template_refused", sender.provider() + " refused the template: "
                    + refused.getMessage());
        } catch (IOException e) {
            throw new ApiException(502, "provider_unreachable", "could not submit the template: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(503, "interrupted", "the server is stopping");
        }
        if (!templates.add(sender.id(), answered, clock.instant())) {
            // a sync or a webhook stored it in between: the provider has it, so the stored row is as good
            log.info("Sender {}: submitted template {}/{} was already stored", sender.id(), answered.name(),
                    answered.language());
        }
        return templates.of(sender.id()).getOrDefault(answered.name() + "/" + answered.language(), answered);
    }

    private static ApiException duplicate(TemplateSubmission t) {
        return new ApiException(409, "template_exists", "the sender already has a template " + t.name() + " in "
                + t.language());
    }

    /** The body's shape: strings where strings go, components a list of objects; the provider checks the rest. */
    @SuppressWarnings("unchecked")
    private static TemplateSubmission read(Map<String, Object> body) {
        List<FieldProblem> problems = new ArrayList<>();
        body.keySet().stream().filter(k -> !FIELDS.contains(k)).sorted()
                .forEach(k -> problems.add(new FieldProblem(k, "is not a template field")));
        for (String field : List.of("name", "language", "category")) {
            if (body.get(field) != null && !(body.get(field) instanceof String)) {
                problems.add(new FieldProblem(field, "must be a string"));
            }
        }
        List<Map<String, Object>> components = new ArrayList<>();
        Object raw = body.get("components");
        if (raw != null && !(raw instanceof List<?>)) {
            problems.add(new FieldProblem("components", "must be a list of components"));
        } else if (raw instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                if (list.get(i) instanceof Map<?, ?> c) {
                    components.add((Map<String, Object>) c);
                } else {
                    problems.add(new FieldProblem("components[" + i + "]", "must be an object"));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
        return new TemplateSubmission(string(body, "name"), string(body, "language"), string(body, "category"),
                components);
    }

    private static String string(Map<String, Object> body, String field) {
        return body.get(field) instanceof String s ? s.strip() : null;
    }
}
