package dev.recado.channels.email.internal;

import dev.recado.messaging.spi.ProviderInbound;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

/**
 * A customer's email as an inbound message: the From address finds the contact, the text part
 * (else the HTML one) is the text, the Message-ID is the provider id (a mail read twice is stored
 * once), and In-Reply-To then References (newest first) name the messages it answers.
 */
public final class InboundReader {

    /** Longest text kept of one email; quoted history makes replies long. */
    static final int MAX_TEXT = 20_000;

    private InboundReader() {
    }

    public static ProviderInbound read(Message mail, String mailbox, Instant now) throws MessagingException, IOException {
        Address[] from = mail.getFrom();
        if (from == null || from.length == 0 || !(from[0] instanceof InternetAddress sender)) {
            throw new MessagingException("a mail without a From address");
        }
        Address[] to = mail.getRecipients(Message.RecipientType.TO);
        String recipient = to != null && to.length > 0 && to[0] instanceof InternetAddress a ? a.getAddress() : mailbox;
        String text = text(mail);
        if (text == null || text.isBlank()) {
            text = mail.getSubject() == null ? "" : mail.getSubject();
        }
        if (text.length() > MAX_TEXT) {
            text = text.substring(0, MAX_TEXT);
        }
        String messageId = mail instanceof MimeMessage mime ? mime.getMessageID() : null;
        Instant at = mail.getReceivedDate() != null ? mail.getReceivedDate().toInstant() : now;
        return new ProviderInbound(sender.getAddress().toLowerCase(Locale.ROOT), recipient, text.strip(), messageId, at,
                answers(mail));
    }

    /** In-Reply-To first, then References from the newest (the last) back. */
    static List<String> answers(Message mail) throws MessagingException {
        LinkedHashSet<String> ids = new LinkedHashSet<>(ids(mail.getHeader("In-Reply-To")));
        List<String> references = ids(mail.getHeader("References"));
        for (int i = references.size() - 1; i >= 0; i--) {
            ids.add(references.get(i));
        }
        return List.copyOf(ids);
    }

    /** msg-ids are {@code <...>} tokens separated by folding white space (RFC 5322 3.6.4). */
    private static List<String> ids(String[] headers) {
        List<String> ids = new ArrayList<>();
        if (headers != null) {
            for (String header : headers) {
                for (String token : header.split("\\s+")) {
                    if (token.length() > 2 && token.startsWith("<") && token.endsWith(">")) {
                        ids.add(token);
                    }
                }
            }
        }
        return ids;
    }

    private static String text(Part part) throws MessagingException, IOException {
        if (part.isMimeType("text/plain")) {
            return part.getContent().toString();
        }
        if (part.isMimeType("multipart/*") && part.getContent() instanceof Multipart multipart) {
            String html = null;
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                if (Part.ATTACHMENT.equalsIgnoreCase(child.getDisposition())) {
                    continue;
                }
                String text = text(child);
                if (text != null && !child.isMimeType("text/html")) {
                    return text;
                }
                html = html == null ? text : html;
            }
            return html;
        }
        return part.isMimeType("text/html") ? part.getContent().toString() : null;
    }
}
