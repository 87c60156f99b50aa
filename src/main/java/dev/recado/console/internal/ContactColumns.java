package dev.recado.console.internal;

import dev.recado.contacts.ContactManagement;
import dev.recado.workspace.ConsoleUser;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Arrays;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The attribute columns a user chose for the contact list. They live in a cookie named after the
 * user: a preference of one person on one browser needs no table, and another user of the same
 * browser keeps their own.
 */
@Controller
class ContactColumns {

    static final int MAX = 5;
    private static final String COOKIE = "recado_contact_columns_";

    private final ContactManagement contacts;

    ContactColumns(ContactManagement contacts) {
        this.contacts = contacts;
    }

    /** The chosen columns that are still attributes of the workspace, in the workspace's order. */
    List<String> chosen(ConsoleUser user, HttpServletRequest request) {
        String saved = request.getCookies() == null ? null : Arrays.stream(request.getCookies())
                .filter(c -> c.getName().equals(COOKIE + user.userId())).map(Cookie::getValue).findFirst().orElse(null);
        if (saved == null || saved.isBlank()) {
            return List.of();
        }
        List<String> wanted = List.of(saved.split("\\."));
        return contacts.attributeNames(user.workspaceId()).stream().filter(wanted::contains).limit(MAX).toList();
    }

    /** Unknown names are dropped rather than refused: an attribute may have gone since the page was drawn. */
    @PostMapping("/contacts/columns")
    String choose(@AuthenticationPrincipal ConsoleUser user, @RequestParam(required = false) List<String> columns,
            @RequestParam(required = false) String back, HttpServletRequest request, HttpServletResponse response) {
        List<String> known = contacts.attributeNames(user.workspaceId());
        String value = columns == null ? "" : String.join(".",
                columns.stream().filter(known::contains).distinct().limit(MAX).toList());
        var cookie = new Cookie(COOKIE + user.userId(), value);
        cookie.setPath("/");
        cookie.setHttpOnly(true);
        cookie.setMaxAge(value.isEmpty() ? 0 : 365 * 24 * 3600);
        cookie.setAttribute("SameSite", "Lax");
        cookie.setSecure(request.isSecure());
        response.addCookie(cookie);
        // only a path of our own list, never a redirect elsewhere
        return "redirect:" + (back != null && back.startsWith("/contacts") && !back.startsWith("//") ? back : "/contacts");
    }
}
