package dev.recado.campaigns.internal;

import dev.recado.common.Caller;
import dev.recado.common.Page;
import dev.recado.common.PageRequest;
import dev.recado.common.PublicId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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
@RequestMapping("/v1/segments")
class SegmentController {

    static final String PREFIX = "seg_";

    record CreateSegment(String name, String match, List<SegmentCondition> conditions) {
    }

    record SegmentResponse(String id, String name, String match, List<SegmentCondition> conditions,
            Instant createdAt) {
        static SegmentResponse of(Segment s) {
            return new SegmentResponse(PublicId.of(PREFIX, s.id()), s.name(), s.match(), s.conditions(), s.createdAt());
        }
    }

    private final SegmentService segments;

    SegmentController(SegmentService segments) {
        this.segments = segments;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    SegmentResponse create(Caller caller, @RequestBody CreateSegment body) {
        return SegmentResponse.of(segments.create(caller.workspace(), body.name(), body.match(), body.conditions()));
    }

    @GetMapping
    Page<SegmentResponse> list(Caller caller, @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        var page = PageRequest.of(limit, cursor);
        return page.page(segments.list(caller.workspace(), page.beforeId(), page.fetchSize()), Segment::id)
                .map(SegmentResponse::of);
    }

    /** Fields given replace the saved ones ({@code conditions} as a whole); running campaigns keep what they started with. */
    @PatchMapping("/{id}")
    SegmentResponse update(Caller caller, @PathVariable String id, @RequestBody CreateSegment body) {
        return SegmentResponse.of(segments.update(caller.workspace(), PublicId.require(PREFIX, id, "Segment"), body.name(), body.match(), body.conditions()));
    }

    /** 409 {@code segment_in_use} while a scheduled, running or paused campaign uses it. */
    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(Caller caller, @PathVariable String id) {
        segments.delete(caller.workspace(), PublicId.require(PREFIX, id, "Segment"));
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/{id}")
    SegmentResponse get(Caller caller, @PathVariable String id) {
        return SegmentResponse.of(require(caller, id));
    }

    @GetMapping("/{id}/count")
    Map<String, Object> count(Caller caller, @PathVariable String id) {
        Segment segment = require(caller, id);
        return Map.of("segment_id", id, "count", segments.count(segment));
    }

    private Segment require(Caller caller, String id) {
        return segments.require(caller.workspace(), PublicId.require(PREFIX, id, "Segment"));
    }
}
