package dev.recado.channels.smpp.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

/**
 * A stable id for an MO whose deliver_sm carries no SMSC message id (SMPP 3.4 has none for MO):
 * a hash of sender, recipient, what identifies the content (data coding and payload, or the
 * concatenation key of a long message) and the {@link #WINDOW} in which it arrived. An SMSC that did
 * not get our deliver_sm_resp delivers the same PDU again, usually within seconds; it then gets the
 * same id, and the platform stores it once. The trade-offs: the same text from the same phone twice
 * within one window counts once, and a redelivery that straddles two windows is stored twice. An
 * SMSC that sends its own id (receipted_message_id on the MO) is keyed by that instead.
 */
final class MoIds {

    static final Duration WINDOW = Duration.ofMinutes(10);

    private MoIds() {
    }

    static String of(String from, String to, String kind, byte[] payload, Instant receivedAt) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            long window = receivedAt.getEpochSecond() / WINDOW.toSeconds();
            sha.update((from + '\0' + to + '\0' + kind + '\0' + window + '\0').getBytes(StandardCharsets.UTF_8));
            sha.update(payload);
            return "mo-" + HexFormat.of().formatHex(sha.digest(), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
