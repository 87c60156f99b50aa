package dev.recado.contacts.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.recado.common.Caller;
import dev.recado.common.PublicId;
import dev.recado.common.RecadoProperties;
import dev.recado.consent.Channel;
import dev.recado.consent.ConsentEvent;
import dev.recado.consent.ConsentManagement;
import dev.recado.consent.ConsentSource;
import dev.recado.consent.ConsentStatus;
import dev.recado.consent.NewConsent;
import dev.recado.consent.Purpose;
import dev.recado.contacts.ContactManagement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** A contact's consents: the ledger lives in the consent module, the contact scoping here. */
@RestController
@RequestMapping("/v1/contacts/{id}")
class ConsentController {

    record ConsentRequest(Channel channel, Purpose purpose, ConsentStatus status, ConsentSource source,
            String evidence, Instant occurredAt) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record EventResponse(long id, Channel channel, Purpose purpose, ConsentStatus status, ConsentSource source,
            String evidence, String actor, Instant occurredAt, Instant recordedAt, Boolean pendingConfirmation,
            String confirmationUrl) {

        static EventResponse of(ConsentEvent e) {
            return new EventResponse(e.id(), e.channel(), e.purpose(), e.status(), e.source(), e.evidence(), e.actor(),
                    e.occurredAt(), e.recordedAt(), e.pendingConfirmation() ? Boolean.TRUE : null, null);
        }
    }

    record History(List<EventResponse> data, Map<Channel, Map<Purpose, ConsentStatus>> current) {
    }

    record CanSend(boolean allowed, String reason) {
    }

    private final ContactManagement contacts;
    private final ConsentManagement consent;
    private final RecadoProperties properties;

    ConsentController(ContactManagement contacts, ConsentManagement consent, RecadoProperties properties) {
        this.contacts = contacts;
        this.consent = consent;
        this.properties = properties;
    }

    @PostMapping("/consents")
    @ResponseStatus(HttpStatus.CREATED)
    EventResponse record(Caller caller, @PathVariable String id, @RequestBody ConsentRequest body) {
        long contactId = contactOf(caller, id);
        var recorded = consent.record(caller.workspace(), contactId, new NewConsent(body.channel(), body.purpose(),
                body.status(), body.source() == null ? ConsentSource.API : body.source(), body.evidence(),
                "api_key:" + caller.apiKeyId(), body.occurredAt()));
        var e = EventResponse.of(recorded.event());
        if (recorded.confirmationToken() == null) {
            return e;
        }
        return new EventResponse(e.id(), e.channel(), e.purpose(), e.status(), e.source(), e.evidence(), e.actor(),
                e.occurredAt(), e.recordedAt(), true,
                properties.baseUrl() + "/consent/confirm/" + recorded.confirmationToken());
    }

    @GetMapping("/consents")
    History history(Caller caller, @PathVariable String id) {
        long contactId = contactOf(caller, id);
        return new History(consent.history(caller.workspace(), contactId).stream().map(EventResponse::of).toList(),
                consent.state(caller.workspace(), contactId));
    }

    @GetMapping("/can-send")
    CanSend canSend(Caller caller, @PathVariable String id, @RequestParam Channel channel,
            @RequestParam Purpose purpose, @RequestParam(name = "strictly_necessary", defaultValue = "false") boolean strictlyNecessary) {
        long contactId = contactOf(caller, id);
        var decision = consent.canSend(caller.workspace(), contactId, channel, purpose, strictlyNecessary);
        return new CanSend(decision.allowed(), decision.reason());
    }

    private long contactOf(Caller caller, String id) {
        return contacts.require(caller.workspace(), PublicId.require(ContactController.PREFIX, id, "Contact")).id();
    }
}
