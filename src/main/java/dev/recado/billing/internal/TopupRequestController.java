package dev.recado.billing.internal;

import dev.recado.billing.TopupRequest;
import dev.recado.billing.TopupRequests;
import dev.recado.common.Caller;
import dev.recado.common.Page;
import dev.recado.common.PageRequest;
import dev.recado.common.PublicId;
import java.math.BigDecimal;
import java.time.Instant;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Top-up requests on the wire: a workspace asks and follows its own under /v1/billing; the platform
 * key lists everyone's under /v1/topup-requests and credits one.
 */
@RestController
class TopupRequestController {

    record NewTopupRequest(BigDecimal amount, String note) {
    }

    /** Both optional: the requested amount is credited unless another is given. */
    record CreditTopupRequest(BigDecimal amount, String description) {
    }

    record TopupResponse(String id, String workspaceId, BigDecimal amount, String currency, String note,
            String requestedBy, String status, Instant createdAt, Instant creditedAt, Long ledgerEntryId) {

        static TopupResponse of(TopupRequest r) {
            return new TopupResponse(PublicId.of(TopupRequests.PREFIX, r.id()), PublicId.of("ws_", r.workspaceId()),
                    plain(r.amount()), r.currency(), r.note(), r.requestedBy(), r.status(),
                    r.createdAt(), r.creditedAt(), r.ledgerEntryId());
        }
    }

    /** 10.000000 as 10, never 1E+1 (a plain number in the JSON). */
    static BigDecimal plain(BigDecimal amount) {
        BigDecimal stripped = amount.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    private final TopupRequests topups;

    TopupRequestController(TopupRequests topups) {
        this.topups = topups;
    }

    @PostMapping("/v1/billing/topup-requests")
    @ResponseStatus(HttpStatus.CREATED)
    TopupResponse request(Caller caller, @RequestBody NewTopupRequest body) {
        return TopupResponse.of(topups.request(caller.workspace(), body.amount(), body.note(),
                "api_key:" + caller.apiKeyId()));
    }

    @GetMapping("/v1/billing/topup-requests")
    Page<TopupResponse> mine(Caller caller, @RequestParam(required = false) String status,
            @RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
        return list(caller.workspace(), status, limit, cursor);
    }

    /** Platform key only (the API key filter guards /v1/topup-requests): every workspace's requests. */
    @GetMapping("/v1/topup-requests")
    Page<TopupResponse> all(Caller caller, @RequestParam(required = false) String status,
            @RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
        return list(null, status, limit, cursor);
    }

    @PostMapping("/v1/topup-requests/{id}/credit")
    TopupResponse credit(Caller caller, @PathVariable String id,
            @RequestBody(required = false) CreditTopupRequest body) {
        long requestId = PublicId.require(TopupRequests.PREFIX, id, "Top-up request");
        return TopupResponse.of(topups.credit(requestId, body == null ? null : body.amount(),
                body == null ? null : body.description()));
    }

    private Page<TopupResponse> list(Long workspaceId, String status, Integer limit, String cursor) {
        var page = PageRequest.of(limit, cursor);
        return page.page(topups.list(workspaceId, status, page.beforeId(), page.fetchSize()), TopupRequest::id)
                .map(TopupResponse::of);
    }
}
