package dev.recado.channels.email.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** DKIM alignment for DMARC (RFC 7489 3.1.1), with organisational domains from the Public Suffix List. */
class DmarcAlignmentTest {

    @ParameterizedTest(name = "d={0} From={1}: {2}")
    @CsvSource({
            // the same name, whatever its case
            "example.com, news@example.com, STRICT",
            "Mail.Example.COM, news@mail.example.com, STRICT",
            // the same organisation: aligned under the default adkim=r only
            "mail.example.com, news@example.com, RELAXED",
            "example.com, news@mail.example.com, RELAXED",
            "a.example.co.uk, news@b.example.co.uk, RELAXED",
            // co.uk and github.io are public suffixes: the names below them are different owners
            "example.co.uk, news@other.co.uk, NONE",
            "tienda.github.io, news@otra.github.io, NONE",
            "esp-mailer.net, news@example.com, NONE",
            "example.com, news@example.com.evil.net, NONE",
            // under no listed suffix the list's default rule makes the last label the suffix
            "tienda.example, news@correo.tienda.example, RELAXED",
            "tienda.example, news@otra.example, NONE"})
    void alignment(String signingDomain, String from, DmarcAlignment expected) {
        assertThat(DmarcAlignment.of(signingDomain, from)).isEqualTo(expected);
    }

    @Test
    void theOrganisationalDomainIsOneLabelBelowTheLongestSuffix() {
        assertThat(DmarcAlignment.organisational("mail.example.co.uk")).isEqualTo("example.co.uk");
        assertThat(DmarcAlignment.organisational("a.b.example.com")).isEqualTo("example.com");
    }
}
