package dev.recado.channels.email.internal;

import dev.recado.messaging.spi.SubmitOutcome;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;

/**
 * What an SMTP failure means for the message, by the server's reply code (RFC 5321 4.2.1): 4xx is
 * "try again later", 5xx is final. Failures without a reply (refused, timed out, unknown host) are
 * the network's, so they are retried. Codes are ours and stable; the server's text goes in the text.
 */
public final class SmtpFailures {

    private SmtpFailures() {
    }

    public static SubmitOutcome outcome(Exception failure) {
        Integer code = replyCode(failure);
        String text = text(failure);
        String reply = code == null || text.startsWith(code.toString()) ? text : code + " " + text;
        if (code != null && code >= 500) {
            return new SubmitOutcome.Permanent("smtp_rejected", reply);
        }
        if (code != null && code >= 400) {
            // 421: the server is closing the connection, usually because we send too fast
            return new SubmitOutcome.Transient(code == 421 ? "smtp_unavailable" : "smtp_deferred", reply,
                    code == 421, code == 421 ? Duration.ofSeconds(30) : null);
        }
        if (failure instanceof AuthenticationFailedException) {
            return new SubmitOutcome.Transient("smtp_auth_failed", "the SMTP server refused the credentials", false,
                    Duration.ofMinutes(1));
        }
        if (has(failure, SocketTimeoutException.class)) {
            return new SubmitOutcome.Transient("smtp_timeout", text, false, null);
        }
        if (has(failure, UnknownHostException.class)) {
            return new SubmitOutcome.Transient("smtp_unreachable", "unknown host " + text, false, null);
        }
        if (has(failure, ConnectException.class)) {
            return new SubmitOutcome.Transient("smtp_unreachable", text, false, null);
        }
        return new SubmitOutcome.Transient("smtp_error", text, false, null);
    }

    /** The first reply code in the chain: Jakarta Mail nests the per-recipient failure inside the send failure. */
    static Integer replyCode(Throwable failure) {
        for (Throwable t = failure; t != null; t = next(t)) {
            if (t instanceof SMTPAddressFailedException a) {
                return a.getReturnCode();
            }
            if (t instanceof SMTPSenderFailedException s) {
                return s.getReturnCode();
            }
            if (t instanceof SMTPSendFailedException s && s.getReturnCode() > 0) {
                return s.getReturnCode();
            }
        }
        return null;
    }

    private static boolean has(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = next(t)) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static Throwable next(Throwable t) {
        Throwable nested = t instanceof MessagingException m ? m.getNextException() : null;
        return nested != null && nested != t ? nested : t.getCause() == t ? null : t.getCause();
    }

    /** The deepest message: the server's own words, trimmed to one line. */
    private static String text(Throwable failure) {
        String text = String.valueOf(failure.getMessage());
        for (Throwable t = failure; t != null; t = next(t)) {
            if (t.getMessage() != null) {
                text = t.getMessage();
            }
        }
        text = text.replaceAll("\\s+", " ").strip();
        return text.length() > 300 ? text.substring(0, 300) : text;
    }
}
