package dev.recado.console.internal;

import dev.recado.workspace.ConsoleUser;
import jakarta.servlet.http.HttpServletRequest;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorViewResolver;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.ModelAndView;

/**
 * Errors that never reached a console controller (an unknown page, a failure) are rendered by
 * Boot's error controller: give them the signed-in user's layout too, so the brand stays on.
 */
@Component
class ConsoleErrorViews implements ErrorViewResolver {

    private final ConsoleAdvice advice;

    ConsoleErrorViews(ConsoleAdvice advice) {
        this.advice = advice;
    }

    @Override
    public ModelAndView resolveErrorView(HttpServletRequest request, HttpStatus status, Map<String, Object> model) {
        if (request.getRequestURI().startsWith("/v1/")) {
            return null;
        }
        Map<String, Object> page = new HashMap<>(model);
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof ConsoleUser user) {
            advice.addLayout(user, page::put);
        }
        return new ModelAndView("error", page, status);
    }
}
