package dev.recado.channels.rcs.internal;

import dev.recado.common.OutboundTargets;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * OAuth access tokens for a Google service account (RFC 7523 JWT bearer grant, as Google documents
 * for server-to-server calls): a JWT signed RS256 with the key file's {@code private_key}, posted to
 * its {@code token_uri}; the token is reused until a minute before it expires. A token is only a
 * cache: each node mints its own.
 */
final class ServiceAccountTokens {

    static final String SCOPE = "https://www.googleapis.com/auth/rcsbusinessmessaging";

    /** Where the token endpoint is reached: the adapter checks its host like any outbound target. */
    interface Poster {
        HttpResponse<String> post(URI uri, HttpRequest request) throws IOException, InterruptedException;
    }

    private final String clientEmail;
    private final PrivateKey key;
    private final URI tokenUri;
    private final Clock clock;
    private String token;
    private Instant expiresAt = Instant.EPOCH;

    ServiceAccountTokens(String json, Clock clock) {
        JsonNode file = RbmPayloads.JSON.readTree(json);
        this.clientEmail = file.path("client_email").asString();
        this.key = privateKey(file.path("private_key").asString());
        this.tokenUri = URI.create(file.path("token_uri").asString("https://oauth2.googleapis.com/token"));
        this.clock = clock;
    }

    /** What is wrong with a key file, if anything (for the sender's validation). */
    static Optional<String> problem(String json) {
        try {
            JsonNode file = RbmPayloads.JSON.readTree(json);
            if (file.path("client_email").asString("").isBlank()) {
                return Optional.of("has no client_email");
            }
            String uri = file.path("token_uri").asString("https://oauth2.googleapis.com/token");
            if (!uri.matches("https?://\\S{1,500}")) {
                return Optional.of("has a token_uri that is not an http(s) URL");
            }
            // it is named in the warnings of a failed mint, as the API's base URL is in its own
            if (OutboundTargets.carriesUserInfo(uri)) {
                return Optional.of("has a token_uri that carries a user name or password");
            }
            privateKey(file.path("private_key").asString(""));
            return Optional.empty();
        } catch (RuntimeException e) {
            return Optional.of("must be the service account's JSON key (client_email, private_key, token_uri)");
        }
    }

    URI tokenUri() {
        return tokenUri;
    }

    synchronized String token(Poster http) throws IOException, InterruptedException {
        Instant now = clock.instant();
        if (token != null && now.isBefore(expiresAt.minus(Duration.ofMinutes(1)))) {
            return token;
        }
        String form = "grant_type=" + URLEncoder.encode("urn:ietf:params:oauth:grant-type:jwt-bearer", StandardCharsets.UTF_8)
                + "&assertion=" + assertion(now);
        var response = http.post(tokenUri, HttpRequest.newBuilder(tokenUri).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
        if (response.statusCode() / 100 != 2) {
            throw new TokenRefused("token endpoint answered " + response.statusCode());
        }
        JsonNode answer = RbmPayloads.JSON.readTree(response.body());
        token = answer.path("access_token").asString(null);
        if (token == null) {
            throw new TokenRefused("token endpoint answered without access_token");
        }
        expiresAt = now.plusSeconds(answer.path("expires_in").asLong(3600));
        return token;
    }

    /** Forgets the token (RBM refused it), so the next call mints another. */
    synchronized void forget() {
        token = null;
    }

    String assertion(Instant now) {
        var b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        var claims = RbmPayloads.JSON.createObjectNode().put("iss", clientEmail).put("scope", SCOPE)
                .put("aud", tokenUri.toString()).put("iat", now.getEpochSecond()).put("exp", now.getEpochSecond() + 3600);
        String body = b64.encodeToString(RbmPayloads.JSON.writeValueAsBytes(claims));
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(key);
            rsa.update((header + "." + body).getBytes(StandardCharsets.US_ASCII));
            return header + "." + body + "." + b64.encodeToString(rsa.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PrivateKey privateKey(String pem) {
        String base64 = pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("private_key is not a PKCS#8 RSA key");
        }
    }

    /** Google would not give a token for this key: the sender needs another. */
    static final class TokenRefused extends IOException {
        TokenRefused(String message) {
            super(message);
        }
    }
}
