package dev.recado.messaging.internal;

import dev.recado.messaging.Enqueued;
import dev.recado.messaging.MessageDraft;
import dev.recado.messaging.MessageStatus;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The transaction around acceptance, and what follows its commit: the dispatchers of the senders
 * that got new queued messages are woken. A batch that collides with a concurrent one (the same new
 * phone number, the same idempotency key) is accepted again, and then finds what the other wrote.
 */
@Component
class MessageIntake {

    private static final Logger log = LoggerFactory.getLogger(MessageIntake.class);
    private static final int ATTEMPTS = 3;

    private final MessageAcceptor acceptor;
    private final SenderRuntime runtime;
    private final TransactionTemplate tx;

    MessageIntake(MessageAcceptor acceptor, SenderRuntime runtime, TransactionTemplate tx) {
        this.acceptor = acceptor;
        this.runtime = runtime;
        this.tx = tx;
    }

    /** Several workspaces' drafts in one transaction (group commit); answers per workspace, in order. */
    Map<Long, List<Enqueued>> acceptAll(Map<Long, List<MessageDraft>> drafts) {
        boolean lockBalance = false;
        for (int attempt = 1; ; attempt++) {
            try {
                boolean locked = lockBalance;
                Map<Long, List<Enqueued>> answers = tx.execute(status -> {
                    Map<Long, List<Enqueued>> out = new LinkedHashMap<>();
                    drafts.forEach((ws, list) -> out.put(ws, acceptor.accept(ws, list, locked)));
                    return out;
                });
                wake(answers.values().stream().flatMap(List::stream).toList());
                return answers;
            } catch (DuplicateKeyException collision) {
                if (attempt == ATTEMPTS) {
                    throw collision;
                }
                log.debug("Acceptance collided with a concurrent one; accepting again", collision);
            } catch (MessageAcceptor.BalanceRaced raced) {
                lockBalance = true;
            }
        }
    }

    List<Enqueued> accept(long workspaceId, List<MessageDraft> drafts) {
        return acceptAll(Map.of(workspaceId, drafts)).get(workspaceId);
    }

    private void wake(List<Enqueued> answers) {
        Set<Long> senders = new HashSet<>();
        for (Enqueued e : answers) {
            if (e instanceof Enqueued.Accepted a && !a.repeated() && a.message().status() == MessageStatus.QUEUED) {
                senders.add(a.message().senderId());
            }
        }
        senders.forEach(runtime::wake);
    }
}
