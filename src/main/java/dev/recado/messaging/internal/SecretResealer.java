package dev.recado.messaging.internal;

import dev.recado.common.SecretBox;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationRunner;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * At start, seals every stored secret of this module that is still in clear text (rows from before
 * encryption) or sealed with the previous key (after a rotation): sender provider secrets, webhook
 * secrets and the status-callback secrets.
 */
@Component
class SecretResealer implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(SecretResealer.class);

    private final SenderRepository senders;
    private final JdbcClient jdbc;
    private final SecretBox secrets;
    private final TransactionTemplate transaction;

    SecretResealer(SenderRepository senders, JdbcClient jdbc, SecretBox secrets, TransactionTemplate transaction) {
        this.senders = senders;
        this.jdbc = jdbc;
        this.secrets = secrets;
        this.transaction = transaction;
    }

    @Override
    public void run(org.springframework.boot.ApplicationArguments args) {
        int changed = transaction.execute(status -> senders.resealSecrets() + reseal("webhooks", "id")
                + reseal("callback_secrets", "workspace_id"));
        if (changed > 0) {
            log.info("Sealed {} stored secrets with the current key", changed);
        }
    }

    private int reseal(String table, String key) {
        int changed = 0;
        var rows = jdbc.sql("select " + key + ", secret from " + table)
                .query((rs, n) -> Map.entry(rs.getLong(1), rs.getString(2))).list();
        for (var row : rows) {
            if (secrets.needsResealing(row.getValue())) {
                jdbc.sql("update " + table + " set secret = :secret where " + key + " = :id")
                        .param("secret", secrets.seal(secrets.open(row.getValue()))).param("id", row.getKey()).update();
                changed++;
            }
        }
        return changed;
    }
}
