package dev.recado.channels.email;

/**
 * Report mails as receiving servers write them: a delivery status notification (RFC 3464, shaped
 * like Postfix's) and a complaint in the Abuse Reporting Format (RFC 5965, like a feedback loop's).
 */
public final class MailReports {

    private MailReports() {
    }

    /** A DSN about {@code messageId} sent to {@code to}: {@code action} failed or delayed, {@code status} e.g. 5.1.1. */
    public static String dsn(String bounceMailbox, String to, String messageId, String action, String status, String diagnostic) {
        return """
                From: MAILER-DAEMON@mx.cliente.example (Mail Delivery System)
                To: %1$s
                Subject: Undelivered Mail Returned to Sender
                Date: Sun, 29 Nov 2026 21:00:00 +0000
                Message-ID: <dsn.%6$d@mx.cliente.example>
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=delivery-status;
                \tboundary="dsn-boundary-%6$d"

                --dsn-boundary-%6$d
                Content-Type: text/plain; charset=us-ascii

                This is the mail system at host mx.cliente.example.
                I'm sorry to have to inform you that your message could not be delivered.

                <%2$s>: %5$s

                --dsn-boundary-%6$d
                Content-Type: message/delivery-status

                Reporting-MTA: dns; mx.cliente.example
                X-Postfix-Queue-ID: 4C2B81A0042
                Arrival-Date: Sun, 29 Nov 2026 20:59:58 +0000

                Final-Recipient: rfc822; %2$s
                Original-Recipient: rfc822;%2$s
                Action: %3$s
                Status: %4$s
                Remote-MTA: dns; mx.cliente.example
                Diagnostic-Code: smtp; %5$s

                --dsn-boundary-%6$d
                Content-Type: text/rfc822-headers

                From: Tienda <news@tienda.example>
                To: %2$s
                Subject: Aviso
                Message-ID: %7$s
                MIME-Version: 1.0

                --dsn-boundary-%6$d--
                """.formatted(bounceMailbox, to, action, status, diagnostic, System.nanoTime(), messageId)
                .replace("\n", "\r\n");
    }

    /** An ARF complaint: the recipient marked {@code messageId} as spam. */
    public static String complaint(String bounceMailbox, String to, String messageId) {
        return """
                From: fbl@isp.example
                To: %1$s
                Subject: FW: Rebajas
                Date: Sun, 29 Nov 2026 21:05:00 +0000
                Message-ID: <arf.%3$d@isp.example>
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=feedback-report;
                \tboundary="arf-%3$d"

                --arf-%3$d
                Content-Type: text/plain; charset="US-ASCII"

                This is an email abuse report for an email message received from IP 192.0.2.1.

                --arf-%3$d
                Content-Type: message/feedback-report

                Feedback-Type: abuse
                User-Agent: SomeGenerator/1.0
                Version: 1
                Original-Mail-From: <bounces@tienda.example>
                Original-Rcpt-To: <%2$s>
                Arrival-Date: Sun, 29 Nov 2026 20:59:00 +0000

                --arf-%3$d
                Content-Type: message/rfc822
                Content-Disposition: inline

                From: Tienda <news@tienda.example>
                To: %2$s
                Subject: Rebajas
                Message-ID: %4$s
                MIME-Version: 1.0
                Content-Type: text/plain

                Rebajas de invierno

                --arf-%3$d--
                """.formatted(bounceMailbox, to, System.nanoTime(), messageId).replace("\n", "\r\n");
    }
}
