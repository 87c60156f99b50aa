package dev.recado.messaging.internal;

import dev.recado.messaging.Sender;
import dev.recado.messaging.spi.ChannelAdapter;
import dev.recado.messaging.spi.SenderState;
import dev.recado.messaging.spi.SubmitOutcome;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
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
    }

    @Override
    public void run() {
        thread = Thread.currentThread();
        while (running) {
            try {
                if (adapter.state() != SenderState.CONNECTED && adapter.state() != SenderState.THROTTLED) {
                    LockSupport.parkNanos(IDLE_WAIT.toNanos());
                    continue;
                }
                long pause = pausedUntilNanos - System.nanoTime();
                if (pause > 0) {
                    LockSupport.parkNanos(pause);
                    continue;
                }
                List<DispatchQueue.Claimed> batch = queue.claim(sender.id(), Math.max(50, windowSize * 4), clock.instant());
                if (batch.isEmpty()) {
                    LockSupport.parkNanos(idleNanos);
                    idleNanos = Math.min(idleNanos * 2, MAX_IDLE_WAIT.toNanos());
                    continue;
                }
                idleNanos = IDLE_WAIT.toNanos();
                if (pacedRecipients) {
                    batch = withoutHeld(batch);
                }
                batch = followUps.stillWanted(batch);
                for (DispatchQueue.Claimed m : batch) {
                    submit(m);
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

    private void submit(DispatchQueue.Claimed m) throws InterruptedException {
        // a window slot first: the paced moment is then the moment of sending, not of waiting for a slot
        window.acquire();
        try {
            rate.acquire(m.segments());
        } catch (InterruptedException e) {
            window.release();
            throw e;
        }
        var outbound = pixels.attach(m.outbound());
        try {
            adapter.submit(outbound).whenComplete((result, error) -> {
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
            if (window.tryAcquire(windowSize, grace.toMillis(), TimeUnit.MILLISECONDS)) {
                window.release(windowSize);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
