package dev.recado.console.internal;

import dev.recado.channels.sandbox.SandboxPhone;
import dev.recado.common.ApiException;
import dev.recado.workspace.ConsoleUser;
import dev.recado.workspace.WorkspaceManagement;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.servlet.ModelAndView;

/**
 * What every console page needs (the user and the workspace's branding for the layout), and the
 * friendly error page for refusals of the module fronts. Other failures reach Boot's error
 * controller, which renders the same template without internals.
 */
@ControllerAdvice(basePackageClasses = ConsoleAdvice.class)
class ConsoleAdvice {

    private static final Logger log = LoggerFactory.getLogger(ConsoleAdvice.class);

    private final WorkspaceManagement workspaces;
    private final MessageSource messages;
    /** Whether this server runs in sandbox mode, which is when the menu offers the virtual phone. */
    private final boolean sandbox;

    ConsoleAdvice(WorkspaceManagement workspaces, MessageSource messages, Optional<SandboxPhone> phone) {
        this.workspaces = workspaces;
        this.messages = messages;
        this.sandbox = phone.isPresent();
    }

    @ModelAttribute
    void layout(@AuthenticationPrincipal ConsoleUser user, Model model) {
        addLayout(user, model.asMap()::put);
    }

    /** A module refused (unknown id, another workspace's row, an agent on an admin page...). */
    @ExceptionHandler(ApiException.class)
    ModelAndView refused(ApiException e, @AuthenticationPrincipal ConsoleUser user) {
        if (e.status() >= 500) {
            log.error("Module failure reached the console", e);
        }
        var view = new ModelAndView("error");
        HttpStatus status = HttpStatus.resolve(e.status());
        view.setStatus(status == null ? HttpStatus.INTERNAL_SERVER_ERROR : status);
        view.addObject("status", e.status());
        // the heading already says what the status means; a code with its own words adds them
        view.addObject("detail", e.status() < 500
                ? messages.getMessage("refusal." + e.code(), null, null, LocaleContextHolder.getLocale()) : null);
        addLayout(user, view::addObject);
        return view;
    }

    /** Pages for workspace admins only (users, webhooks, API keys). */
    static void requireAdmin(ConsoleUser user) {
        if (!user.isAdmin()) {
            throw forbidden();
        }
    }

    static ApiException forbidden() {
        return new ApiException(403, "forbidden", "Only workspace admins may open this page");
    }

    void addLayout(ConsoleUser user, java.util.function.BiConsumer<String, Object> model) {
        if (user != null) {
            model.accept("currentUser", user);
            model.accept("sandbox", sandbox);
            workspaces.find(user.workspaceId()).ifPresent(w -> {
                model.accept("workspace", w);
                // white label: the tabs carry the workspace's own name, as the top bar does
                model.accept("brandName", w.name());
            });
        }
    }
}
