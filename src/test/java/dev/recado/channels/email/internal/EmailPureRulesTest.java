package dev.recado.channels.email.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recado.messaging.spi.SubmitOutcome;
import jakarta.mail.MessagingException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.util.Map;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.junit.jupiter.api.Test;

/** The rules of the email adapter that need no server: settings defaults, Message-IDs, reply codes. */
class EmailPureRulesTest {

    @Test
    void thePortFollowsTheTlsModeUnlessGiven() {
        assertThat(EmailSettings.from(Map.of("smtp_host", "smtp.example.com", "from_address", "a@example.com")).port())
                .isEqualTo(587);
        assertThat(EmailSettings.from(Map.of("smtp_host", "smtp.example.com", "from_address", "a@example.com",
                "tls", "implicit")).port()).isEqualTo(465);
        assertThat(EmailSettings.from(Map.of("smtp_host", "smtp.example.com", "from_address", "a@example.com",
                "tls", "none", "smtp_port", 2525)).port()).isEqualTo(2525);
    }

    @Test
    void messageIdsAreUniqueAndFitTheProviderIdColumn() {
        String id = MimeComposer.messageId("msg_abc", "news@tienda.example");
        assertThat(id).matches("<msg_abc\\.[0-9a-f]{16}@tienda\\.example>");
        assertThat(MimeComposer.messageId("msg_abc", "news@tienda.example")).isNotEqualTo(id);
        String longDomain = "news@" + "sub.".repeat(30) + "example.com";
        assertThat(MimeComposer.messageId("msg_abc", longDomain)).endsWith("@recado.invalid>")
                .hasSizeLessThanOrEqualTo(MimeComposer.MAX_MESSAGE_ID);
    }

    @Test
    void replyCodesDecideBetweenRetryAndFailure() {
        assertThat(SmtpFailures.outcome(new SMTPSendFailedException("DATA", 554, "554 5.7.1 Spam", null, null, null, null)))
                .isEqualTo(new SubmitOutcome.Permanent("smtp_rejected", "554 5.7.1 Spam"));
        assertThat(SmtpFailures.outcome(new SMTPSendFailedException("DATA", 452, "452 4.3.1 Full", null, null, null, null)))
                .isInstanceOfSatisfying(SubmitOutcome.Transient.class, t -> assertThat(t.code()).isEqualTo("smtp_deferred"));
        assertThat(SmtpFailures.outcome(new SMTPSendFailedException("MAIL", 421, "421 Too fast", null, null, null, null)))
                .isInstanceOfSatisfying(SubmitOutcome.Transient.class, t -> assertThat(t.throttled()).isTrue());
        assertThat(SmtpFailures.outcome(new MessagingException("Couldn't connect", new ConnectException("Connection refused"))))
                .isInstanceOfSatisfying(SubmitOutcome.Transient.class, t -> assertThat(t.code()).isEqualTo("smtp_unreachable"));
        assertThat(SmtpFailures.outcome(new MessagingException("Read timed out", new SocketTimeoutException("Read timed out"))))
                .isInstanceOfSatisfying(SubmitOutcome.Transient.class, t -> assertThat(t.code()).isEqualTo("smtp_timeout"));
    }
}
