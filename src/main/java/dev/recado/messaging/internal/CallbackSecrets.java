package dev.recado.messaging.internal;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The per-workspace secret that signs status callbacks, created on first use. */
@Component
class CallbackSecrets {

    private static final SecureRandom RANDOM = new SecureRandom();
    private final JdbcClient jdbc;
    private final dev.recado.common.SecretBox secrets;
    private final Map<Long, String> cache = new ConcurrentHashMap<>();

    CallbackSecrets(JdbcClient jdbc, dev.recado.common.SecretBox secrets) {
        this.jdbc = jdbc;
        this.secrets = secrets;
    }

    String secretOf(long workspaceId) {
        return cache.computeIfAbsent(workspaceId, ws -> jdbc.sql("select secret from callback_secrets where workspace_id = :ws")
                .param("ws", ws).query(String.class).optional().map(secrets::open).orElseGet(() -> create(ws)));
    }

    private String create(long workspaceId) {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        String secret = "whsec_" + HexFormat.of().formatHex(bytes);
        try {
            jdbc.sql("insert into callback_secrets (workspace_id, secret) values (:ws, :s)")
                    .param("ws", workspaceId).param("s", secrets.seal(secret)).update();
            return secret;
        } catch (DuplicateKeyException raced) {
            return secrets.open(jdbc.sql("select secret from callback_secrets where workspace_id = :ws")
                    .param("ws", workspaceId).query(String.class).single());
        }
    }
}
