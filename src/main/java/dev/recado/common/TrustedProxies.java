package dev.recado.common;

import jakarta.servlet.http.HttpServletRequest;
import java.math.BigInteger;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The client's address behind the reverse proxies the operator named ({@code RECADO_TRUSTED_PROXIES},
 * addresses or CIDR ranges, comma-separated). {@code X-Forwarded-For} is believed only when the
 * connection comes from such a proxy, and then only as far back as the first untrusted hop.
 */
@Component
public class TrustedProxies {

    private record Range(BigInteger network, int bits, int length) {
        boolean contains(byte[] address) {
            if (address.length != length) {
                return false;
            }
            int shift = length * 8 - bits;
            return new BigInteger(1, address).shiftRight(shift).equals(network.shiftRight(shift));
        }
    }

    private final List<Range> ranges = new ArrayList<>();

    public TrustedProxies(@Value("${recado.trusted-proxies:}") String proxies) {
        for (String entry : proxies == null ? new String[0] : proxies.split(",")) {
            String spec = entry.strip();
            if (spec.isEmpty()) {
                continue;
            }
            int slash = spec.indexOf('/');
            InetAddress address = OutboundTargets.literal(slash < 0 ? spec : spec.substring(0, slash));
            if (address == null) {
                throw new IllegalStateException("RECADO_TRUSTED_PROXIES: not an address or CIDR range: " + spec);
            }
            byte[] bytes = address.getAddress();
            int bits = slash < 0 ? bytes.length * 8 : Integer.parseInt(spec.substring(slash + 1));
            ranges.add(new Range(new BigInteger(1, bytes), bits, bytes.length));
        }
    }

    public boolean trusted(String address) {
        InetAddress parsed = address == null ? null : OutboundTargets.literal(address);
        return parsed != null && ranges.stream().anyMatch(r -> r.contains(parsed.getAddress()));
    }

    /** The address of the client that made the request, as far as trusted proxies vouch for it. */
    public String clientAddress(HttpServletRequest request) {
        String address = request.getRemoteAddr();
        String forwarded = request.getHeader("X-Forwarded-For");
        if (forwarded == null || !trusted(address)) {
            return address;
        }
        String[] hops = forwarded.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].strip();
            if (OutboundTargets.literal(hop) == null) {
                return address; // a forged or garbled hop: stop at the last address we can vouch for
            }
            address = hop;
            if (!trusted(hop)) {
                return hop;
            }
        }
        return address;
    }
}
