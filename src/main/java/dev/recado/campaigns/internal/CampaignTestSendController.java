package dev.recado.campaigns.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.recado.common.Caller;
import dev.recado.common.PublicId;
import java.util.List;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /v1/campaigns/{id}/test}: the campaign's content to a seed list now, outside its counters. */
@RestController
class CampaignTestSendController {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record OutcomeResponse(String to, String messageId, String status, String error, String detail) {
    }

    record TestSendResponse(List<OutcomeResponse> data) {
    }

    private final CampaignTestSends tests;

    CampaignTestSendController(CampaignTestSends tests) {
        this.tests = tests;
    }

    @PostMapping("/v1/campaigns/{id}/test")
    TestSendResponse send(Caller caller, @PathVariable String id, @RequestBody(required = false) CampaignTestSends.Request body) {
        var outcomes = tests.send(caller.workspace(), PublicId.require(CampaignController.PREFIX, id, "Campaign"), body);
        return new TestSendResponse(outcomes.stream().map(o -> new OutcomeResponse(o.to(),
                o.messageId() == null ? null : PublicId.of("msg_", o.messageId()), o.status(), o.error(), o.detail()))
                .toList());
    }
}
