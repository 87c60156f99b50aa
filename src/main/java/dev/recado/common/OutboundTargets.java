package dev.recado.common;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Where the server may connect on a workspace's behalf (webhook URLs, status callbacks, provider
 * hosts): never to loopback, link-local (cloud metadata), private, unspecified or other internal
 * addresses, in any spelling ({@code 2130706433}, {@code 0x7f.1}, {@code [::ffff:127.0.0.1]}), unless
 * the install allows it ({@code RECADO_ALLOW_PRIVATE_TARGETS=true}) or the platform operator allowed it
 * for the workspace. A URL is checked when it is given ({@link #checkUrl}) and again when it is used
 * ({@link #post}), after DNS resolution, connecting to the very address that passed the check.
 */
@Component
public class OutboundTargets {

    public static final String CODE = "private_target";

    /** A target refused at use: the address it resolved to is internal. */
    public static final class RefusedTarget extends IOException {
        RefusedTarget(String message) {
            super(message);
        }
    }

    /** Whether the platform operator let a workspace reach internal addresses; the workspace module answers. */
    public interface Permissions {
        boolean allowsPrivateHosts(long workspaceId);
    }

    private final boolean allowAll;
    private final Permissions permissions;

    public OutboundTargets(@Value("${recado.allow-private-targets:false}") boolean allowAll, Permissions permissions) {
        this.allowAll = allowAll;
        this.permissions = permissions;
    }

    public boolean allowsPrivate(long workspaceId) {
        return allowAll || permissions.allowsPrivateHosts(workspaceId);
    }

    /** Refuses (422) a URL that is not plain http(s) to a public host. Unresolvable names pass: checked at use. */
    public void checkUrl(String field, String url, long workspaceId) {
        URI uri = parse(field, url);
        checkHost(field, host(uri), workspaceId);
    }

    /** Refuses (422 private_target) a host name or address that is, or resolves to, an internal address. */
    public void checkHost(String field, String host, long workspaceId) {
        if (allowsPrivate(workspaceId)) {
            return;
        }
        String problem = problem(host, true);
        if (problem != null) {
            throw refused(field, problem);
        }
    }

    /**
     * Posts {@code body} to the URL and answers the HTTP status. The host is resolved and every
     * address checked here, at use, and the connection goes to the checked address; redirects are
     * not followed (a 3xx is just a status).
     */
    public int post(String url, long workspaceId, Map<String, String> headers, byte[] body) throws IOException {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IOException("invalid URL");
        }
        String host = host(uri);
        if (host == null || carriesUserInfo(url)) {
            throw new RefusedTarget("invalid or credential-carrying URL");
        }
        InetAddress address = resolveChecked(host, allowsPrivate(workspaceId));
        return PinnedHttp.post(uri, address, headers, body);
    }

    /** A body fetched with {@link #get}: its Content-Type as the server sent it (null when none). */
    public record Fetched(int status, String contentType, byte[] body) {
    }

    /** Thrown by {@link #get} when the body is larger than allowed. */
    public static final class TooLarge extends IOException {
        TooLarge(String message) {
            super(message);
        }
    }

    /**
     * GETs an http(s) URL from the checked address (as {@link #post}), within the timeouts, reading
     * at most {@code maxBytes}; redirects are not followed. A URL naming a user or password is refused
     * as {@link #post} refuses it: such a URL is written into errors and logs.
     */
    public Fetched get(String url, long workspaceId, long maxBytes) throws IOException {
        URI uri;
        try {
            uri = new URI(url);
        } catch (java.net.URISyntaxException e) {
            throw new IOException("not a URL: " + LogSafe.of(url));
        }
        if (uri.getHost() == null || !("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))) {
            throw new IOException("not an http(s) URL: " + LogSafe.of(url));
        }
        if (carriesUserInfo(url)) {
            throw new RefusedTarget("credential-carrying URL");
        }
        InetAddress address = resolveChecked(host(uri), allowsPrivate(workspaceId));
        try {
            var fetched = PinnedHttp.get(uri, address, maxBytes);
            return new Fetched(fetched.status(), fetched.contentType(), fetched.body());
        } catch (PinnedHttp.TooLarge tooLarge) {
            throw new TooLarge(tooLarge.getMessage());
        }
    }

    /** The first address of the host, after checking every address it resolves to. */
    public InetAddress resolveChecked(String host, boolean allowPrivate) throws IOException {
        InetAddress literal = literal(host);
        InetAddress[] addresses = literal != null ? new InetAddress[] {literal} : InetAddress.getAllByName(host);
        if (!allowPrivate) {
            if (literal == null && internalName(host)) {
                throw new RefusedTarget(host + " is an internal name");
            }
            for (InetAddress a : addresses) {
                if (isInternal(a)) {
                    throw new RefusedTarget(host + " resolves to an internal address (" + a.getHostAddress() + ")");
                }
            }
        }
        return addresses[0];
    }

    /**
     * Whether the URL's authority has an {@code @}. Read from the text, not {@code java.net.URI}, which
     * reports no user info when it reads the host as a registry name ({@code 0x7f.0.0.1}, {@code a_b.com}).
     */
    public static boolean carriesUserInfo(String url) {
        int start = url.indexOf("://");
        if (start < 0) {
            return false;
        }
        String rest = url.substring(start + 3);
        int end = rest.length();
        for (char c : new char[] {'/', '?', '#'}) {
            int i = rest.indexOf(c);
            if (i >= 0 && i < end) {
                end = i;
            }
        }
        return rest.substring(0, end).indexOf('@') >= 0;
    }

    private static URI parse(String field, String url) {
        URI uri;
        try {
            uri = url == null ? null : new URI(url);
        } catch (URISyntaxException e) {
            uri = null;
        }
        if (uri == null || uri.getScheme() == null
                || !List.of("http", "https").contains(uri.getScheme().toLowerCase(Locale.ROOT))
                || url.length() > 1000 || url.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
            throw ApiException.invalid(field, "must be an http(s) URL of at most 1000 characters");
        }
        if (carriesUserInfo(url)) {
            // not an internal target: no permission lifts it, so the detail offers none
            throw new ApiException(422, CODE, field + ": must not carry a user name or password",
                    List.of(new FieldProblem(field, "must not carry a user name or password")), Map.of());
        }
        if (host(uri) == null) {
            throw ApiException.invalid(field, "must name a host");
        }
        return uri;
    }

    private static String host(URI uri) {
        String host = uri.getHost();
        if (host == null && uri.getRawAuthority() != null) {
            // java.net.URI gives no host for spellings such as 0x7f.0.0.1; take it from the authority
            String authority = uri.getRawAuthority();
            authority = authority.substring(authority.lastIndexOf('@') + 1);
            int colon = authority.lastIndexOf(':');
            host = colon > 0 && !authority.endsWith("]") ? authority.substring(0, colon) : authority;
            host = literal(host) != null ? host : null;
        }
        if (host == null) {
            return null;
        }
        host = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    }

    /** Why a host is refused, or null. Names are resolved when {@code resolve}; a name that does not resolve passes. */
    static String problem(String host, boolean resolve) {
        if (host == null || host.isBlank()) {
            return "must name a host";
        }
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        h = h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
        InetAddress literal = literal(h);
        if (literal != null) {
            return isInternal(literal) ? "is an internal address (" + literal.getHostAddress() + ")" : null;
        }
        if (internalName(h)) {
            return "is an internal host name";
        }
        if (resolve) {
            try {
                for (InetAddress a : InetAddress.getAllByName(h)) {
                    if (isInternal(a)) {
                        return "resolves to an internal address (" + a.getHostAddress() + ")";
                    }
                }
            } catch (UnknownHostException | SecurityException e) {
                return null;
            }
        }
        return null;
    }

    private static ApiException refused(String field, String message) {
        return new ApiException(422, CODE, field + ": " + message + "; internal targets need the platform operator's"
                + " permission", List.of(new FieldProblem(field, message)), Map.of());
    }

    static boolean internalName(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals("localhost") || h.endsWith(".localhost") || h.endsWith(".internal") || h.endsWith(".local")
                || h.equals("metadata") || !h.contains(".") && !h.contains(":");
    }

    // compiled once: every send to a provider checks its host (String.matches compiled them per call)
    private static final java.util.regex.Pattern IPV6_CHARS = java.util.regex.Pattern.compile("[0-9a-fA-F:.%a-zA-Z]+");
    private static final java.util.regex.Pattern IPV4_CHARS = java.util.regex.Pattern.compile("[0-9a-fA-FxX.]+");
    private static final java.util.regex.Pattern HEX_PART = java.util.regex.Pattern.compile("0x[0-9a-f]*");
    private static final java.util.regex.Pattern OCTAL_PART = java.util.regex.Pattern.compile("0[0-7]*");
    private static final java.util.regex.Pattern DECIMAL_PART = java.util.regex.Pattern.compile("[1-9][0-9]*");

    /** An address written as a literal, in any spelling inet_aton takes (127.1, 2130706433, 0x7f.0.0.1, 0177.0.0.1) or IPv6. */
    static InetAddress literal(String host) {
        try {
            if (host.contains(":")) {
                return IPV6_CHARS.matcher(host).matches() ? InetAddress.getByName(host) : null;
            }
            String[] parts = host.split("\\.", -1);
            if (parts.length > 4 || !IPV4_CHARS.matcher(host).matches()) {
                return null;
            }
            long[] values = new long[parts.length];
            for (int i = 0; i < parts.length; i++) {
                String p = parts[i].toLowerCase(Locale.ROOT);
                if (HEX_PART.matcher(p).matches()) {
                    values[i] = p.length() == 2 ? 0 : Long.parseLong(p.substring(2), 16);
                } else if (OCTAL_PART.matcher(p).matches()) {
                    values[i] = p.length() == 1 ? 0 : Long.parseLong(p.substring(1), 8);
                } else if (DECIMAL_PART.matcher(p).matches() && p.length() < 12) {
                    values[i] = Long.parseLong(p);
                } else {
                    return null;
                }
            }
            long ip = 0;
            for (int i = 0; i < values.length - 1; i++) {
                if (values[i] > 255) {
                    return null;
                }
                ip |= values[i] << (24 - 8 * i);
            }
            long last = values[values.length - 1];
            if (last >= 1L << (8 * (5 - values.length))) {
                return null;
            }
            ip |= last;
            return InetAddress.getByAddress(new byte[] {(byte) (ip >> 24), (byte) (ip >> 16), (byte) (ip >> 8), (byte) ip});
        } catch (IOException | NumberFormatException e) {
            return null;
        }
    }

    /** Loopback, link-local, private, unspecified, carrier-grade NAT, ULA, multicast and reserved ranges. */
    static boolean isInternal(InetAddress a) {
        if (a.isLoopbackAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress() || a.isAnyLocalAddress()
                || a.isMulticastAddress()) {
            return true;
        }
        byte[] b = a.getAddress();
        if (b.length == 4) {
            int b0 = b[0] & 0xff;
            int b1 = b[1] & 0xff;
            return b0 == 0 || b0 == 127 || b0 >= 224 || b0 == 100 && b1 >= 64 && b1 < 128
                    || b0 == 192 && b1 == 0 && (b[2] & 0xff) == 0 || b0 == 198 && (b1 == 18 || b1 == 19)
                    || b0 == 169 && b1 == 254;
        }
        // IPv6: unique local fc00::/7, IPv4-compatible ::a.b.c.d and NAT64 64:ff9b::/96 carrying an internal IPv4
        if ((b[0] & 0xfe) == 0xfc) {
            return true;
        }
        boolean zeroPrefix = true;
        for (int i = 0; i < 12; i++) {
            zeroPrefix &= b[i] == 0;
        }
        boolean nat64 = (b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b;
        if (zeroPrefix || nat64) {
            try {
                return isInternal(InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}));
            } catch (UnknownHostException e) {
                return true;
            }
        }
        return false;
    }
}
