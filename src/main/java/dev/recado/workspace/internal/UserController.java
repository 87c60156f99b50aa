package dev.recado.workspace.internal;

import dev.recado.common.Caller;
import dev.recado.common.PublicId;
import dev.recado.common.Redacted;
import dev.recado.workspace.ConsoleUserView;
import dev.recado.workspace.UserManagement;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Console users (agents and admins) of the caller's workspace. */
@RestController
@RequestMapping("/v1/users")
class UserController {

    record CreateUser(String email, String name, String role, String password) {

        /** Never the secrets: a record's own toString would print them into any log line. */
        @Override
        public String toString() {
            return Redacted.toString(this);
        }
    }

    record UserResponse(String id, String email, String name, String role, Instant createdAt) {

        static UserResponse of(ConsoleUserView u) {
            return new UserResponse(PublicId.of("usr_", u.id()), u.email(), u.name(), u.role(), u.createdAt());
        }
    }

    private final UserManagement users;

    UserController(UserManagement users) {
        this.users = users;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    UserResponse create(Caller caller, @RequestBody CreateUser body) {
        return UserResponse.of(users.create(caller.workspace(), body.email(), body.name(), body.role(), body.password()));
    }

    @GetMapping
    Map<String, Object> list(Caller caller) {
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("data", users.list(caller.workspace()).stream().map(UserResponse::of).toList());
        page.put("next_cursor", null);
        return page;
    }
}
