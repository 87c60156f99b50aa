package dev.recado.messaging.internal;

import dev.recado.messaging.Sender;
import dev.recado.messaging.spi.ChannelAdapter;
import dev.recado.messaging.spi.SenderState;
import dev.recado.messaging.spi.SubmitOutcome;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One sender's dispatch loop: claim due messages (most urgent first), wait for a window slot and
 * the sender's pace ({@link SendRate}, one unit per segment), submit without blocking, and hand every answer to the outcome writer.
 * A throttling answer from the provider pauses the loop so the provider sets the pace.
 */
class Dispatcher implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);
    private static final Duration IDLE_WAIT = Duration.ofMillis(250);
    /** An idle sender polls less and less often; a newly accepted message wakes it at once. */
    private static final Duration MAX_IDLE_WAIT = Duration.ofSeconds(5);

    private final OpenPixels pixels;
    private final RouteFollowUps followUps;
    private final Sender sender;
    private final ChannelAdapter adapter;
    private final DispatchQueue queue;
    private final OutcomeWriter outcomes;
    private final Clock clock;
    private final SendRate rate;
    private final Semaphore window;
    private final int windowSize;
    private volatile boolean running = true;
    private volatile Thread thread;
    private volatile long pausedUntilNanos;
    private volatile int throttleStreak;
    private long idleNanos = IDLE_WAIT.toNanos();
    private final boolean pacedRecipients;
    private final int claimSize;
    /** Claimed and not yet handed to the adapter: the dispatcher's thread only. */
    private final java.util.ArrayDeque<DispatchQueue.Claimed> unsent = new java.util.ArrayDeque<>();
    private final java.util.concurrent.Executor claimer;
    private CompletableFuture<List<DispatchQueue.Claimed>> ahead;
    private volatile boolean lastClaimFull;
    private final java.util.concurrent.CountDownLatch exited = new java.util.concurrent.CountDownLatch(1);

    Dispatcher(Sender sender, ChannelAdapter adapter, DispatchQueue queue, OutcomeWriter outcomes, OpenPixels pixels,
            RouteFollowUps followUps, Clock clock, boolean pacedRecipients) {
        this.followUps = followUps;
        this.pacedRecipients = pacedRecipients;
        this.pixels = pixels;
        this.sender = sender;
        this.adapter = adapter;
        this.queue = queue;
        this.outcomes = outcomes;
        this.clock = clock;
        this.rate = new SendRate(sender.ratePerSecond(), System::nanoTime);
        this.windowSize = Math.max(1, sender.window());
        this.window = new Semaphore(windowSize);
        // about half a second of sending, within the window's reach: what a crash can leave claimed stays small
        this.claimSize = Math.max(50, Math.min(windowSize * 4, sender.ratePerSecond() / 2));
        this.claimer = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("claim-" + sender.id() + "-", 0).factory());
    }

    @Override
    public void run() {
        thread = Thread.currentThread();
        try {
            loop();
        } finally {
            returnUnsent();
            exited.countDown();
        }
    }

    private void loop() {
        while (running) {
            try {
                if (!linked()) {
                    // what waits here for a link that may never come back would fail at a crash as unknown
                    returnUnsent();
                    LockSupport.parkNanos(IDLE_WAIT.toNanos());
                    continue;
                }
                long pause = pausedUntilNanos - System.nanoTime();
                if (pause > 0) {
                    LockSupport.parkNanos(pause);
                    continue;
                }
                if (unsent.isEmpty()) {
                    unsent.addAll(nextBatch());
                }
                if (unsent.isEmpty()) {
                    LockSupport.parkNanos(idleNanos);
                    idleNanos = Math.min(idleNanos * 2, MAX_IDLE_WAIT.toNanos());
                    continue;
                }
                idleNanos = IDLE_WAIT.toNanos();
                while (running && !unsent.isEmpty() && !throttled() && linked()) {
                    submit(unsent.peekFirst());
                    unsent.pollFirst();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.warn("Dispatcher of sender {} hit an error; continuing", sender.id(), e);
                LockSupport.parkNanos(Duration.ofSeconds(1).toNanos());
            }
        }
    }

    /** A link that dropped mid-batch stops it: the rest goes back to the queue, not to a dead adapter. */
    private boolean linked() {
        SenderState state = adapter.state();
        return state == SenderState.CONNECTED || state == SenderState.THROTTLED;
    }

    /**
     * The claim made ahead, or one now; a full claim means more is due, so the next is claimed at
     * once, beside the paced sends of this one. A claim is a database round trip that grows with
     * the batch (tenths of a second under load): made in line, the sender stood idle meanwhile and
     * a 1,000/s WhatsApp number sent 800/s, one claim of 800 a second.
     */
    private List<DispatchQueue.Claimed> nextBatch() {
        List<DispatchQueue.Claimed> batch;
        if (ahead != null) {
            var claimed = ahead;
            ahead = null;
            batch = claimed.join();
        } else {
            batch = claimReady();
        }
        if (lastClaimFull) {
            ahead = CompletableFuture.supplyAsync(this::claimReady, claimer);
        }
        return batch;
    }

    private List<DispatchQueue.Claimed> claimReady() {
        List<DispatchQueue.Claimed> batch = queue.claim(sender.id(), claimSize, clock.instant());
        lastClaimFull = batch.size() == claimSize;
        if (batch.isEmpty()) {
            return batch;
        }
        try {
            if (pacedRecipients) {
                batch = withoutHeld(batch);
            }
            return followUps.stillWanted(batch);
        } catch (RuntimeException e) {
            // claimed and never handed over: without this they stay 'sending' until a restart reconciles them
            putBack(batch);
            throw e;
        }
    }

    /** Back to the queue as they were; a message no longer 'sending' (held, dropped meanwhile) is left alone. */
    private void putBack(List<DispatchQueue.Claimed> claimed) {
        var now = clock.instant();
        queue.putBack(claimed.stream().map(m -> new DispatchQueue.Retry(m.id(), now, null, null)).toList(), now);
    }

    /**
     * Claimed messages not handed to the adapter go back to the queue as they were (the claim's
     * attempt taken back), so a stop, a lost link or an error never leaves them in 'sending', where
     * a restart could only fail them as unknown for a provider that cannot be asked.
     */
    private void returnUnsent() {
        List<DispatchQueue.Claimed> back = new java.util.ArrayList<>(unsent);
        unsent.clear();
        if (ahead != null) {
            var claimed = ahead;
            ahead = null;
            try {
                back.addAll(claimed.join());
            } catch (RuntimeException failed) {
                log.warn("Sender {}: the claim made ahead failed", sender.id(), failed);
            }
        }
        if (back.isEmpty()) {
            return;
        }
        // the database call must not see the stop's interrupt; it is restored after
        boolean interrupted = Thread.interrupted();
        try {
            putBack(back);
        } catch (RuntimeException e) {
            log.warn("Sender {}: {} claimed messages could not go back to the queue; a restart reconciles them",
                    sender.id(), back.size(), e);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void submit(DispatchQueue.Claimed m) throws InterruptedException {
        // a window slot first: the paced moment is then the moment of sending, not of waiting for a slot
        window.acquire();
        SendRate.Reservation paced;
        try {
            paced = rate.acquire(m.segments());
        } catch (InterruptedException e) {
            window.release();
            throw e;
        }
        try {
            adapter.submit(pixels.attach(m.outbound()), () -> rate.wrote(paced)).whenComplete((result, error) -> {
                window.release();
                SubmitOutcome outcome = error == null ? result
                        : new SubmitOutcome.Transient("adapter_error", String.valueOf(error.getMessage()), false, null);
                if (outcome instanceof SubmitOutcome.Transient t && t.throttled()) {
                    slowDown();
                } else if (outcome instanceof SubmitOutcome.Accepted) {
                    throttleStreak = 0;
                }
                outcomes.add(new OutcomeWriter.Outcome(sender.id(), m, outcome));
            });
        } catch (RuntimeException e) {
            window.release();
            outcomes.add(new OutcomeWriter.Outcome(sender.id(), m,
                    new SubmitOutcome.Transient("adapter_error", e.toString(), false, null)));
        }
    }

    /**
     * Messages to a recipient on hold (in the database, whichever node's refusal put it there) go
     * back to the queue until the hold ends, not to the provider; the rest of the batch goes on.
     */
    private List<DispatchQueue.Claimed> withoutHeld(List<DispatchQueue.Claimed> batch) {
        var now = clock.instant();
        var holds = queue.holds(sender.id(), now);
        if (holds.isEmpty()) {
            return batch;
        }
        List<DispatchQueue.Retry> held = new java.util.ArrayList<>();
        List<DispatchQueue.Claimed> go = new java.util.ArrayList<>(batch.size());
        for (DispatchQueue.Claimed m : batch) {
            var until = holds.get(m.to());
            if (until == null) {
                go.add(m);
            } else {
                held.add(new DispatchQueue.Retry(m.id(), until, "recipient_paced",
                        "the provider limits messages to this recipient; waiting until " + until));
            }
        }
        if (!held.isEmpty()) {
            queue.putBack(held, now);
        }
        return go;
    }

    /** Each throttling answer in a row doubles the pause, up to 30 seconds. */
    private void slowDown() {
        int streak = Math.min(++throttleStreak, 8);
        long pauseMillis = Math.min(30_000, 100L << streak);
        pausedUntilNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(pauseMillis);
    }

    void wake() {
        idleNanos = IDLE_WAIT.toNanos();
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    boolean throttled() {
        return pausedUntilNanos - System.nanoTime() > 0;
    }

    /** Waits until every submit in flight has answered, so their outcomes are queued before shutdown. */
    void stop(Duration grace) {
        running = false;
        Thread t = thread;
        if (t != null) {
            t.interrupt();
        }
        try {
            // the unsent go back to the queue before a new dispatcher of the sender may look for them
            exited.await(grace.toMillis(), TimeUnit.MILLISECONDS);
            if (window.tryAcquire(windowSize, grace.toMillis(), TimeUnit.MILLISECONDS)) {
                window.release(windowSize);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
