package dev.recado.console.internal;

import dev.recado.billing.LedgerEntry;
import dev.recado.consent.ConsentEvent;
import dev.recado.consent.ConsentSource;
import dev.recado.consent.KeywordEvidence;
import dev.recado.workspace.ApiKeyView;
import dev.recado.workspace.ConsoleUserView;
import dev.recado.workspace.UserManagement;
import dev.recado.workspace.WorkspaceManagement;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * Texts the modules keep as codes and values (a ledger line's kind and message count, a keyword's
 * evidence, who recorded a fact), worded in the reader's language. Templates call it as
 * {@code @texts...}.
 */
@Component("texts")
class ConsoleTexts {

    private final MessageSource messages;
    private final WorkspaceManagement workspaces;
    private final UserManagement users;

    ConsoleTexts(MessageSource messages, WorkspaceManagement workspaces, UserManagement users) {
        this.messages = messages;
        this.workspaces = workspaces;
        this.users = users;
    }

    /** A ledger line: "3 mensajes", "Saldo de prueba"; an operator's own words on a top-up stay as written. */
    public String ledger(LedgerEntry e) {
        return switch (e.kind()) {
            case "usage" -> e.quantity() == null ? text("billing.text.usage.unknown")
                    : text("billing.text.usage", e.quantity());
            case "trial" -> text("billing.text.trial");
            case "credit" -> e.description() == null || "Top-up".equals(e.description()) ? text("billing.text.credit")
                    : e.description();
            default -> text("billing.text.other");
        };
    }

    /** A consent fact's evidence; a keyword reply's is worded from its parts. */
    public String evidence(ConsentEvent e) {
        if (e.source() == ConsentSource.KEYWORD) {
            var keyword = KeywordEvidence.read(e.evidence());
            if (keyword.isPresent()) {
                return text("consent.evidence.keyword", keyword.get().text(), text("channel." + keyword.get().channel()));
            }
        }
        if (e.source() == ConsentSource.AGENT && e.evidence() != null
                && e.evidence().startsWith(ContactBulkActions.EVIDENCE)) {
            return text("consent.evidence.bulk", e.evidence().substring(ContactBulkActions.EVIDENCE.length()));
        }
        return e.evidence();
    }

    /**
     * Who recorded each of these facts, by name: {@code api_key:2} is the key's name,
     * {@code user:ana@example.com} the user's, {@code contact} the person themself.
     */
    Map<String, String> actors(long workspaceId, Collection<String> actors) {
        Map<Long, String> keyNames = actors.stream().anyMatch(a -> a != null && a.startsWith("api_key:"))
                ? workspaces.listKeys(workspaceId, Long.MAX_VALUE, 500).stream()
                        .collect(Collectors.toMap(ApiKeyView::id, ApiKeyView::name))
                : Map.of();
        Map<String, String> userNames = actors.stream().anyMatch(a -> a != null && a.startsWith("user:"))
                ? users.list(workspaceId).stream()
                        .collect(Collectors.toMap(ConsoleUserView::email, ConsoleUserView::name, (a, b) -> a))
                : Map.of();
        Map<String, String> names = new HashMap<>();
        for (String actor : actors) {
            if (actor != null) {
                names.put(actor, actor(actor, keyNames, userNames));
            }
        }
        return names;
    }

    private String actor(String actor, Map<Long, String> keyNames, Map<String, String> userNames) {
        if (actor.startsWith("api_key:")) {
            String name = idAfterColon(actor).map(keyNames::get).orElse(null);
            return name == null ? text("actor.apiKey.unknown") : text("actor.apiKey", name);
        }
        if (actor.startsWith("user:")) {
            String email = actor.substring("user:".length());
            return text("actor.user", userNames.getOrDefault(email, email));
        }
        String known = messages.getMessage("actor." + actor, null, null, LocaleContextHolder.getLocale());
        return known != null ? known : actor;
    }

    private static java.util.Optional<Long> idAfterColon(String actor) {
        try {
            return java.util.Optional.of(Long.parseLong(actor.substring(actor.indexOf(':') + 1)));
        } catch (NumberFormatException e) {
            return java.util.Optional.empty();
        }
    }

    String text(String code, Object... args) {
        return messages.getMessage(code, args, LocaleContextHolder.getLocale());
    }
}
