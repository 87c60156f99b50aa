package dev.recado.workspace;

import java.time.Instant;

public record ConsoleUserView(long id, String email, String name, String role, Instant createdAt) {
}
