package dev.recado.workspace;

import dev.recado.common.ApiException;
import dev.recado.common.FieldProblem;
import dev.recado.workspace.internal.UserRepository;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Console users of a workspace: admins and agents. Passwords are stored as bcrypt hashes only. */
@Service
public class UserManagement {

    private final UserRepository users;
    private final PasswordEncoder passwords;
    private final Clock clock;

    UserManagement(UserRepository users, PasswordEncoder passwords, Clock clock) {
        this.users = users;
        this.passwords = passwords;
        this.clock = clock;
    }

    @Transactional
    public ConsoleUserView create(long workspaceId, String email, String name, String role, String password) {
        List<FieldProblem> problems = new ArrayList<>();
        String cleanEmail = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
        if (!cleanEmail.matches("[^@\\s]{1,64}@[^@\\s.]+(\\.[^@\\s.]+)+") || cleanEmail.length() > 320) {
            problems.add(new FieldProblem("email", "is not a valid email address"));
        }
        if (name == null || name.isBlank() || name.length() > 200) {
            problems.add(new FieldProblem("name", "is required, 1 to 200 characters"));
        }
        String cleanRole = role == null ? "agent" : role;
        if (!cleanRole.equals("admin") && !cleanRole.equals("agent")) {
            problems.add(new FieldProblem("role", "must be one of [admin, agent]"));
        }
        if (password == null || password.length() < 10 || password.length() > 200) {
            problems.add(new FieldProblem("password", "must be 10 to 200 characters"));
        }
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
        if (users.findByEmail(cleanEmail).isPresent()) {
            throw new ApiException(409, "duplicate_user", "A console user with this email already exists");
        }
        users.insert(workspaceId, cleanEmail, name.strip(), passwords.encode(password), cleanRole, clock.instant());
        return users.list(workspaceId).stream().filter(u -> u.email().equals(cleanEmail)).findFirst().orElseThrow();
    }

    /** The user did something in the console: recorded at most once a minute, which is all presence needs. */
    public void markActive(long userId) {
        users.markActive(userId, clock.instant(), java.time.Duration.ofMinutes(1));
    }

    /** Whether someone of the workspace was active in the console in the last {@code window}. */
    public boolean anyoneActiveWithin(long workspaceId, java.time.Duration window) {
        return users.anyActiveSince(workspaceId, clock.instant().minus(window));
    }

    public List<ConsoleUserView> list(long workspaceId) {
        return users.list(workspaceId);
    }
}
