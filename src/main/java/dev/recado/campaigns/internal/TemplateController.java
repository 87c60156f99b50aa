package dev.recado.campaigns.internal;

import dev.recado.common.ApiException;
import dev.recado.common.Caller;
import dev.recado.common.Page;
import dev.recado.common.PageRequest;
import dev.recado.common.PublicId;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/v1/templates")
class TemplateController {

    static final String PREFIX = "tpl_";

    record CreateTemplate(String name, String purpose, List<TemplateVariant> variants) {
    }

    record TemplateResponse(String id, String name, String purpose, List<TemplateVariant> variants, Instant createdAt) {
        static TemplateResponse of(MessageTemplate t) {
            return new TemplateResponse(PublicId.of(PREFIX, t.id()), t.name(), t.purpose(), t.variants(), t.createdAt());
        }
    }

    /**
     * {@code smart_encoding} (SMS only) as the send will have it: absent, a campaign's (on), since templates
     * feed campaigns; {@code false} previews what {@code POST /v1/messages} sends by default.
     */
    record PreviewRequest(String contact, String channel, String language, Boolean smartEncoding) {
    }

    private final TemplateService templates;

    TemplateController(TemplateService templates) {
        this.templates = templates;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    TemplateResponse create(Caller caller, @RequestBody CreateTemplate body) {
        return TemplateResponse.of(templates.create(caller.workspace(), body.name(), body.purpose(), body.variants()));
    }

    @GetMapping
    Page<TemplateResponse> list(Caller caller, @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        var page = PageRequest.of(limit, cursor);
        return page.page(templates.list(caller.workspace(), page.beforeId(), page.fetchSize()), MessageTemplate::id)
                .map(TemplateResponse::of);
    }

    /** Fields given replace the saved ones ({@code variants} as a whole); running campaigns keep what they started with. */
    @PatchMapping("/{id}")
    TemplateResponse update(Caller caller, @PathVariable String id, @RequestBody CreateTemplate body) {
        return TemplateResponse.of(templates.update(caller.workspace(), PublicId.require(PREFIX, id, "Template"), body.name(), body.purpose(), body.variants()));
    }

    /** 409 {@code template_in_use} while a scheduled, running or paused campaign uses it. */
    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(Caller caller, @PathVariable String id) {
        templates.delete(caller.workspace(), PublicId.require(PREFIX, id, "Template"));
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/{id}")
    TemplateResponse get(Caller caller, @PathVariable String id) {
        return TemplateResponse.of(templates.require(caller.workspace(), PublicId.require(PREFIX, id, "Template")));
    }

    @PostMapping("/{id}/preview")
    TemplateService.TemplatePreview preview(Caller caller, @PathVariable String id, @RequestBody PreviewRequest body) {
        var template = templates.require(caller.workspace(), PublicId.require(PREFIX, id, "Template"));
        if (body.contact() == null) {
            throw ApiException.invalid("contact", "is required: a contact id (ct_…)");
        }
        long contact = PublicId.parse("ct_", body.contact())
                .orElseThrow(() -> ApiException.invalid("contact", "is not a contact id"));
        String channel = body.channel() != null ? body.channel()
                : template.variants().get(0).channel();
        if (!TemplateService.CHANNELS.contains(channel)) {
            throw ApiException.invalid("channel", "must be one of " + new java.util.TreeSet<>(TemplateService.CHANNELS));
        }
        return templates.preview(caller.workspace(), template, contact, channel, body.language(),
                !Boolean.FALSE.equals(body.smartEncoding()));
    }
}
