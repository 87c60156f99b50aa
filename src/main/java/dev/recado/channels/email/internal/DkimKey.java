package dev.recado.channels.email.internal;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.EdECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A DKIM private key read from PEM: RSA (PKCS#8 or PKCS#1, 1024–4096 bits) or Ed25519 (PKCS#8,
 * RFC 8463). {@code publicKey} is the p= value of the TXT record, derived from the private key so
 * nothing but the secret is stored.
 */
record DkimKey(Algorithm algorithm, PrivateKey key, String publicKey) {

    /** The a= tag of a signature and the k= tag of the record. */
    enum Algorithm {
        RSA("rsa"), ED25519("ed25519");

        final String keyType;

        Algorithm(String keyType) {
            this.keyType = keyType;
        }

        String tag() {
            return keyType + "-sha256";
        }
    }

    /** RFC 8301: signers must not use keys below 1024 bits; longer than 4096 no DNS host takes. */
    private static final int MIN_BITS = 1024;
    private static final int MAX_BITS = 4096;
    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");
    /** The AlgorithmIdentifier of rsaEncryption, to wrap a PKCS#1 key into PKCS#8 for the JDK. */
    private static final byte[] RSA_ALGORITHM = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86,
            (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};
    private static final int ED25519_PUBLIC_BYTES = 32;

    /** {@code v=DKIM1; k=rsa; p=<SubjectPublicKeyInfo>} or, RFC 8463 4, {@code k=ed25519; p=<the raw 32 bytes>}. */
    String dnsRecord() {
        return "v=DKIM1; k=" + algorithm.keyType + "; p=" + publicKey;
    }

    /** Never the private key: this may end up in a log line. */
    @Override
    public String toString() {
        return "DkimKey[" + algorithm.keyType + ", p=" + publicKey + "]";
    }

    /** Reads a PEM private key; the message of the exception says what is wrong, for the API. */
    static DkimKey parse(Object value) {
        if (!(value instanceof String text) || text.length() > 16_000) {
            throw new IllegalArgumentException("must be a PEM private key (-----BEGIN PRIVATE KEY-----...)");
        }
        Matcher pem = PEM.matcher(text.strip());
        if (!pem.matches()) {
            throw new IllegalArgumentException("must be a PEM private key (-----BEGIN PRIVATE KEY-----...)");
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(pem.group(2));
        } catch (IllegalArgumentException notBase64) {
            throw new IllegalArgumentException("must be a PEM private key whose body is base64");
        }
        byte[] pkcs8 = switch (pem.group(1)) {
            case "PRIVATE KEY" -> der;
            case "RSA PRIVATE KEY" -> pkcs8(der);
            case "ENCRYPTED PRIVATE KEY" -> throw new IllegalArgumentException(
                    "must not be encrypted with a passphrase (it is stored encrypted already)");
            default -> throw new IllegalArgumentException("must be a private key, not " + pem.group(1).toLowerCase());
        };
        DkimKey key = rsa(pkcs8);
        if (key == null) {
            key = ed25519(pkcs8);
        }
        if (key == null) {
            throw new IllegalArgumentException("must be an RSA or Ed25519 private key");
        }
        return key;
    }

    private static DkimKey rsa(byte[] pkcs8) {
        try {
            if (!(KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8)) instanceof RSAPrivateCrtKey rsa)) {
                return null;
            }
            int bits = rsa.getModulus().bitLength();
            if (bits < MIN_BITS || bits > MAX_BITS) {
                throw new IllegalArgumentException("must be an RSA key of 1024 to 4096 bits (2048 is usual), not " + bits);
            }
            var publicKey = KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
            return new DkimKey(Algorithm.RSA, rsa, Base64.getEncoder().encodeToString(publicKey.getEncoded()));
        } catch (GeneralSecurityException notRsa) {
            return null;
        }
    }

    private static DkimKey ed25519(byte[] pkcs8) {
        try {
            var key = (EdECPrivateKey) KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            byte[] encoded = ed25519PublicOf(key).getPublic().getEncoded();
            // the X.509 form is a fixed 12-byte header and the point; DNS carries the point alone
            byte[] raw = Arrays.copyOfRange(encoded, encoded.length - ED25519_PUBLIC_BYTES, encoded.length);
            return new DkimKey(Algorithm.ED25519, key, Base64.getEncoder().encodeToString(raw));
        } catch (GeneralSecurityException | ClassCastException notEd25519) {
            return null;
        }
    }

    /**
     * The JDK has no public call from an Ed25519 private key to its public key, but its generator
     * takes the 32-byte private key from the random source it is given; a signature made with the
     * given key is checked against the result, so a generator that worked otherwise would be caught.
     */
    private static KeyPair ed25519PublicOf(EdECPrivateKey key) throws GeneralSecurityException {
        byte[] seed = key.getBytes().orElseThrow(() -> new GeneralSecurityException("no private bytes"));
        KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
        generator.initialize(NamedParameterSpec.ED25519, new SecureRandom() {
            @Override
            public void nextBytes(byte[] bytes) {
                System.arraycopy(seed, 0, bytes, 0, Math.min(seed.length, bytes.length));
            }
        });
        KeyPair pair = generator.generateKeyPair();
        byte[] probe = "recado dkim key check".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        Signature signer = Signature.getInstance("Ed25519");
        signer.initSign(key);
        signer.update(probe);
        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(pair.getPublic());
        verifier.update(probe);
        if (!verifier.verify(signer.sign())) {
            throw new GeneralSecurityException("the derived Ed25519 public key does not match");
        }
        return pair;
    }

    /** PrivateKeyInfo {version 0, rsaEncryption, OCTET STRING pkcs1} (RFC 5208), as DER. */
    private static byte[] pkcs8(byte[] pkcs1) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(new byte[] {0x02, 0x01, 0x00});
        body.writeBytes(RSA_ALGORITHM);
        body.writeBytes(der(0x04, pkcs1));
        return der(0x30, body.toByteArray());
    }

    private static byte[] der(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        if (content.length < 0x80) {
            out.write(content.length);
        } else {
            byte[] length = BigInteger.valueOf(content.length).toByteArray();
            int skip = length[0] == 0 ? 1 : 0;
            out.write(0x80 | (length.length - skip));
            out.write(length, skip, length.length - skip);
        }
        out.writeBytes(content);
        return out.toByteArray();
    }
}
