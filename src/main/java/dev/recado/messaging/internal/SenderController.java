package dev.recado.messaging.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.recado.common.Caller;
import dev.recado.common.Page;
import dev.recado.common.PageRequest;
import dev.recado.common.PublicId;
import dev.recado.common.Redacted;
import dev.recado.messaging.Sender;
import java.time.Instant;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/v1/senders")
class SenderController {

    static final String PREFIX = "snd_";
    static final java.time.Duration TEST_PATIENCE = java.time.Duration.ofSeconds(10);

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record SenderResponse(String id, String channel, String provider, String name, String status,
            Map<String, Object> settings, int ratePerSecond, int window, boolean isDefault, boolean enabled,
            String webhookUrl, Instant createdAt, Instant connectedAt,
            @com.fasterxml.jackson.annotation.JsonAnyGetter Map<String, Object> derived) {

        /** Never the secrets: a record's own toString would print them into any log line. */
        @Override
        public String toString() {
            return Redacted.toString(this);
        }
    }

    /** A template the sender's provider holds; {@code reason} why it was rejected or paused. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ProviderTemplateResponse(String name, String language, String category, String status, String quality,
            String reason, String providerId) {

        static ProviderTemplateResponse of(dev.recado.messaging.spi.ProviderTemplate t) {
            return new ProviderTemplateResponse(t.name(), t.language(), t.category(), t.status(), t.quality(), t.reason(),
                    t.providerId());
        }
    }

    /** The list of a sender's provider templates. */
    record ProviderTemplateList(java.util.List<ProviderTemplateResponse> data) {
    }

    private final SenderService senders;
    private final TemplateSubmissions submissions;

    SenderController(SenderService senders, TemplateSubmissions submissions) {
        this.senders = senders;
        this.submissions = submissions;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    SenderResponse create(Caller caller, @RequestBody Map<String, Object> body) {
        return view(senders.create(caller.workspace(), body));
    }

    @GetMapping
    Page<SenderResponse> list(Caller caller, @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        var page = PageRequest.of(limit, cursor);
        return page.page(senders.list(caller.workspace(), page.beforeId(), page.fetchSize()), Sender::id).map(this::view);
    }

    @GetMapping("/{id}")
    SenderResponse get(Caller caller, @PathVariable String id) {
        return view(senders.require(caller.workspace(), PublicId.require(PREFIX, id, "Sender")));
    }

    /** enabled, default, name, rate_per_second, window and provider settings; see {@link SenderService#update}. */
    @PatchMapping("/{id}")
    SenderResponse update(Caller caller, @PathVariable String id, @RequestBody Map<String, Object> body) {
        return view(senders.update(caller.workspace(), PublicId.require(PREFIX, id, "Sender"), body));
    }

    /** Gone from the API; its queued messages move to another sender of the channel or fail. */
    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(Caller caller, @PathVariable String id) {
        senders.delete(caller.workspace(), PublicId.require(PREFIX, id, "Sender"));
        return ResponseEntity.noContent().build();
    }

    /** Tries to connect with the sender's settings (up to 10 s) and says how it went. */
    @PostMapping("/{id}/test")
    SenderService.ConnectionTest test(Caller caller, @PathVariable String id) {
        return senders.test(caller.workspace(), PublicId.require(PREFIX, id, "Sender"), TEST_PATIENCE);
    }

    /** The templates the sender's provider holds (WhatsApp's, as synced or submitted); empty for others. */
    @GetMapping("/{id}/templates")
    ProviderTemplateList templates(Caller caller, @PathVariable String id) {
        return new ProviderTemplateList(senders.templates(caller.workspace(), PublicId.require(PREFIX, id, "Sender"))
                .stream().map(ProviderTemplateResponse::of).toList());
    }

    /** Submits a template for the provider's review: name, language, category and components. */
    @PostMapping("/{id}/templates")
    @ResponseStatus(HttpStatus.CREATED)
    ProviderTemplateResponse submitTemplate(Caller caller, @PathVariable String id, @RequestBody Map<String, Object> body) {
        return ProviderTemplateResponse.of(submissions.submit(caller.workspace(), PublicId.require(PREFIX, id, "Sender"),
                body));
    }

    private SenderResponse view(Sender s) {
        return new SenderResponse(PublicId.of(PREFIX, s.id()), s.channel(), s.provider(), s.name(),
                senders.state(s).toString(), senders.visibleSettings(s), s.ratePerSecond(), s.window(),
                s.isDefault(), s.enabled(), senders.webhookUrl(s), s.createdAt(),
                s.connectedAt(), senders.derivedFields(s));
    }

}
