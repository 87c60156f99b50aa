package dev.recado.channels.smpp.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import org.jsmpp.session.connection.socket.SocketConnection;

/**
 * jSMPP's socket connection (its buffered reader kept as it is) with a {@link CoalescingOutputStream}
 * for output, so the PDUs of concurrent submits share socket writes.
 */
final class CoalescingConnection extends SocketConnection {

    /** Beyond this much waiting output, senders wait for the socket (about 4,000 submit_sm). */
    static final int LIMIT = 1 << 20;

    private final CoalescingOutputStream out;

    CoalescingConnection(Socket socket, String writerName) throws IOException {
        super(socket);
        this.out = new CoalescingOutputStream(socket, writerName, LIMIT);
    }

    @Override
    public OutputStream getOutputStream() {
        return out;
    }

    /** Stops the writer (after a short drain) and closes the socket. */
    @Override
    public void close() {
        out.close();
        super.close();
    }
}
