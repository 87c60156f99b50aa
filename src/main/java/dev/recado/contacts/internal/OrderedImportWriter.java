package dev.recado.contacts.internal;

import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.TransientDataAccessException;

/**
 * Writes one import's batches on several connections at once, committing them in file order.
 *
 * <p>One writer kept one PostgreSQL backend busy while the second core idled: the database's work
 * per row, not the server's, set the pace. Batches now run side by side and each waits, just before
 * it records its progress, for the one before it to commit, so the progress row always marks a
 * prefix of the file and a resumed import skips exactly what committed.
 *
 * <p>Side by side, a batch may only create contacts (it cannot see what the batch before it has
 * not committed yet). One that finds existing contacts, collides with the other's new ones (a
 * phone in both), or waits too long for its turn (the earlier batch waiting on a row it holds)
 * rolls back and is written again alone once every batch before it has committed, as a single
 * writer would have written it.
 */
final class OrderedImportWriter {

    /** One batch's write: {@code alone} when every batch before it has committed. */
    interface Write {
        void run(boolean alone, Runnable awaitTurn);

        /** Called when an attempt rolled back, before the batch is written again. */
        default void rolledBack() {
        }
    }

    static final class TurnTimeout extends RuntimeException {
        TurnTimeout() {
            super("the batch before this one did not commit in time", null, false, false);
        }
    }

    /** Longer than a batch normally takes; what a batch waiting on the other's rows costs once. */
    private static final long PATIENCE_MILLIS = 5_000;
    private static final int ATTEMPTS_ALONE = 3;

    private final ExecutorService writers;
    private final int width;
    private final ArrayDeque<CompletableFuture<Void>> inFlight = new ArrayDeque<>();
    private long submitted;
    private long committed;
    private RuntimeException failure;

    OrderedImportWriter(ExecutorService writers, int width) {
        this.writers = writers;
        this.width = Math.max(1, width);
    }

    /** Hands the next batch of the file to a writer, after the oldest in flight is done if all are busy. */
    void submit(Write write) {
        if (inFlight.size() >= width) {
            join(inFlight.poll());
        }
        long seq = ++submitted;
        inFlight.add(CompletableFuture.runAsync(() -> write(seq, write), writers));
    }

    /** Waits for every batch handed over; rethrows the failure that stopped the import, if any. */
    void finish() {
        while (!inFlight.isEmpty()) {
            join(inFlight.poll());
        }
    }

    private static void join(CompletableFuture<Void> future) {
        try {
            future.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    private void write(long seq, Write write) {
        boolean alone = width == 1;
        int attemptsAlone = 0;
        try {
            while (true) {
                if (alone) {
                    awaitTurn(seq, 0);
                    attemptsAlone++;
                }
                try {
                    write.run(alone, () -> awaitTurn(seq, PATIENCE_MILLIS));
                    committed(seq);
                    return;
                } catch (ImportBatch.NeedsTurn | TurnTimeout | DataIntegrityViolationException
                        | TransientDataAccessException retry) {
                    write.rolledBack();
                    if (alone && (retry instanceof DataIntegrityViolationException || attemptsAlone >= ATTEMPTS_ALONE)) {
                        throw retry;
                    }
                    alone = true;
                } catch (RuntimeException e) {
                    write.rolledBack();
                    throw e;
                }
            }
        } catch (RuntimeException e) {
            failed(e);
            throw e;
        }
    }

    private synchronized void awaitTurn(long seq, long patienceMillis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(patienceMillis);
        while (committed < seq - 1) {
            if (failure != null) {
                throw new IllegalStateException("an earlier batch of the import failed", failure);
            }
            long left = patienceMillis == 0 ? 0 : TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (patienceMillis > 0 && left <= 0) {
                throw new TurnTimeout();
            }
            try {
                wait(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("import stopped", e);
            }
        }
    }

    private synchronized void committed(long seq) {
        committed = seq;
        notifyAll();
    }

    private synchronized void failed(RuntimeException e) {
        if (failure == null) {
            failure = e;
        }
        notifyAll();
    }
}
