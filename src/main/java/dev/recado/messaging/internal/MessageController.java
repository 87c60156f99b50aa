package dev.recado.messaging.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.recado.common.Caller;
import dev.recado.common.Page;
import dev.recado.common.PageRequest;
import dev.recado.common.PublicId;
import dev.recado.messaging.Message;
import dev.recado.messaging.MessageFilter;
import dev.recado.messaging.MessageManagement;
import dev.recado.messaging.MessageStatus;
import dev.recado.common.ApiException;
import dev.recado.messaging.Enqueued;
import dev.recado.messaging.MessageDraft;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/v1/messages")
class MessageController {

    static final String PREFIX = "msg_";

    record TimelineEntry(String status, Instant at) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record MessageResponse(String id, String direction, MessageStatus status, String channel, String to, String from,
            String contactId, String senderId, String body, String purpose, int priority, int segments,
            String encoding, BigDecimal price, String currency, Instant sendAt, Instant validUntil, int attempts,
            String errorCode, String errorText, String providerId, Map<String, Object> metadata,
            String statusCallback, Instant createdAt, List<TimelineEntry> events, String deferredReason,
            String inReplyTo, Instant openedAt, Integer opens) {

        static MessageResponse of(Message m, boolean withEvents) {
            return new MessageResponse(PublicId.of(PREFIX, m.id()), m.direction(), m.status(), m.channel(), m.to(),
                    m.from(), m.contactId() == null ? null : PublicId.of("ct_", m.contactId()),
                    m.senderId() == null ? null : PublicId.of("snd_", m.senderId()), m.body(), m.purpose(),
                    m.priority(), m.segments(), m.encoding(), m.price(), m.currency(), m.sendAt(), m.validUntil(),
                    m.attempts(), m.errorCode(), m.errorText(), m.providerId(),
                    m.metadata().isEmpty() ? null : m.metadata(), m.statusCallback(), m.createdAt(),
                    withEvents ? timeline(m) : null, m.deferredReason(),
                    m.inReplyTo() == null ? null : PublicId.of(PREFIX, m.inReplyTo()), m.openedAt(),
                    m.opens() == 0 ? null : m.opens());
        }

        /** The timeline is read off the status timestamps the engine keeps on the row. */
        static List<TimelineEntry> timeline(Message m) {
            List<TimelineEntry> events = new ArrayList<>();
            if ("inbound".equals(m.direction())) {
                events.add(new TimelineEntry("received", m.createdAt()));
                return events;
            }
            events.add(new TimelineEntry("accepted", m.createdAt()));
            if (m.sendAt() != null) {
                events.add(new TimelineEntry("scheduled", m.createdAt()));
            }
            if (m.queuedAt() != null) {
                events.add(new TimelineEntry("queued", m.queuedAt()));
            }
            if (m.sentAt() != null) {
                events.add(new TimelineEntry("sent", m.sentAt()));
            }
            if (m.deliveredAt() != null) {
                events.add(new TimelineEntry("delivered", m.deliveredAt()));
            }
            if (m.readAt() != null) {
                events.add(new TimelineEntry("read", m.readAt()));
            }
            if (m.finalAt() != null && m.status() != MessageStatus.READ && m.status() != MessageStatus.DELIVERED) {
                events.add(new TimelineEntry(m.status().toString(), m.finalAt()));
            }
            return events;
        }
    }

    private final MessageManagement messages;
    private final RouteView.Reader routes;
    private final MediaFiles files;

    MessageController(MessageManagement messages, RouteView.Reader routes, MediaFiles files) {
        this.messages = messages;
        this.routes = routes;
        this.files = files;
    }

    /** A message and, when it was sent with a channel order, its route; a media message's file. */
    record RoutedMessage(@com.fasterxml.jackson.annotation.JsonUnwrapped MessageResponse message,
            @JsonInclude(JsonInclude.Include.NON_NULL) RouteView route,
            @JsonInclude(JsonInclude.Include.NON_NULL) MediaView media) {
    }

    /**
     * {@code url} is the file (inbound: Recado's copy once {@code status} is {@code stored});
     * {@code status} and {@code error} say where the download of an inbound file stands.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record MediaView(String kind, String url, String id, String caption, String mimeType, Long size, String sha256,
            String filename, String status, String error) {

        static MediaView of(Message m, MediaFiles files) {
            if (!(m.content() instanceof dev.recado.messaging.Content.Media c)) {
                return null;
            }
            var inbound = "inbound".equals(m.direction()) ? files.inbound(m.id()).orElse(null) : null;
            return new MediaView(c.mediaKind(), c.url(), c.id(), c.caption(),
                    c.mimeType() != null || inbound == null ? c.mimeType() : inbound.mimeType(), c.size(), c.sha256(),
                    c.filename(), inbound == null ? null : inbound.state(), inbound == null ? null : inbound.error());
        }
    }

    /** {@code POST /v1/messages/batch}: up to {@value #MAX_BATCH} items, each answered on its own. */
    record BatchRequest(List<SendRequest> messages) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record BatchItem(int index, String clientRef, String id, MessageStatus status, Integer segments, String encoding,
            BigDecimal price, String currency, String code, String detail, List<dev.recado.common.FieldProblem> errors,
            String channel, List<String> routeChannels) {

        static BatchItem refused(int index, String clientRef, String code, String detail,
                List<dev.recado.common.FieldProblem> errors) {
            return new BatchItem(index, clientRef, null, null, null, null, null, null, code, detail, errors, null, null);
        }
    }

    record BatchResponse(List<BatchItem> data) {
    }

    static final int MAX_BATCH = 1000;

    @PostMapping
    ResponseEntity<RoutedMessage> send(Caller caller, @RequestBody SendRequest body,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
        if (body.clientRef() != null) {
            throw ApiException.invalid("client_ref", "is for items of /v1/messages/batch; use the Idempotency-Key header");
        }
        var result = messages.send(caller.workspace(), body.toDraft(idempotencyKey == null ? null : idempotencyKey.strip()));
        if (result instanceof Enqueued.Refused r) {
            throw new ApiException(422, r.code(), r.detail(), r.errors(), Map.of());
        }
        Message m = ((Enqueued.Accepted) result).message();
        // a message with a channel order (or cheapest) answers the route: its order and the channels passed over
        var route = body.routed() ? routes.of(caller.workspace(), m.id()).orElse(null) : null;
        return ResponseEntity.accepted().header("Location", "/v1/messages/" + PublicId.of(PREFIX, m.id()))
                .body(new RoutedMessage(MessageResponse.of(m, false), route, null));
    }

    @PostMapping("/batch")
    BatchResponse batch(Caller caller, @RequestBody BatchRequest body) {
        if (body.messages() == null || body.messages().isEmpty() || body.messages().size() > MAX_BATCH) {
            throw ApiException.invalid("messages", "must hold 1 to " + MAX_BATCH + " messages");
        }
        List<MessageDraft> drafts = new ArrayList<>(body.messages().size());
        List<BatchItem> early = new ArrayList<>();
        for (int i = 0; i < body.messages().size(); i++) {
            SendRequest item = body.messages().get(i);
            try {
                drafts.add(item == null ? null : item.toDraft(null));
            } catch (ApiException invalid) {
                drafts.add(null);
                early.add(BatchItem.refused(i, item.clientRef(), invalid.code(), invalid.getMessage(), invalid.errors()));
            }
        }
        List<Integer> sent = new ArrayList<>();
        List<MessageDraft> toSend = new ArrayList<>();
        for (int i = 0; i < drafts.size(); i++) {
            if (drafts.get(i) != null) {
                sent.add(i);
                toSend.add(drafts.get(i));
            }
        }
        List<Enqueued> results = toSend.isEmpty() ? List.of() : messages.enqueue(caller.workspace(), toSend);
        Map<Long, List<String>> routeChannels = routes.channelsOf(caller.workspace(), results.stream()
                .filter(r -> r instanceof Enqueued.Accepted).map(r -> ((Enqueued.Accepted) r).message().id()).toList(),
                toSend.stream().anyMatch(d -> d.routing() != null || "cheapest".equalsIgnoreCase(d.channel())));
        BatchItem[] items = new BatchItem[drafts.size()];
        early.forEach(e -> items[e.index()] = e);
        for (int n = 0; n < sent.size(); n++) {
            int i = sent.get(n);
            String ref = drafts.get(i).clientRef();
            items[i] = switch (results.get(n)) {
                case Enqueued.Accepted a -> new BatchItem(i, ref, PublicId.of(PREFIX, a.message().id()),
                        a.message().status(), a.message().segments(), a.message().encoding(), a.message().price(),
                        a.message().currency(), null, null, null, a.message().channel(),
                        routeChannels.get(a.message().id()));
                case Enqueued.Refused r -> BatchItem.refused(i, ref, r.code(), r.detail(),
                        r.errors().isEmpty() ? null : r.errors());
            };
        }
        for (int i = 0; i < items.length; i++) {
            if (items[i] == null) {
                items[i] = BatchItem.refused(i, null, "validation_failed",
                        "messages[" + i + "] is required", List.of(new dev.recado.common.FieldProblem("messages[" + i + "]", "is required")));
            }
        }
        return new BatchResponse(List.of(items));
    }

    @GetMapping("/{id}")
    RoutedMessage get(Caller caller, @PathVariable String id) {
        Message m = messages.require(caller.workspace(), PublicId.require(PREFIX, id, "Message"));
        return new RoutedMessage(MessageResponse.of(m, true), routes.of(caller.workspace(), m.id()).orElse(null),
                MediaView.of(m, files));
    }

    @GetMapping
    Page<MessageResponse> list(Caller caller, @RequestParam(required = false) MessageStatus status,
            @RequestParam(required = false) String channel, @RequestParam(required = false) String contact,
            @RequestParam(required = false) String campaign, @RequestParam(required = false) String direction,
            @RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
        var page = PageRequest.of(limit, cursor);
        Long contactId = contact == null ? null : PublicId.parse("ct_", contact).orElse(-1L);
        Long campaignId = campaign == null ? null : PublicId.parse("cmp_", campaign).orElse(-1L);
        var filter = new MessageFilter(status, channel, contactId, campaignId, direction);
        return page.page(messages.list(caller.workspace(), filter, page.beforeId(), page.fetchSize()), Message::id)
                .map(m -> MessageResponse.of(m, false));
    }

    record TypingResponse(String typing) {
    }

    /** An agent typing a reply to this inbound message: what a composer calls while the agent has input in it. */
    @PostMapping("/{id}/typing")
    TypingResponse typing(Caller caller, @PathVariable String id) {
        return new TypingResponse(dev.recado.common.WireEnum.name(
                messages.typing(caller.workspace(), PublicId.require(PREFIX, id, "Message"))));
    }

    @PostMapping("/{id}/cancel")
    MessageResponse cancel(Caller caller, @PathVariable String id) {
        return MessageResponse.of(messages.cancel(caller.workspace(), PublicId.require(PREFIX, id, "Message")), true);
    }
}
