package dev.recado.workspace.internal;

import dev.recado.workspace.ConsoleUser;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;

@Service
class ConsoleUserDetailsService implements UserDetailsService {

    private final UserRepository users;

    ConsoleUserDetailsService(UserRepository users) {
        this.users = users;
    }

    @Override
    public UserDetails loadUserByUsername(String email) {
        return users.findByEmail(email)
                .map(u -> new ConsoleUser(u.id(), u.workspaceId(), u.email(), u.name(), u.role(), u.passwordHash()))
                .orElseThrow(() -> new UsernameNotFoundException("unknown user"));
    }
}
