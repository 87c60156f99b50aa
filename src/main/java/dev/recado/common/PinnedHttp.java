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
        boolean tls = "https".equalsIgnoreCase(uri.getScheme());
        String host = uri.getHost().startsWith("[") ? uri.getHost() : uri.getHost();
        int port = uri.getPort() > 0 ? uri.getPort() : tls ? 443 : 80;
        Socket plain = new Socket();
        try {
            plain.connect(new InetSocketAddress(address, port), CONNECT_TIMEOUT_MS);
            plain.setSoTimeout(READ_TIMEOUT_MS);
            Socket socket = plain;
            if (tls) {
                String name = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
                SSLSocket ssl = (SSLSocket) ((SSLSocketFactory) SSLSocketFactory.getDefault())
                        .createSocket(plain, name, port, true);
                SSLParameters parameters = ssl.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                if (OutboundTargets.literal(name) == null) {
                    parameters.setServerNames(java.util.List.of(new SNIHostName(name)));
                }
                ssl.setSSLParameters(parameters);
                ssl.startHandshake();
                socket = ssl;
            }
            String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
            if (uri.getRawQuery() != null) {
                path += "?" + uri.getRawQuery();
            }
            StringBuilder head = new StringBuilder("POST ").append(path).append(" HTTP/1.1\r\n")
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
