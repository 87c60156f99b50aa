package dev.recado.channels.smpp.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.DataInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.jsmpp.DefaultPDUSender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Deferred deliver_sm_resp over a real TCP connection on localhost, written through the coalescing
 * output as in production: on which thread, and what the store's own future is left with.
 */
class DeferredAcksTest {

    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final int DELIVER_SM_RESP = 0x80000005;
    private static final AtomicInteger RUNS = new AtomicInteger();

    private final String ackThread = "acks-under-test-" + RUNS.incrementAndGet();
    private final ExecutorService acks = Executors.newSingleThreadExecutor(Thread.ofPlatform().name(ackThread).factory());
    /** The thread of every write that reached the link. */
    private final List<String> writers = new CopyOnWriteArrayList<>();
    private LoopbackLink sockets;
    private CoalescingOutputStream coalescing;
    private Socket peer;

    @AfterEach
    void closeAll() throws IOException {
        if (coalescing != null) {
            coalescing.close();
        }
        if (sockets != null) {
            sockets.close();
        }
        acks.shutdownNow();
    }

    @Test
    void theAckIsWrittenOnTheAckThreadNotOnTheThreadThatStored() throws Exception {
        OutputStream link = link(false, 1 << 20);
        CompletableFuture<Void> stored = new CompletableFuture<>();

        assertThat(deferAndAnswer(Duration.ofSeconds(10), stored, link, 7)).isEmpty();
        assertThat(writers).as("nothing before it is stored").isEmpty();
        assertThat(storeOn("receipt-writer-stub", stored)).succeedsWithin(PATIENCE);

        assertThat(readResp()).isEqualTo(new Resp(0, 7, "id-7"));
        assertThat(writers).containsExactly(ackThread);
    }

    @Test
    void aStoreCompletingWhileTheLinkIsFullIsNotHeldUpByTheAck() throws Exception {
        OutputStream link = link(true, 1_000);
        // the writer stuck in the socket, and the buffer too full for the ack: its write has to wait
        link.write(frame(4 * 1024 * 1024));
        await().atMost(PATIENCE).until(() -> coalescing.buffered() == 0);
        link.write(frame(992));
        writers.clear();
        CompletableFuture<Void> stored = new CompletableFuture<>();
        deferAndAnswer(Duration.ofSeconds(10), stored, link, 8);

        assertThat(storeOn("receipt-writer-stub", stored)).as("the commit thread goes on at once")
                .succeedsWithin(PATIENCE);

        DataInputStream in = new DataInputStream(peer.getInputStream());
        in.skipNBytes(4 * 1024 * 1024 + 992);
        assertThat(readResp()).isEqualTo(new Resp(0, 8, "id-8"));
        assertThat(writers).containsExactly(ackThread);
    }

    @Test
    void afterThePatienceTheSmscIsAskedAgainAndTheStoresOwnFutureIsLeftAlone() throws Exception {
        OutputStream link = link(false, 1 << 20);
        CompletableFuture<Void> stored = new CompletableFuture<>();

        deferAndAnswer(Duration.ofMillis(200), stored, link, 9);

        assertThat(readResp()).isEqualTo(new Resp(SmppStatus.ESME_RX_T_APPN, 9, ""));
        assertThat(stored).as("the commit may still land; its caller must not see it failed").isNotDone();
        assertThat(stored.complete(null)).isTrue();
        assertThat(stored).isCompleted().isNotCompletedExceptionally();
        assertThat(writers).as("not on the JDK's timer thread").containsExactly(ackThread);
    }

    @Test
    void aFailedStoreIsAnsweredWithATemporaryError() throws Exception {
        OutputStream link = link(false, 1 << 20);
        CompletableFuture<Void> stored = new CompletableFuture<>();
        deferAndAnswer(Duration.ofSeconds(10), stored, link, 10);

        stored.completeExceptionally(new IllegalStateException("database down"));

        assertThat(readResp()).isEqualTo(new Resp(SmppStatus.ESME_RX_T_APPN, 10, ""));
        assertThat(writers).containsExactly(ackThread);
    }

    /** As jSMPP does on the PDU thread: the listener defers, then the response is sent. */
    private byte[] deferAndAnswer(Duration patience, CompletableFuture<Void> stored, OutputStream link, int seq)
            throws IOException {
        DeferredAcks sender = new DeferredAcks(new DefaultPDUSender(), acks, patience);
        DeferredAcks.deferTo(stored);
        return sender.sendDeliverSmResp(link, SmppStatus.ESME_ROK, seq, "id-" + seq);
    }

    /** Completes the store on a thread of this name; the future ends when that thread is done with it. */
    private static CompletableFuture<Void> storeOn(String threadName, CompletableFuture<Void> stored) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread.ofPlatform().daemon().name(threadName).start(() -> {
            stored.complete(null);
            done.complete(null);
        });
        return done;
    }

    private record Resp(int status, int sequence, String messageId) {
    }

    private Resp readResp() throws IOException {
        DataInputStream in = new DataInputStream(peer.getInputStream());
        int length = in.readInt();
        assertThat(in.readInt()).isEqualTo(DELIVER_SM_RESP);
        int status = in.readInt();
        int seq = in.readInt();
        byte[] body = new byte[length - 16];
        in.readFully(body);
        String id = body.length == 0 ? "" : new String(body, 0, body.length - 1, StandardCharsets.US_ASCII);
        return new Resp(status, seq, id);
    }

    /** A frame that is no PDU, for filling the link: the peer skips it by length. */
    private static byte[] frame(int length) {
        return ByteBuffer.allocate(length).putInt(length).array();
    }

    private OutputStream link(boolean smallBuffers, int limit) throws IOException {
        sockets = LoopbackLink.connect(smallBuffers);
        peer = sockets.peer;
        coalescing = new CoalescingOutputStream(sockets.client, "deferred-acks-test-writer", limit);
        return new Recording(coalescing, writers);
    }

    /** Records the thread of each write; jSMPP writes a PDU in one call. */
    private static final class Recording extends FilterOutputStream {
        private final List<String> writers;

        Recording(OutputStream out, List<String> writers) {
            super(out);
            this.writers = writers;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            writers.add(Thread.currentThread().getName());
            out.write(b, off, len);
        }
    }
}
