package dev.recado.messaging.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.springframework.context.SmartLifecycle;

/**
 * A single thread that drains a queue in batches of up to 1,000 and hands each batch to
 * {@link #write}: many small writes become one transaction. It starts before and stops after the
 * dispatchers (phase 100 against their 200), so nothing they hand over is left unwritten.
 */
abstract class BatchingWorker<T> implements SmartLifecycle {

    private static final int MAX_BATCH = 1000;

    private final BlockingQueue<T> queue = new LinkedBlockingQueue<>();
    private final String threadName;
    private volatile boolean running;
    private Thread worker;

    BatchingWorker(String threadName) {
        this.threadName = threadName;
    }

    void enqueue(T item) {
        queue.add(item);
    }

    int backlog() {
        return queue.size();
    }

    /** Writes one batch; a failure is reported to {@link #failed} and the loop goes on. */
    abstract void write(List<T> batch);

    abstract void failed(List<T> batch, RuntimeException error);

    private void loop() {
        List<T> batch = new ArrayList<>(MAX_BATCH);
        while (running || !queue.isEmpty()) {
            try {
                T first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                write(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                failed(List.copyOf(batch), e);
            } finally {
                batch.clear();
            }
        }
    }

    @Override
    public void start() {
        running = true;
        worker = Thread.ofPlatform().name(threadName).daemon().start(this::loop);
    }

    @Override
    public void stop() {
        running = false;
        if (worker != null) {
            try {
                worker.join(10_000);
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
        return 100;
    }
}
