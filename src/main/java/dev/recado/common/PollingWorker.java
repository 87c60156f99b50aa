package dev.recado.common;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import org.springframework.context.SmartLifecycle;

/**
 * One background thread per node that works in passes: it runs a pass, and when the pass found
 * nothing more to do it waits for a wake-up or the poll interval, whichever comes first (the poll
 * finds work that other nodes left, and covers a missed wake-up). Stopping wakes it rather than
 * interrupting it: an interrupt inside a JDBC call can break the pooled connection. After a failed
 * pass it waits at least a second.
 */
public abstract class PollingWorker implements SmartLifecycle {

    private static final Duration FAILURE_PAUSE = Duration.ofSeconds(1);

    private final String threadName;
    private final Duration poll;
    private final int phase;
    private volatile boolean running;
    private volatile Thread worker;

    protected PollingWorker(String threadName, Duration poll, int phase) {
        this.threadName = threadName;
        this.poll = poll;
        this.phase = phase;
    }

    /** One pass; true when there may be more work right away. */
    protected abstract boolean pass();

    /** A pass threw: say so in the subclass's words; the thread waits one poll interval and goes on. */
    protected abstract void failed(RuntimeException e);

    /** False keeps the thread from starting on this node (a setting). */
    protected boolean enabled() {
        return true;
    }

    /** Runs the next pass now instead of at the end of the poll interval. */
    public void wake() {
        Thread t = worker;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    private void loop() {
        while (running) {
            try {
                if (!pass() && running) {
                    LockSupport.parkNanos(poll.toNanos());
                }
            } catch (RuntimeException e) {
                failed(e);
                // a failing database is not asked again ten times a second
                LockSupport.parkNanos(Math.max(poll.toNanos(), FAILURE_PAUSE.toNanos()));
            }
        }
    }

    @Override
    public void start() {
        running = true;
        if (enabled()) {
            worker = Thread.ofPlatform().name(threadName).daemon().start(this::loop);
        }
    }

    @Override
    public void stop() {
        running = false;
        Thread t = worker;
        if (t != null) {
            LockSupport.unpark(t);
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return phase;
    }
}
