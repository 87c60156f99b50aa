package dev.recado.consent.internal;

import dev.recado.consent.Channel;
import dev.recado.consent.KeywordAction;
import dev.recado.workspace.WorkspaceCreated;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Every new workspace starts with the keywords people already use in Spanish and English. */
@Component
class DefaultKeywordRules {

    private final KeywordRuleRepository rules;

    DefaultKeywordRules(KeywordRuleRepository rules) {
        this.rules = rules;
    }

    @EventListener
    void on(WorkspaceCreated created) {
        long ws = created.workspaceId();
        String bajaReply = "Te hemos dado de baja. No recibirás más mensajes. Responde ALTA para volver.";
        String stopReply = "You have been unsubscribed and will get no more messages. Reply START to resubscribe.";
        for (String k : new String[] {"BAJA", "CANCELAR", "PARAR"}) {
            rules.upsert(ws, k, "es", KeywordAction.OPT_OUT, Channel.ALL, bajaReply);
        }
        for (String k : new String[] {"STOP", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "STOPALL"}) {
            rules.upsert(ws, k, "en", KeywordAction.OPT_OUT, Channel.ALL, stopReply);
        }
        rules.upsert(ws, "ALTA", "es", KeywordAction.OPT_IN, Channel.ALL, "¡Bienvenido de nuevo! Responde BAJA para dejar de recibir mensajes.");
        for (String k : new String[] {"START", "SUBSCRIBE", "UNSTOP"}) {
            rules.upsert(ws, k, "en", KeywordAction.OPT_IN, Channel.ALL, "You are subscribed again. Reply STOP to opt out.");
        }
        rules.upsert(ws, "AYUDA", "es", KeywordAction.HELP, Channel.ALL, "Responde BAJA para darte de baja o ALTA para volver.");
        rules.upsert(ws, "HELP", "en", KeywordAction.HELP, Channel.ALL, "Reply STOP to opt out or START to opt back in.");
    }
}
