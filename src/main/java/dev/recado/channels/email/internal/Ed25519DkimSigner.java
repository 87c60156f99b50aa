package dev.recado.channels.email.internal;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.james.jdkim.DKIMCommon;
import org.apache.james.jdkim.DKIMSigner;
import org.apache.james.jdkim.api.BodyHasher;
import org.apache.james.jdkim.api.Headers;
import org.apache.james.jdkim.api.SignatureRecord;
import org.apache.james.jdkim.exceptions.PermFailException;
import org.apache.james.jdkim.impl.BodyHasherImpl;
import org.apache.james.jdkim.tagvalue.SignatureRecordTemplate;

/**
 * {@code ed25519-sha256} (RFC 8463) on jDKIM's machinery: its MIME parsing, body canonicalisation
 * and hash, and header canonicalisation stay as they are for RSA; only the last step differs.
 * jDKIM asks the JDK for a "SHA256withED25519" that does not exist, so the header data is fed to
 * {@link Ed25519OverSha256} instead: RFC 8463 3 signs the SHA-256 of that data with plain Ed25519.
 * Tags are written in the template's order (jDKIM's own record keeps them in hash order), which
 * does not matter to a verifier but lets a test reproduce the RFC's example signature exactly.
 */
class Ed25519DkimSigner extends DKIMSigner {

    private final PrivateKey key;

    Ed25519DkimSigner(String template, PrivateKey key) {
        super(template, key);
        this.key = key;
    }

    @Override
    public SignatureRecord newSignatureRecordTemplate(String template) {
        return new OrderedRecord(template);
    }

    @Override
    public String sign(Headers message, BodyHasher bodyHasher) throws PermFailException {
        if (!(bodyHasher instanceof BodyHasherImpl hasher)) {
            throw new PermFailException("the body hasher did not come from this signer");
        }
        SignatureRecord record = hasher.getSignatureRecord();
        record.setBodyHash(hasher.getDigest());
        try {
            Signature signature = new Ed25519OverSha256();
            signature.initSign(key);
            HeaderData.feed(message, record, signature);
            record.setSignature(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new PermFailException("Ed25519 signing failed: " + e.getMessage(), record, e);
        }
        return "DKIM-Signature:" + record;
    }

    /** Only to reach jDKIM's header canonicalisation, which it keeps protected. */
    private abstract static class HeaderData extends DKIMCommon {
        static void feed(Headers message, SignatureRecord record, Signature signature)
                throws SignatureException, PermFailException {
            signatureCheck(message, record, record.getHeaders(), signature);
        }
    }

    /** A signature record that remembers its tags in the order given, with b= last. */
    private static final class OrderedRecord extends SignatureRecordTemplate {
        OrderedRecord(String template) {
            super(template);
        }

        @Override
        protected Map<String, CharSequence> newTagValue() {
            return new LinkedHashMap<>();
        }

        @Override
        public String toString() {
            List<String> tags = new ArrayList<>();
            getTags().stream().filter(t -> !t.equals("b")).forEach(t -> tags.add(t + "=" + getValue(t)));
            tags.add("b=" + (getTags().contains("b") ? getValue("b") : ""));
            return " " + String.join("; ", tags);
        }
    }

    /**
     * Ed25519 over the SHA-256 of what is fed in, as a {@link Signature} because that is what
     * jDKIM's header canonicalisation writes to. Signing only.
     */
    static final class Ed25519OverSha256 extends Signature {

        private final MessageDigest sha256;
        private Signature ed25519;

        Ed25519OverSha256() throws NoSuchAlgorithmException {
            super("ed25519-sha256");
            sha256 = MessageDigest.getInstance("SHA-256");
        }

        @Override
        protected void engineInitSign(PrivateKey privateKey) throws InvalidKeyException {
            try {
                ed25519 = Signature.getInstance("Ed25519");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every JDK since 15 has Ed25519", e);
            }
            ed25519.initSign(privateKey);
            sha256.reset();
        }

        @Override
        protected void engineUpdate(byte b) {
            sha256.update(b);
        }

        @Override
        protected void engineUpdate(byte[] b, int off, int len) {
            sha256.update(b, off, len);
        }

        @Override
        protected byte[] engineSign() throws SignatureException {
            ed25519.update(sha256.digest());
            return ed25519.sign();
        }

        @Override
        protected void engineInitVerify(PublicKey publicKey) throws InvalidKeyException {
            throw new InvalidKeyException("signing only");
        }

        @Override
        protected boolean engineVerify(byte[] sigBytes) throws SignatureException {
            throw new SignatureException("signing only");
        }

        @Override
        @Deprecated
        protected void engineSetParameter(String param, Object value) {
            throw new UnsupportedOperationException();
        }

        @Override
        @Deprecated
        protected Object engineGetParameter(String param) {
            throw new UnsupportedOperationException();
        }
    }
}
