package dev.recado.messaging.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.recado.common.PublicId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The {@code route} of {@code GET /v1/messages/{id}} for a message sent with a channel order: the
 * order, where the route stands, which message delivered, and each channel's step (skipped at
 * acceptance and why, accepted, failed, timed out, delivered, delivered late).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record RouteView(String id, List<String> channels, String state, String currentMessageId, String deliveredMessageId,
        String deliveredChannel, int fallbackAfterSeconds, List<StepView> steps) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record StepView(String channel, String outcome, String code, String detail, String messageId, Instant at) {
    }

    @Component
    static class Reader {
        private final RouteStore routes;

        Reader(RouteStore routes) {
            this.routes = routes;
        }

        Optional<RouteView> of(long workspaceId, long messageId) {
            return routes.ofMessage(workspaceId, messageId).map(r -> {
                var steps = routes.steps(r.id());
                String deliveredChannel = r.deliveredMessageId() == null ? null : steps.stream()
                        .filter(s -> r.deliveredMessageId().equals(s.messageId()) && s.outcome().equals("accepted"))
                        .map(RouteStore.Step::channel).findFirst().orElse(null);
                return new RouteView(id(r.id()), r.channels(), r.state(), id(r.currentMessageId()),
                        r.deliveredMessageId() == null ? null : id(r.deliveredMessageId()), deliveredChannel,
                        r.fallbackAfterSeconds(), steps.stream().map(s -> new StepView(s.channel(), s.outcome(), s.code(),
                                s.detail(), s.messageId() == null ? null : id(s.messageId()), s.at())).toList());
            });
        }

        /** The order of each given message's route, for those on one; no query unless {@code any}. */
        java.util.Map<Long, List<String>> channelsOf(long workspaceId, List<Long> messageIds, boolean any) {
            java.util.Map<Long, List<String>> out = new java.util.HashMap<>();
            if (any) {
                routes.routesOf(messageIds).stream().filter(m -> m.route().workspaceId() == workspaceId)
                        .forEach(m -> out.put(m.messageId(), m.route().channels()));
            }
            return out;
        }

        private static String id(long messageId) {
            return PublicId.of(MessageController.PREFIX, messageId);
        }
    }
}
