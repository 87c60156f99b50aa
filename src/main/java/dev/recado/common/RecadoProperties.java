package dev.recado.common;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Settings under {@code recado.*}; every one has a default in application.yml. */
@ConfigurationProperties("recado")
public record RecadoProperties(Path dataDir, boolean sandbox, String baseUrl, String adminEmail, String adminPassword,
        String bootstrapApiKey, String platformApiKey, boolean demoWorkspace, long maxJsonBytes, long maxImportBytes) {

    /** Never the secrets: a record's own toString would print them into any log line. */
    @Override
    public String toString() {
        return Redacted.toString(this);
    }
}
