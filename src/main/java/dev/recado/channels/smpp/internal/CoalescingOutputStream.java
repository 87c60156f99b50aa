package dev.recado.channels.smpp.internal;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A socket's output whose writes only copy bytes into a buffer; one writer thread per socket drains
 * whatever has piled up in as few socket writes as it can. jSMPP writes every PDU with one
 * {@code write} and a {@code flush} while holding the stream's monitor, so the dispatcher's window
 * of concurrent submits used to take turns on a syscall each (13 % of the dispatch benchmark's CPU
 * samples); now the monitor is held for a copy, and the PDUs that arrive while the writer is in the
 * kernel go out together in its next write.
 *
 * <p>A {@code write} call is appended whole under one lock, in call order, so PDUs never interleave.
 * The writer starts writing as soon as there is anything; nothing waits for a batch to fill. When the
 * buffer holds {@link #limit} bytes, writers wait for room (a single write larger than that is taken
 * when the buffer is empty), so at most about twice the limit is held: the buffer plus what the
 * writer is writing.
 *
 * <p>Accepted bytes are not yet on the wire, as bytes in a kernel's send buffer are not: if the socket
 * write fails, the writer closes the socket, so jSMPP's reader sees the link gone and the session
 * closes and rebinds as before; every later write or flush throws. Submits whose PDU was lost that
 * way get no response and go through the timeout's reconciliation, like those the kernel still held.
 * {@link #close} lets the writer drain for up to {@link #DRAIN} (an unbind_resp queued just before
 * should still leave), then closes the socket and so ends the writer thread.
 */
final class CoalescingOutputStream extends OutputStream {

    private static final Logger log = LoggerFactory.getLogger(CoalescingOutputStream.class);
    static final Duration DRAIN = Duration.ofSeconds(1);
    private static final int INITIAL = 16 * 1024;

    private final Socket socket;
    private final OutputStream target;
    private final String name;
    private final int limit;
    private final ReentrantLock lock = new ReentrantLock();
    /** The writer waits here for bytes or the close. */
    private final Condition work = lock.newCondition();
    /** Callers wait here for room; close waits here for the writer to end. */
    private final Condition room = lock.newCondition();

    // all guarded by lock
    private byte[] buffer = new byte[INITIAL];
    private int count;
    /** The writer's last buffer, handed back for the next swap so a steady flow allocates nothing. */
    private byte[] spare = new byte[INITIAL];
    private boolean closed;
    private IOException failure;
    private Thread writer;
    private boolean writerDone;
    private long socketWrites;

    CoalescingOutputStream(Socket socket, String name, int limit) throws IOException {
        this.socket = socket;
        this.target = socket.getOutputStream();
        this.name = name;
        this.limit = limit;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        lock.lock();
        try {
            ensureOpen();
            while (count > 0 && count + len > limit) {
                // as a blocked socket write was: jSMPP closes the whole session on any IOException, so
                // an interrupted submit must not turn into one; a failure or close ends the wait
                room.awaitUninterruptibly();
                ensureOpen();
            }
            if (count + len > buffer.length) {
                buffer = java.util.Arrays.copyOf(buffer, Math.max(count + len, Math.min(limit, buffer.length * 2)));
            }
            System.arraycopy(b, off, buffer, count, len);
            count += len;
            if (writer == null) {
                // started with the first bytes: a connection that never writes never has a thread
                writer = Thread.ofPlatform().daemon().name(name).start(this::drain);
            }
            work.signal();
        } finally {
            lock.unlock();
        }
    }

    /** The writer sends as soon as it can; this only reports a link that is already broken. */
    @Override
    public void flush() throws IOException {
        lock.lock();
        try {
            ensureOpen();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (!closed) {
                closed = true;
                work.signal();
                room.signalAll();
            }
            long left = DRAIN.toNanos();
            while (writer != null && !writerDone && left > 0) {
                left = room.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
        // a writer still stuck in a socket write (a peer that stopped reading) fails out of it now
        closeSocket();
    }

    private void ensureOpen() throws IOException {
        if (failure != null) {
            throw new IOException("SMPP link " + name + " failed: " + failure.getMessage(), failure);
        }
        if (closed) {
            throw new IOException("SMPP link " + name + " closed");
        }
    }

    private void drain() {
        try {
            while (true) {
                byte[] out;
                int n;
                lock.lock();
                try {
                    while (count == 0 && !closed) {
                        work.await();
                    }
                    if (count == 0) {
                        return; // closed and drained
                    }
                    out = buffer;
                    n = count;
                    buffer = spare != null ? spare : new byte[INITIAL];
                    spare = null;
                    count = 0;
                    room.signalAll();
                } finally {
                    lock.unlock();
                }
                target.write(out, 0, n);
                lock.lock();
                try {
                    spare = out;
                    socketWrites++;
                } finally {
                    lock.unlock();
                }
            }
        } catch (IOException e) {
            fail(e);
        } catch (InterruptedException e) {
            fail(new InterruptedIOException("writer of " + name + " interrupted"));
        } catch (RuntimeException | Error e) {
            fail(new IOException(e));
            throw e;
        } finally {
            lock.lock();
            try {
                writerDone = true;
                room.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    private void fail(IOException e) {
        lock.lock();
        try {
            if (failure == null && !closed) {
                log.debug("SMPP link {}: write failed ({}); closing it", name, e.toString());
            }
            if (failure == null) {
                failure = e;
            }
            count = 0; // nobody will send them; the buffer's memory goes with the link
            room.signalAll();
        } finally {
            lock.unlock();
        }
        // jSMPP's reader then fails at once, and the session closes and rebinds
        closeSocket();
    }

    private void closeSocket() {
        try {
            socket.close();
        } catch (IOException e) {
            log.debug("SMPP link {}: closing the socket failed: {}", name, e.toString());
        }
    }

    /** For tests: bytes accepted and not yet taken by the writer. */
    int buffered() {
        lock.lock();
        try {
            return count;
        } finally {
            lock.unlock();
        }
    }

    /** For tests: how many socket writes completed. */
    long socketWrites() {
        lock.lock();
        try {
            return socketWrites;
        } finally {
            lock.unlock();
        }
    }

    /** For tests: waits at most this long for the writer thread to end. */
    boolean awaitWriterEnd(long timeout, TimeUnit unit) throws InterruptedException {
        Thread t;
        lock.lock();
        try {
            t = writer;
        } finally {
            lock.unlock();
        }
        return t == null || t.join(Duration.ofNanos(unit.toNanos(timeout)));
    }
}
