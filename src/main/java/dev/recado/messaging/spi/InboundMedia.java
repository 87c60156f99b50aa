package dev.recado.messaging.spi;

import java.io.IOException;

/** A file a customer sent, as the adapter downloaded it into the file the engine gave it. */
public record InboundMedia(String mimeType, long size, String sha256) {

    /**
     * Copies a download into {@code into}, refusing it past {@code limit} bytes; returns its SHA-256
     * (hex), by which the engine stores it. {@code what} names the file in the refusal.
     */
    public static String copy(java.io.InputStream in, java.nio.file.Path into, long limit, String what) throws IOException {
        java.security.MessageDigest sha;
        try {
            sha = java.security.MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        long total = 0;
        byte[] buffer = new byte[64 * 1024];
        try (var out = java.nio.file.Files.newOutputStream(into)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                total += n;
                if (total > limit) {
                    throw new Refused("media " + what + " is larger than the " + limit + " bytes taken");
                }
                sha.update(buffer, 0, n);
                out.write(buffer, 0, n);
            }
        }
        return java.util.HexFormat.of().formatHex(sha.digest());
    }

    /**
     * The file will never come (larger than the channel's limit, its digest does not match, the
     * provider says it is gone): the engine marks it failed instead of retrying.
     */
    public static final class Refused extends IOException {
        public Refused(String message) {
            super(message);
        }
    }
}
