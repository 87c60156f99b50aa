package dev.recado.common;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * One HTTP/1.1 POST to an address chosen in advance: the socket connects to the checked address,
 * while the Host header, TLS server name and certificate check use the URL's host name. So DNS
 * answering differently between the check and the connection (rebinding) changes nothing.
 */
final class PinnedHttp {

    private static final int CONNECT_TIMEOUT_MS = 5_000;
    private static final int READ_TIMEOUT_MS = 10_000;

    private PinnedHttp() {
    }

    static int post(URI uri, InetAddress address, Map<String, String> headers, byte[] body) throws IOException {
        String host = uri.getHost();
        Socket plain = new Socket();
        try {
            Socket socket = open(plain, uri, address);
            StringBuilder head = new StringBuilder("POST ").append(path(uri)).append(" HTTP/1.1\r\n")
                    .append("Host: ").append(host).append(uri.getPort() > 0 ? ":" + uri.getPort() : "").append("\r\n")
                    .append("Content-Length: ").append(body.length).append("\r\n")
                    .append("Connection: close\r\n");
            headers.forEach((name, value) -> head.append(name).append(": ")
                    .append(value.replaceAll("[\\r\\n]", " ")).append("\r\n"));
            head.append("\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.UTF_8));
            out.write(body);
            out.flush();
            return status(new BufferedInputStream(socket.getInputStream()));
        } finally {
            plain.close();
        }
    }

    /** A GET's answer: its status, Content-Type (null when absent) and body. */
    record Fetched(int status, String contentType, byte[] body) {
    }

    /** Thrown when a body passes the cap given to {@link #get}. */
    static final class TooLarge extends IOException {
        TooLarge(long max) {
            super("larger than " + max + " bytes");
        }
    }

    /**
     * A GET as HTTP/1.0, so the body is never chunked and ends with the connection; read up to
     * {@code maxBytes}, else {@link TooLarge}. Redirects are answers like any other (not followed).
     */
    static Fetched get(URI uri, InetAddress address, long maxBytes) throws IOException {
        Socket plain = new Socket();
        try {
            Socket socket = open(plain, uri, address);
            String head = "GET " + path(uri) + " HTTP/1.0\r\nHost: " + uri.getHost()
                    + (uri.getPort() > 0 ? ":" + uri.getPort() : "") + "\r\nAccept: */*\r\nConnection: close\r\n\r\n";
            socket.getOutputStream().write(head.getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            int status = status(in);
            String contentType = null;
            for (String line = line(in); !line.isEmpty(); line = line(in)) {
                int colon = line.indexOf(':');
                String name = colon < 0 ? "" : line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
                String value = colon < 0 ? "" : line.substring(colon + 1).strip();
                if (name.equals("content-type")) {
                    contentType = value;
                } else if (name.equals("content-length") && value.matches("\\d{1,18}") && Long.parseLong(value) > maxBytes) {
                    throw new TooLarge(maxBytes);
                }
            }
            byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (body.length > maxBytes) {
                throw new TooLarge(maxBytes);
            }
            return new Fetched(status, contentType, body);
        } finally {
            plain.close();
        }
    }

    /** Connects to the checked address; with TLS, the name is what the certificate must match. */
    private static Socket open(Socket plain, URI uri, InetAddress address) throws IOException {
        boolean tls = "https".equalsIgnoreCase(uri.getScheme());
        String host = uri.getHost();
        int port = uri.getPort() > 0 ? uri.getPort() : tls ? 443 : 80;
        plain.connect(new InetSocketAddress(address, port), CONNECT_TIMEOUT_MS);
        plain.setSoTimeout(READ_TIMEOUT_MS);
        if (!tls) {
            return plain;
        }
        String name = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        SSLSocket ssl = (SSLSocket) ((SSLSocketFactory) SSLSocketFactory.getDefault()).createSocket(plain, name, port, true);
        SSLParameters parameters = ssl.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        if (OutboundTargets.literal(name) == null) {
            parameters.setServerNames(java.util.List.of(new SNIHostName(name)));
        }
        ssl.setSSLParameters(parameters);
        ssl.startHandshake();
        return ssl;
    }

    private static String path(URI uri) {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
    }

    /** One header line without its line end; at most 8 KB. */
    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0 && c != '\n') {
            if (line.length() > 8_192) {
                throw new IOException("header line too long");
            }
            line.append((char) c);
        }
        return line.toString().strip();
    }

    private static int status(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0 && c != '\n' && line.length() < 200) {
            line.append((char) c);
        }
        String[] parts = line.toString().strip().split(" ");
        if (parts.length < 2 || !parts[0].toUpperCase(Locale.ROOT).startsWith("HTTP/")) {
            throw new IOException("not an HTTP response");
        }
        try {
            return Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new IOException("not an HTTP status: " + LogSafe.of(parts[1]));
        }
    }
}
