package dev.recado.workspace.internal;

import dev.recado.common.RecadoProperties;
import dev.recado.workspace.NewWorkspace;
import dev.recado.workspace.WorkspaceManagement;
import java.security.SecureRandom;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * First start: a workspace and its admin, so the console is usable at once. The generated password
 * is printed once and never stored in clear; RECADO_ADMIN_PASSWORD avoids it altogether.
 */
@Component
@Order(0)
class Bootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(Bootstrap.class);

    private final RecadoProperties properties;
    private final WorkspaceManagement workspaces;
    private final UserRepository users;
    private final PasswordEncoder passwords;
    private final TransactionTemplate tx;
    private final Clock clock;

    Bootstrap(RecadoProperties properties, WorkspaceManagement workspaces, UserRepository users,
            PasswordEncoder passwords, TransactionTemplate tx, Clock clock) {
        this.properties = properties;
        this.workspaces = workspaces;
        this.users = users;
        this.passwords = passwords;
        this.tx = tx;
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) {
        tx.executeWithoutResult(status -> {
            if (users.count() == 0) {
                createFirstAdmin();
            }
            String bootstrapKey = properties.bootstrapApiKey();
            if (bootstrapKey != null && !bootstrapKey.isBlank()) {
                long workspace = workspaces.defaultWorkspace().orElseThrow().id();
                workspaces.ensureKey(workspace, "Bootstrap key", bootstrapKey.strip());
            }
        });
    }

    private void createFirstAdmin() {
        long workspaceId = workspaces.defaultWorkspace().map(w -> w.id()).orElseGet(() -> workspaces
                .create(new NewWorkspace(properties.demoWorkspace() ? "Demo" : "Default", "ES", "es",
                        "Europe/Madrid", "EUR", null, null, null), properties.demoWorkspace())
                .workspace().id());
        String password = properties.adminPassword();
        boolean generated = password == null || password.isBlank();
        if (generated) {
            password = randomPassword();
        }
        users.insert(workspaceId, properties.adminEmail(), "Admin", passwords.encode(password), "admin", clock.instant());
        if (generated) {
            log.warn("""

                    ==========================================================
                     First start: console admin created
                       http://localhost:8080  user {}  password {}
                     This password is shown once. Set RECADO_ADMIN_PASSWORD to choose it.
                    ==========================================================""",
                    properties.adminEmail(), password);
        } else {
            log.info("First start: console admin {} created with the configured password", properties.adminEmail());
        }
    }

    private static String randomPassword() {
        var random = new SecureRandom();
        String alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        var out = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }
}
