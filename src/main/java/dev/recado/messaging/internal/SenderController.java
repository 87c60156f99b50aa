package dev.recado.messaging.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.recado.common.Caller;
import dev.recado.common.Page;
import dev.recado.common.PageRequest;
import dev.recado.common.PublicId;
import dev.recado.messaging.Sender;
import java.time.Instant;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
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

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record SenderResponse(String id, String channel, String provider, String name, String status,
            Map<String, Object> settings, int ratePerSecond, int window, boolean isDefault, boolean enabled,
            String webhookUrl, Instant createdAt) {
    }

    private final SenderService senders;

    SenderController(SenderService senders) {
        this.senders = senders;
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

    @DeleteMapping("/{id}")
    SenderResponse disable(Caller caller, @PathVariable String id) {
        return view(senders.disable(caller.workspace(), PublicId.require(PREFIX, id, "Sender")));
    }

    private SenderResponse view(Sender s) {
        return new SenderResponse(PublicId.of(PREFIX, s.id()), s.channel(), s.provider(), s.name(),
                senders.state(s).toString(), senders.visibleSettings(s), s.ratePerSecond(), s.window(),
                s.isDefault(), s.enabled(), null, s.createdAt());
    }

}
