package dev.recado.channels.email.internal;

import com.google.common.net.InternetDomainName;
import java.util.List;
import java.util.Locale;

/**
 * Whether a DKIM pass can count as a DMARC pass (RFC 7489 3.1.1): the signing domain d= must align
 * with the domain of the From address. {@code STRICT}: the same name, so it aligns whatever the
 * domain owner's {@code adkim}. {@code RELAXED}: the same organisational domain, which aligns under
 * the default {@code adkim=r} only. {@code NONE}: DMARC cannot pass through this signature. Not a
 * refusal: a business may sign with its provider's domain on purpose and rely on SPF.
 */
enum DmarcAlignment {
    STRICT, RELAXED, NONE;

    static DmarcAlignment of(String signingDomain, String fromAddress) {
        String from = fromAddress.substring(fromAddress.lastIndexOf('@') + 1);
        String d = normal(signingDomain);
        from = normal(from);
        if (d.equals(from)) {
            return STRICT;
        }
        return organisational(d).equals(organisational(from)) ? RELAXED : NONE;
    }

    String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    private static String normal(String domain) {
        String lower = domain.strip().toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }

    /**
     * RFC 7489 3.2 through the Public Suffix List (Guava's copy, ICANN and private sections, as
     * receivers use it): one label below the longest public suffix. A name under no listed suffix
     * (tienda.example) falls to the list's default rule "*", which makes its last label the suffix.
     */
    static String organisational(String domain) {
        InternetDomainName name;
        try {
            name = InternetDomainName.from(domain);
        } catch (IllegalArgumentException notADomain) {
            return domain;
        }
        if (name.isUnderPublicSuffix()) {
            return name.topPrivateDomain().toString();
        }
        if (name.isPublicSuffix()) {
            return name.toString();
        }
        List<String> labels = name.parts();
        return labels.size() <= 2 ? name.toString()
                : String.join(".", labels.subList(labels.size() - 2, labels.size()));
    }
}
