package dev.recado.channels.smpp.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The coalescing output over a real TCP connection on localhost. */
class CoalescingOutputStreamTest {

    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final int SMALL_SOCKET_BUFFER = 8 * 1024;

    private static final java.util.concurrent.atomic.AtomicInteger STREAMS = new java.util.concurrent.atomic.AtomicInteger();

    private final List<AutoCloseable> open = new ArrayList<>();
    private final String writerName = "coalescing-test-" + STREAMS.incrementAndGet() + "-writer";
    private Socket client;
    private Socket peer;

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : open.reversed()) {
            c.close();
        }
    }

    @Test
    void concurrentWritersEachPduArrivesWholeAndEachWritersInItsOrder() throws Exception {
        connect(false);
        // a small limit so that writers also wait for room now and then
        CoalescingOutputStream out = stream(4 * 1024);
        int writers = 40;
        int perWriter = 300;
        CompletableFuture<Map<Integer, List<Integer>>> received = CompletableFuture.supplyAsync(() -> readPdus(writers * perWriter));

        ExecutorService pool = Executors.newFixedThreadPool(writers);
        open.add(pool::shutdownNow);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int writer = w;
            done.add(pool.submit(() -> {
                start.await();
                for (int seq = 0; seq < perWriter; seq++) {
                    // as jSMPP's DefaultPDUSender: the whole PDU in one write, then a flush
                    out.write(pdu(writer, seq, 1 + (writer * 7 + seq * 13) % 300));
                    out.flush();
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : done) {
            f.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        }

        Map<Integer, List<Integer>> byWriter = received.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        assertThat(byWriter).hasSize(writers);
        List<Integer> inOrder = java.util.stream.IntStream.range(0, perWriter).boxed().toList();
        byWriter.values().forEach(seqs -> assertThat(seqs).isEqualTo(inOrder));
    }

    @Test
    void whatPilesUpWhileTheWriterIsInTheSocketGoesOutInOneWrite() throws Exception {
        connect(true);
        CoalescingOutputStream out = stream(1 << 20);
        // more than both sockets' buffers hold: the writer stays in this write until the peer reads
        byte[] blob = pdu(0, 0, 4 * 1024 * 1024);
        out.write(blob);
        await().atMost(PATIENCE).until(() -> out.buffered() == 0);
        for (int seq = 1; seq <= 100; seq++) {
            out.write(pdu(0, seq, 50));
            out.flush();
        }
        assertThat(out.buffered()).isEqualTo(100 * (12 + 50));

        Map<Integer, List<Integer>> received = readPdus(101);

        assertThat(received.get(0)).isEqualTo(java.util.stream.IntStream.rangeClosed(0, 100).boxed().toList());
        await().atMost(PATIENCE).until(() -> out.socketWrites() == 2);
    }

    @Test
    void writersWaitForRoomPastTheLimitAndGoOnOnceTheSocketDrains() throws Exception {
        connect(true);
        CoalescingOutputStream out = stream(1_000);
        out.write(pdu(0, 0, 4 * 1024 * 1024));
        await().atMost(PATIENCE).until(() -> out.buffered() == 0);
        out.write(pdu(0, 1, 900));
        Thread waiting = Thread.ofPlatform().start(() -> {
            try {
                out.write(pdu(0, 2, 900));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        await().atMost(PATIENCE).until(() -> waiting.getState() == Thread.State.WAITING);
        assertThat(out.buffered()).isEqualTo(912);

        Map<Integer, List<Integer>> received = readPdus(3);

        assertThat(waiting.join(PATIENCE)).isTrue();
        assertThat(received.get(0)).containsExactly(0, 1, 2);
    }

    @Test
    void afterThePeerResetsTheLinkWritesAndFlushesFailAndTheWriterEnds() throws Exception {
        connect(false);
        CoalescingOutputStream out = stream(1 << 20);
        out.write(pdu(0, 0, 10));
        readPdus(1);

        peer.setSoLinger(true, 0); // a reset, as a cut line or a crashed SMSC gives
        peer.close();

        await().atMost(PATIENCE).until(() -> {
            try {
                out.write(pdu(0, 1, 10));
                out.flush();
                return false;
            } catch (IOException e) {
                return true;
            }
        });
        assertThatThrownBy(() -> out.write(pdu(0, 2, 10))).isInstanceOf(IOException.class);
        assertThatThrownBy(out::flush).isInstanceOf(IOException.class);
        assertThat(out.awaitWriterEnd(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
        // closed by the writer, so that jSMPP's reader fails at once and the session rebinds
        assertThat(client.isClosed()).isTrue();
    }

    @Test
    void closeDrainsWhatWasWrittenThenClosesTheSocketAndEndsTheWriter() throws Exception {
        connect(false);
        CoalescingOutputStream out = stream(1 << 20);
        CompletableFuture<byte[]> all = CompletableFuture.supplyAsync(() -> readToEnd(peerInput()));
        for (int seq = 0; seq < 50; seq++) {
            out.write(pdu(0, seq, 100));
        }

        out.close();

        assertThat(all.get(PATIENCE.toSeconds(), TimeUnit.SECONDS)).hasSize(50 * (12 + 100));
        assertThat(out.awaitWriterEnd(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(client.isClosed()).isTrue();
        assertThatThrownBy(() -> out.write(pdu(0, 50, 10))).isInstanceOf(IOException.class);
        assertThatThrownBy(out::flush).isInstanceOf(IOException.class);
    }

    @Test
    void closeWhileThePeerReadsNothingStillEndsTheWriterAndReleasesWaitingCallers() throws Exception {
        connect(true);
        CoalescingOutputStream out = stream(1_000);
        out.write(pdu(0, 0, 4 * 1024 * 1024));
        await().atMost(PATIENCE).until(() -> out.buffered() == 0);
        out.write(pdu(0, 1, 900));
        CompletableFuture<Throwable> blocked = new CompletableFuture<>();
        Thread waiting = Thread.ofPlatform().start(() -> {
            try {
                out.write(pdu(0, 2, 900));
                blocked.complete(null);
            } catch (IOException e) {
                blocked.complete(e);
            }
        });
        await().atMost(PATIENCE).until(() -> waiting.getState() == Thread.State.WAITING);

        out.close();

        assertThat(blocked.get(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isInstanceOf(IOException.class);
        assertThat(out.awaitWriterEnd(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(client.isClosed()).isTrue();
    }

    @Test
    void theWriterThreadStartsWithTheFirstBytes() throws Exception {
        connect(false);
        CoalescingOutputStream out = stream(1 << 20);
        assertThat(writerThreads()).isZero();

        out.write(pdu(0, 0, 10));

        assertThat(writerThreads()).isEqualTo(1);
        out.close();
        assertThat(out.awaitWriterEnd(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(writerThreads()).isZero();
    }

    private long writerThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals(writerName)).count();
    }

    /** {@code smallBuffers}: so that a few MB keep the writer inside one socket write until the peer reads. */
    private void connect(boolean smallBuffers) throws IOException {
        ServerSocket server = new ServerSocket();
        open.add(server);
        if (smallBuffers) {
            server.setReceiveBufferSize(SMALL_SOCKET_BUFFER);
        }
        server.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        client = new Socket();
        open.add(client);
        if (smallBuffers) {
            client.setSendBufferSize(SMALL_SOCKET_BUFFER);
        }
        client.connect(server.getLocalSocketAddress());
        peer = server.accept();
        open.add(peer);
    }

    private CoalescingOutputStream stream(int limit) throws IOException {
        CoalescingOutputStream out = new CoalescingOutputStream(client, writerName, limit);
        open.add(out);
        return out;
    }

    /** A frame like a PDU's: its length, the writer, its sequence number, then a body only it would have. */
    private static byte[] pdu(int writer, int seq, int bodyLength) {
        ByteBuffer b = ByteBuffer.allocate(12 + bodyLength);
        b.putInt(12 + bodyLength).putInt(writer).putInt(seq);
        for (int i = 0; i < bodyLength; i++) {
            b.put(body(writer, seq, i));
        }
        return b.array();
    }

    private static byte body(int writer, int seq, int i) {
        return (byte) (writer * 31 + seq * 7 + i);
    }

    /** Reads this many frames, checking each is whole; answers each writer's sequence numbers in arrival order. */
    private Map<Integer, List<Integer>> readPdus(int frames) {
        try {
            DataInputStream in = new DataInputStream(peerInput());
            Map<Integer, List<Integer>> byWriter = new HashMap<>();
            for (int f = 0; f < frames; f++) {
                int length = in.readInt();
                int writer = in.readInt();
                int seq = in.readInt();
                byte[] body = new byte[length - 12];
                in.readFully(body);
                for (int i = 0; i < body.length; i++) {
                    if (body[i] != body(writer, seq, i)) {
                        throw new AssertionError("frame " + f + " (writer " + writer + ", seq " + seq
                                + ") is not whole: byte " + i + " differs");
                    }
                }
                byWriter.computeIfAbsent(writer, k -> new ArrayList<>()).add(seq);
            }
            return byWriter;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private InputStream peerInput() {
        try {
            return peer.getInputStream();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] readToEnd(InputStream in) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        try {
            for (int n; (n = in.read(chunk)) >= 0; ) {
                all.write(chunk, 0, n);
            }
        } catch (EOFException e) {
            // the end
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return all.toByteArray();
    }
}
