package dev.recado.channels.email.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMailUtil;
import dev.recado.channels.email.MailReports;
import dev.recado.messaging.spi.DestinationReport;
import dev.recado.messaging.spi.DestinationReport.Kind;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Report mails read into destination reports, without a server: the rules the IMAP test cannot vary cheaply. */
class EmailReportReaderTest {

    private static final Instant NOW = Instant.parse("2026-11-29T21:10:00Z");

    @Test
    void aFailedDsnIsAHardBounceOfTheQuotedMessage() throws Exception {
        var reports = ReportReader.read(GreenMailUtil.newMimeMessage(MailReports.dsn("b@t.example",
                "Ana@Cliente.example", "<msg_1.ab@t.example>", "failed", "5.1.1", "550 5.1.1 User unknown")), NOW).orElseThrow();
        assertThat(reports).containsExactly(new DestinationReport("ana@cliente.example", Kind.HARD_BOUNCE, "5.1.1",
                "smtp; 550 5.1.1 User unknown", "<msg_1.ab@t.example>", Instant.parse("2026-11-29T21:00:00Z")));
    }

    @Test
    void aDelayedDsnIsSoftAndADeliveredOneIsNothing() throws Exception {
        var delayed = ReportReader.read(GreenMailUtil.newMimeMessage(MailReports.dsn("b@t.example",
                "leo@c.example", "<m@t.example>", "delayed", "4.4.1", "connection timed out")), NOW).orElseThrow();
        assertThat(delayed).extracting(DestinationReport::kind).containsExactly(Kind.SOFT_BOUNCE);
        var delivered = ReportReader.read(GreenMailUtil.newMimeMessage(MailReports.dsn("b@t.example",
                "leo@c.example", "<m@t.example>", "delivered", "2.0.0", "250 OK")), NOW).orElseThrow();
        assertThat(delivered).isEmpty();
    }

    @Test
    void anArfReportIsAComplaintAboutTheEmbeddedMessage() throws Exception {
        var reports = ReportReader.read(GreenMailUtil.newMimeMessage(MailReports.complaint("b@t.example",
                "luis@c.example", "<msg_2.cd@t.example>")), NOW).orElseThrow();
        assertThat(reports).singleElement().satisfies(r -> {
            assertThat(r.kind()).isEqualTo(Kind.COMPLAINT);
            assertThat(r.destination()).isEqualTo("luis@c.example");
            assertThat(r.providerId()).isEqualTo("<msg_2.cd@t.example>");
            assertThat(r.code()).isEqualTo("abuse");
        });
    }

    @Test
    void aPlainMailIsNoReportAndRecipientFieldsOfOtherTypesAreNoAddress() throws Exception {
        assertThat(ReportReader.read(GreenMailUtil.newMimeMessage("From: a@b.example\r\nSubject: hi\r\n\r\nhello"), NOW))
                .isEmpty();
        assertThat(ReportReader.address("rfc822; <Eva@X.example>")).isEqualTo("eva@x.example");
        assertThat(ReportReader.address("x400; /C=ES/ADMD=x/")).isNull();
    }
}
