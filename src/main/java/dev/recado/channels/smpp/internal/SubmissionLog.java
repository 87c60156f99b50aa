package dev.recado.channels.smpp.internal;

import dev.recado.channels.smpp.SimulatedSubmission;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * What the simulator accepted, oldest first, indexed by our reference so a test can assert "each
 * reference exactly once" and the adapter can reconcile after a crash, and by message id (with the
 * receipt sent, if any) so query_sm can be answered. Bounded, because the sandbox runs the simulator
 * for days: the oldest entries go first.
 */
public final class SubmissionLog {

    /** The receipt the simulator sent for one message id. */
    record Receipted(boolean delivered, Instant at) {
    }

    private final int capacity;
    private final ConcurrentLinkedDeque<SimulatedSubmission> all = new ConcurrentLinkedDeque<>();
    private final AtomicInteger size = new AtomicInteger();
    // copy-on-write lists: a reference has a handful of parts, and readers never see a half-built list
    private final Map<String, List<SimulatedSubmission>> byReference = new ConcurrentHashMap<>();
    private final Map<String, SimulatedSubmission> byId = new ConcurrentHashMap<>();
    private final Map<String, Receipted> receipts = new ConcurrentHashMap<>();

    public SubmissionLog(int capacity) {
        this.capacity = capacity;
    }

    public void add(SimulatedSubmission submission) {
        all.addLast(submission);
        byId.put(submission.messageId(), submission);
        if (submission.reference() != null) {
            byReference.merge(submission.reference(), List.of(submission),
                    (old, added) -> Stream.concat(old.stream(), added.stream()).toList());
        }
        if (size.incrementAndGet() > capacity) {
            SimulatedSubmission oldest = all.pollFirst();
            if (oldest != null) {
                size.decrementAndGet();
                byId.remove(oldest.messageId());
                receipts.remove(oldest.messageId());
                if (oldest.reference() != null) {
                    byReference.computeIfPresent(oldest.reference(), (k, list) -> {
                        List<SimulatedSubmission> rest = list.stream().filter(s -> s != oldest).toList();
                        return rest.isEmpty() ? null : rest;
                    });
                }
            }
        }
    }

    public List<SimulatedSubmission> all() {
        return List.copyOf(all);
    }

    /** The message ids accepted for a reference, in part order; empty when it was never seen. */
    public Optional<List<String>> idsFor(String reference) {
        List<SimulatedSubmission> found = byReference.get(reference);
        if (found == null) {
            return Optional.empty();
        }
        return Optional.of(found.stream()
                .sorted(Comparator.comparingInt(SimulatedSubmission::concatSequence))
                .map(SimulatedSubmission::messageId)
                .toList());
    }

    public Optional<SimulatedSubmission> byId(String messageId) {
        return Optional.ofNullable(byId.get(messageId));
    }

    /** Notes a receipt the client acknowledged; ids no longer kept are ignored (the log stays bounded). */
    void receiptSent(String messageId, boolean delivered, Instant at) {
        if (byId.containsKey(messageId)) {
            receipts.put(messageId, new Receipted(delivered, at));
        }
    }

    Optional<Receipted> receiptOf(String messageId) {
        return Optional.ofNullable(receipts.get(messageId));
    }

    public List<SimulatedSubmission> forReference(String reference) {
        return byReference.getOrDefault(reference, List.of());
    }

    /** References of which some part was accepted more than once: what must never happen. */
    public Set<String> duplicatedReferences() {
        Set<String> duplicated = new TreeSet<>();
        byReference.forEach((reference, list) -> {
            Map<Integer, Integer> perPart = new HashMap<>();
            for (SimulatedSubmission s : list) {
                if (perPart.merge(s.concatSequence(), 1, Integer::sum) > 1) {
                    duplicated.add(reference);
                }
            }
        });
        return duplicated;
    }

    public int size() {
        return size.get();
    }

    public void clear() {
        all.clear();
        byReference.clear();
        byId.clear();
        receipts.clear();
        size.set(0);
    }
}
