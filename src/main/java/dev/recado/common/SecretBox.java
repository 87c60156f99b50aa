package dev.recado.common;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Encrypts secrets kept in the database (provider passwords, webhook secrets) with AES-256-GCM.
 * A sealed value reads {@code enc:v1:<key id>:<base64 nonce+ciphertext+tag>}; the key id names
 * which key sealed it, so {@code RECADO_SECRET_KEY_PREVIOUS} can still open values during a
 * rotation while the owners re-seal them at start. Values without the prefix are legacy clear
 * text: {@link #open} returns them as they are and {@link #needsResealing} says so.
 * The key comes from {@code RECADO_SECRET_KEY} (base64 of 32 bytes); without it one is generated
 * once in the data directory, with a warning.
 */
@Component
public class SecretBox {

    static final String PREFIX = "enc:v1:";
    private static final Logger log = LoggerFactory.getLogger(SecretBox.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKey current;
    private final String currentId;
    private final Map<String, SecretKey> keys = new LinkedHashMap<>();

    @org.springframework.beans.factory.annotation.Autowired
    public SecretBox(RecadoProperties properties, @Value("${recado.secret-key:}") String key,
            @Value("${recado.secret-key-previous:}") String previous) {
        this(key == null || key.isBlank() ? generatedKey(properties.dataDir()) : decode(key, "RECADO_SECRET_KEY"),
                previous == null || previous.isBlank() ? null : decode(previous, "RECADO_SECRET_KEY_PREVIOUS"));
    }

    public SecretBox(byte[] key, byte[] previous) {
        this.current = new SecretKeySpec(key, "AES");
        this.currentId = id(key);
        keys.put(currentId, current);
        if (previous != null) {
            keys.putIfAbsent(id(previous), new SecretKeySpec(previous, "AES"));
        }
    }

    /** The sealed form of a secret; null stays null. */
    public String seal(String clear) {
        if (clear == null) {
            return null;
        }
        try {
            byte[] nonce = new byte[12];
            RANDOM.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, current, new GCMParameterSpec(128, nonce));
            byte[] sealed = cipher.doFinal(clear.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[nonce.length + sealed.length];
            System.arraycopy(nonce, 0, out, 0, nonce.length);
            System.arraycopy(sealed, 0, out, nonce.length, sealed.length);
            return PREFIX + currentId + ":" + Base64.getEncoder().withoutPadding().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt", e);
        }
    }

    /** The clear secret; legacy clear values pass through. Throws when no configured key sealed it. */
    public String open(String stored) {
        if (stored == null || !stored.startsWith(PREFIX)) {
            return stored;
        }
        int colon = stored.indexOf(':', PREFIX.length());
        SecretKey key = colon < 0 ? null : keys.get(stored.substring(PREFIX.length(), colon));
        if (key == null) {
            throw new IllegalStateException("a stored secret was sealed with a key this server does not have"
                    + " (set RECADO_SECRET_KEY_PREVIOUS to the old key)");
        }
        try {
            byte[] in = Base64.getDecoder().decode(stored.substring(colon + 1));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, in, 0, 12));
            return new String(cipher.doFinal(in, 12, in.length - 12), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("a stored secret cannot be decrypted", e);
        }
    }

    /**
     * An HMAC-SHA256 of {@code data} under a key derived from the current key for {@code purpose}, so
     * every node sharing the key computes the same tag (unguessable links without storing a token).
     */
    public byte[] mac(String purpose, byte[] data) {
        return mac(current, purpose, data);
    }

    /** Whether {@code tag} is {@link #mac}'s for the data under the current or the previous key (constant time). */
    public boolean macMatches(String purpose, byte[] data, byte[] tag) {
        boolean match = false;
        for (SecretKey key : keys.values()) {
            byte[] expected = mac(key, purpose, data);
            match |= MessageDigest.isEqual(java.util.Arrays.copyOf(expected, tag.length), tag) && tag.length >= 16;
        }
        return match;
    }

    private static byte[] mac(SecretKey key, String purpose, byte[] data) {
        try {
            javax.crypto.Mac derive = javax.crypto.Mac.getInstance("HmacSHA256");
            derive.init(new SecretKeySpec(key.getEncoded(), "HmacSHA256"));
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(derive.doFinal(purpose.getBytes(StandardCharsets.UTF_8)), "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is always available", e);
        }
    }

    /** Whether a stored value is clear text or sealed with a previous key, and should be sealed again. */
    public boolean needsResealing(String stored) {
        return stored != null && !stored.startsWith(PREFIX + currentId + ":");
    }

    private static String id(byte[] key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key)).substring(0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] decode(String base64, String name) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(name + " must be base64 (e.g. openssl rand -base64 32)");
        }
        if (key.length != 32) {
            throw new IllegalStateException(name + " must be 32 bytes, base64-encoded (openssl rand -base64 32)");
        }
        return key;
    }

    static byte[] generatedKey(Path dataDir) {
        Path file = dataDir.resolve("secret.key");
        try {
            if (Files.exists(file)) {
                return decode(Files.readString(file), file.toString());
            }
            Files.createDirectories(dataDir);
            byte[] key = new byte[32];
            RANDOM.nextBytes(key);
            // written aside, then linked into place (a link never replaces a file, a rename would): a
            // process starting at the same moment on this data directory reads no key or a whole one,
            // and the first link wins
            Path written = Files.createTempFile(dataDir, "secret.key.", ".tmp");
            try {
                Files.writeString(written, Base64.getEncoder().encodeToString(key) + "\n");
                try {
                    Files.setPosixFilePermissions(written, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException notPosix) {
                    // the data directory's own permissions protect it
                }
                Files.createLink(file, written);
            } catch (java.nio.file.FileAlreadyExistsException otherWon) {
                return decode(Files.readString(file), file.toString());
            } finally {
                Files.deleteIfExists(written);
            }
            log.warn("RECADO_SECRET_KEY is not set: generated an encryption key for stored secrets in {}. Back it up"
                    + " with the database, or set RECADO_SECRET_KEY (openssl rand -base64 32) in production.", file);
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create " + file, e);
        }
    }
}
