package dev.recado.messaging.internal;

import dev.recado.messaging.Enqueued;
import dev.recado.messaging.MessageDraft;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.springframework.stereotype.Component;

/**
 * Group commit for single messages: concurrent requests are accepted together, one transaction for
 * all that arrived meanwhile, and each request is answered once that transaction has committed.
 * Under load a request costs a share of one commit instead of one of its own.
 */
@Component
class AcceptanceBatcher extends BatchingWorker<AcceptanceBatcher.Pending> {

    record Pending(long workspaceId, MessageDraft draft, CompletableFuture<Enqueued> answer) {
    }

    private final MessageIntake intake;

    AcceptanceBatcher(MessageIntake intake) {
        super("acceptance-writer");
        this.intake = intake;
    }

    CompletableFuture<Enqueued> submit(long workspaceId, MessageDraft draft) {
        var answer = new CompletableFuture<Enqueued>();
        enqueue(new Pending(workspaceId, draft, answer));
        return answer;
    }

    @Override
    void write(List<Pending> batch) {
        Map<Long, List<Pending>> byWorkspace = new LinkedHashMap<>();
        batch.forEach(p -> byWorkspace.computeIfAbsent(p.workspaceId(), k -> new ArrayList<>()).add(p));
        Map<Long, List<MessageDraft>> drafts = new LinkedHashMap<>();
        byWorkspace.forEach((ws, pending) -> drafts.put(ws, pending.stream().map(Pending::draft).toList()));
        Map<Long, List<Enqueued>> answers = intake.acceptAll(drafts);
        byWorkspace.forEach((ws, pending) -> {
            var results = answers.get(ws);
            for (int i = 0; i < pending.size(); i++) {
                pending.get(i).answer().complete(results.get(i));
            }
        });
    }

    @Override
    void failed(List<Pending> batch, RuntimeException error) {
        batch.forEach(p -> p.answer().completeExceptionally(error));
    }
}
