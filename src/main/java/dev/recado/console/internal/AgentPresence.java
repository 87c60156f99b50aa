package dev.recado.console.internal;

import dev.recado.workspace.ConsoleUser;
import dev.recado.workspace.UserManagement;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * A console user's page views are their presence: what a web chat widget set to go offline with no
 * agents reads (in the database, so every node sees every node's agents).
 */
class AgentPresence implements HandlerInterceptor {

    private final UserManagement users;

    AgentPresence(UserManagement users) {
        this.users = users;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof ConsoleUser user) {
            users.markActive(user.userId());
        }
        return true;
    }
}
