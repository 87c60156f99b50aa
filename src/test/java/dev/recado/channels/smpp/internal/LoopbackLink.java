package dev.recado.channels.smpp.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** A TCP connection on localhost: the adapter's end ({@link #client}) and the SMSC's ({@link #peer}). */
final class LoopbackLink implements AutoCloseable {

    private static final int SMALL_SOCKET_BUFFER = 8 * 1024;

    final Socket client;
    final Socket peer;
    private final ServerSocket server;

    private LoopbackLink(ServerSocket server, Socket client, Socket peer) {
        this.server = server;
        this.client = client;
        this.peer = peer;
    }

    /** {@code smallBuffers}: so that a few MB keep a writer inside one socket write until the peer reads. */
    static LoopbackLink connect(boolean smallBuffers) throws IOException {
        ServerSocket server = new ServerSocket();
        Socket client = new Socket();
        try {
            if (smallBuffers) {
                server.setReceiveBufferSize(SMALL_SOCKET_BUFFER);
                client.setSendBufferSize(SMALL_SOCKET_BUFFER);
            }
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            client.connect(server.getLocalSocketAddress());
            return new LoopbackLink(server, client, server.accept());
        } catch (IOException e) {
            client.close();
            server.close();
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        try (server; client; peer) {
            // all three, whatever closing one of them throws
        }
    }
}
