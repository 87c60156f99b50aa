package dev.recado.channels.email.internal;

import dev.recado.messaging.Content;
import dev.recado.messaging.spi.OutboundMessage;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.UnsupportedEncodingException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;

/**
 * Turns one outbound email into a MIME message: text and HTML as multipart/alternative (the text
 * first, as RFC 2046 orders the least rich part first), From with its display name, Reply-To, and a
 * Message-ID of ours, which is the provider id: SMTP gives none back, and replies and bounces quote
 * it. Marketing carries {@code List-Unsubscribe} (RFC 2369).
 */
public final class MimeComposer {

    /** The Message-ID must fit the provider id column (100), angle brackets included. */
    static final int MAX_MESSAGE_ID = 100;
    private static final SecureRandom RANDOM = new SecureRandom();

    private MimeComposer() {
    }

    /** A MIME message whose Message-ID survives {@code saveChanges} (Jakarta Mail would replace it). */
    public static final class Composed extends MimeMessage {
        private final String messageId;

        Composed(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }

        public String messageId() {
            return messageId;
        }
    }

    /** Without attachments (the sandbox does not fetch them). */
    public static Composed compose(Session session, EmailSettings settings, OutboundMessage message, Instant now)
            throws MessagingException {
        return compose(session, settings, message, List.of(), now);
    }

    /** With attachments: the body, then each file, as multipart/mixed. */
    static Composed compose(Session session, EmailSettings settings, OutboundMessage message,
            List<Attachments.Fetched> files, Instant now) throws MessagingException {
        Content.Email email = (Content.Email) message.content();
        Composed mime = new Composed(session, messageId(message.reference(), settings.fromAddress()));
        mime.setFrom(address(settings.fromAddress(), settings.fromName()));
        mime.setRecipients(MimeMessage.RecipientType.TO, InternetAddress.parse(message.to(), true));
        if (settings.replyTo() != null) {
            mime.setReplyTo(new InternetAddress[] {new InternetAddress(settings.replyTo(), true)});
        }
        mime.setSubject(email.subject(), StandardCharsets.UTF_8.name());
        mime.setSentDate(Date.from(now));
        if ("marketing".equals(message.purpose())) {
            String mailbox = settings.unsubscribeAddress() != null ? settings.unsubscribeAddress() : settings.fromAddress();
            // the reference tells whoever reads that mailbox which message (so which contact) asked
            String mailto = "<mailto:" + mailbox + "?subject="
                    + URLEncoder.encode("unsubscribe " + message.reference(), StandardCharsets.UTF_8).replace("+", "%20") + ">";
            if (email.listUnsubscribe() != null) {
                // RFC 8058 one-click: the https address first, and the POST that mailbox providers send to it
                mime.setHeader("List-Unsubscribe", "<" + email.listUnsubscribe() + ">, " + mailto);
                mime.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
            } else {
                mime.setHeader("List-Unsubscribe", mailto);
            }
        }
        boolean hasHtml = email.html() != null && !email.html().isBlank();
        String html = hasHtml && message.openPixelUrl() != null ? withPixel(email.html(), message.openPixelUrl())
                : email.html();
        boolean hasText = email.text() != null && !email.text().isBlank();
        jakarta.mail.Part body = files.isEmpty() ? mime : new MimeBodyPart();
        if (hasHtml && hasText) {
            MimeMultipart alternative = new MimeMultipart("alternative");
            alternative.addBodyPart(part(email.text(), "plain"));
            alternative.addBodyPart(part(html, "html"));
            body.setContent(alternative);
        } else if (hasHtml) {
            ((jakarta.mail.internet.MimePart) body).setText(html, StandardCharsets.UTF_8.name(), "html");
        } else {
            ((jakarta.mail.internet.MimePart) body).setText(email.text(), StandardCharsets.UTF_8.name(), "plain");
        }
        if (!files.isEmpty()) {
            MimeMultipart mixed = new MimeMultipart("mixed");
            mixed.addBodyPart((MimeBodyPart) body);
            for (Attachments.Fetched file : files) {
                MimeBodyPart attached = new MimeBodyPart();
                attached.setDataHandler(new jakarta.activation.DataHandler(
                        new jakarta.mail.util.ByteArrayDataSource(file.bytes(), file.contentType())));
                attached.setFileName(file.filename());
                attached.setDisposition(jakarta.mail.Part.ATTACHMENT);
                // files go byte for byte: a text-looking file sent as 7bit would have its line ends rewritten
                attached.setHeader("Content-Transfer-Encoding", "base64");
                mixed.addBodyPart(attached);
            }
            mime.setContent(mixed);
        }
        mime.saveChanges();
        return mime;
    }

    /** The open pixel as the body's last element (before {@code </body>} when the HTML has one). */
    static String withPixel(String html, String url) {
        String img = "<img src=\"" + url.replace("\"", "%22") + "\" width=\"1\" height=\"1\" alt=\"\" style=\"display:block;border:0\">";
        int end = html.toLowerCase(java.util.Locale.ROOT).lastIndexOf("</body>");
        return end < 0 ? html + img : html.substring(0, end) + img + html.substring(end);
    }

    /** {@code <reference.random@domain>}: unique even when a message is retried after a lost answer. */
    static String messageId(String reference, String fromAddress) {
        String local = reference + "." + HexFormat.of().formatHex(randomBytes());
        String domain = fromAddress.substring(fromAddress.indexOf('@') + 1);
        String id = "<" + local + "@" + domain + ">";
        return id.length() <= MAX_MESSAGE_ID ? id : "<" + local + "@recado.invalid>";
    }

    private static byte[] randomBytes() {
        byte[] random = new byte[8];
        RANDOM.nextBytes(random);
        return random;
    }

    private static MimeBodyPart part(String body, String subtype) throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        part.setText(body, StandardCharsets.UTF_8.name(), subtype);
        return part;
    }

    private static InternetAddress address(String address, String name) throws MessagingException {
        try {
            return new InternetAddress(address, name, StandardCharsets.UTF_8.name());
        } catch (UnsupportedEncodingException e) {
            throw new MessagingException("UTF-8 is always supported", e);
        }
    }
}
