package dev.recado.channels.email.internal;

import dev.recado.messaging.spi.DestinationReport;
import dev.recado.messaging.spi.DestinationReport.Kind;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.angus.mail.dsn.DeliveryStatus;
import org.eclipse.angus.mail.dsn.MultipartReport;

/**
 * Reads a report mail: a delivery status notification (multipart/report;
 * report-type=delivery-status, RFC 3464) parsed by Angus Mail's DSN classes, or a complaint
 * (report-type=feedback-report, ARF, RFC 5965) whose fields are read as headers. Each recipient
 * becomes one {@link DestinationReport}: status class 5 is a hard bounce, 4 a soft one; recipients
 * delivered, relayed or expanded report nothing. The message it is about is the returned
 * message's (or headers') Message-ID, ours when the mail left through us.
 */
final class ReportReader {

    private ReportReader() {
    }

    /** Empty when the mail is not a report. */
    static Optional<List<DestinationReport>> read(Message mail, Instant now) throws MessagingException, IOException {
        if (!mail.isMimeType("multipart/report")) {
            return Optional.empty();
        }
        String type = new ContentType(mail.getContentType()).getParameter("report-type");
        Instant at = mail.getReceivedDate() != null ? mail.getReceivedDate().toInstant()
                : mail.getSentDate() != null ? mail.getSentDate().toInstant() : now;
        if ("delivery-status".equalsIgnoreCase(type)) {
            return Optional.of(deliveryStatus(new MultipartReport(mail.getDataHandler().getDataSource()), at));
        }
        if ("feedback-report".equalsIgnoreCase(type)) {
            return Optional.of(feedback(new MimeMultipart(mail.getDataHandler().getDataSource()), at));
        }
        return Optional.of(List.of());
    }

    private static List<DestinationReport> deliveryStatus(MultipartReport report, Instant at)
            throws MessagingException {
        DeliveryStatus status = report.getDeliveryStatus();
        if (status == null) {
            return List.of();
        }
        String messageId = report.getReturnedMessage() == null ? null : report.getReturnedMessage().getMessageID();
        List<DestinationReport> reports = new ArrayList<>();
        for (int i = 0; i < status.getRecipientDSNCount(); i++) {
            InternetHeaders recipient = status.getRecipientDSN(i);
            String action = lower(recipient.getHeader("Action", null));
            String code = trimmed(recipient.getHeader("Status", null));
            String address = address(recipient.getHeader("Original-Recipient", null));
            if (address == null) {
                address = address(recipient.getHeader("Final-Recipient", null));
            }
            Kind kind = code == null ? null : code.startsWith("5.") ? Kind.HARD_BOUNCE
                    : code.startsWith("4.") ? Kind.SOFT_BOUNCE : null;
            // "delivered", "relayed" and "expanded" are no bounce, whatever the status says
            if (kind == null || !("failed".equals(action) || "delayed".equals(action))) {
                continue;
            }
            reports.add(new DestinationReport(address, kind, code,
                    trimmed(recipient.getHeader("Diagnostic-Code", null)), messageId, at));
        }
        return reports;
    }

    private static List<DestinationReport> feedback(MimeMultipart parts, Instant at) throws MessagingException,
            IOException {
        InternetHeaders fields = null;
        String messageId = null;
        for (int i = 0; i < parts.getCount(); i++) {
            BodyPart part = parts.getBodyPart(i);
            if (part.isMimeType("message/feedback-report")) {
                fields = new InternetHeaders(part.getInputStream());
            } else if (part.isMimeType("message/rfc822") || part.isMimeType("text/rfc822-headers")) {
                messageId = returnedMessageId(part);
            }
        }
        if (fields == null) {
            return List.of();
        }
        String address = address(fields.getHeader("Original-Rcpt-To", null));
        String type = trimmed(fields.getHeader("Feedback-Type", null));
        return List.of(new DestinationReport(address, Kind.COMPLAINT, type == null ? "abuse" : type,
                trimmed(fields.getHeader("User-Agent", null)), messageId, at));
    }

    private static String returnedMessageId(Part part) throws MessagingException, IOException {
        // both forms are headers first: the whole message, or its headers alone (RFC 6522)
        return trimmed(new InternetHeaders(part.getInputStream()).getHeader("Message-ID", null));
    }

    /** {@code rfc822; ana@example.com} or a bare {@code <ana@example.com>}: the address of an rfc822 type. */
    static String address(String field) {
        if (field == null) {
            return null;
        }
        int semicolon = field.indexOf(';');
        if (semicolon > 0 && !field.substring(0, semicolon).strip().equalsIgnoreCase("rfc822")) {
            return null;
        }
        String address = field.substring(semicolon + 1).strip();
        if (address.startsWith("<") && address.endsWith(">")) {
            address = address.substring(1, address.length() - 1);
        }
        return address.isEmpty() || address.indexOf('@') < 1 ? null : address.toLowerCase(Locale.ROOT);
    }

    private static String lower(String text) {
        return text == null ? null : text.strip().toLowerCase(Locale.ROOT);
    }

    private static String trimmed(String text) {
        return text == null || text.isBlank() ? null : text.replaceAll("\\s+", " ").strip();
    }
}
