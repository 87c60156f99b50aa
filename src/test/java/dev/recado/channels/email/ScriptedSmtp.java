package dev.recado.channels.email;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.io.OutputStreamWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A minimal SMTP server (RFC 5321 commands as a relay answers them) whose reply to RCPT TO is
 * scripted per address, for the refusals GreenMail does not make: {@code 550} rejections and
 * {@code 451} deferrals. Accepted messages are kept as raw text.
 */
final class ScriptedSmtp implements AutoCloseable {

    private final ServerSocket server;
    private final Function<String, String> rcptReply;
    final List<String> accepted = new CopyOnWriteArrayList<>();
    final List<String> recipientsAsked = new CopyOnWriteArrayList<>();

    /** {@code rcptReply} answers an address with a full reply line, e.g. {@code 250 OK}. */
    ScriptedSmtp(Function<String, String> rcptReply) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.rcptReply = rcptReply;
        Thread.ofVirtual().start(this::acceptLoop);
    }

    int port() {
        return server.getLocalPort();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                Thread.ofVirtual().start(() -> serve(socket));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket; var in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
                Writer out = new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.UTF_8)) {
            reply(out, "220 scripted.test ESMTP");
            boolean rcptOk = false;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String verb = line.length() >= 4 ? line.substring(0, 4).toUpperCase() : line.toUpperCase();
                switch (verb) {
                    case "EHLO" -> reply(out, "250-scripted.test\r\n250 8BITMIME");
                    case "HELO", "NOOP" -> reply(out, "250 OK");
                    case "MAIL" -> {
                        rcptOk = false;
                        reply(out, "250 OK");
                    }
                    case "RCPT" -> {
                        String address = line.substring(line.indexOf('<') + 1, line.indexOf('>'));
                        recipientsAsked.add(address);
                        String answer = rcptReply.apply(address);
                        rcptOk |= answer.startsWith("250");
                        reply(out, answer);
                    }
                    case "DATA" -> {
                        if (!rcptOk) {
                            reply(out, "503 5.5.1 No valid recipients");
                            continue;
                        }
                        reply(out, "354 End data with <CR><LF>.<CR><LF>");
                        StringBuilder message = new StringBuilder();
                        for (String data = in.readLine(); data != null && !data.equals("."); data = in.readLine()) {
                            message.append(data).append("\r\n");
                        }
                        accepted.add(message.toString());
                        reply(out, "250 2.0.0 Queued");
                    }
                    case "RSET" -> reply(out, "250 OK");
                    case "QUIT" -> {
                        reply(out, "221 Bye");
                        return;
                    }
                    default -> reply(out, "502 5.5.2 Command not recognized");
                }
            }
        } catch (IOException ignored) {
            // the client went away
        }
    }

    private static void reply(Writer out, String line) throws IOException {
        out.write(line + "\r\n");
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
