package dev.recado.channels.webchat.internal;

import dev.recado.channels.webchat.WebchatSnippets;
import dev.recado.common.ApiException;
import dev.recado.common.Caller;
import dev.recado.messaging.SenderDirectory;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /v1/senders/{id}/webchat}: the widget key and the script tag of a webchat sender. */
@RestController
class WebchatSnippetController {

    private final SenderDirectory senders;
    private final WebchatSnippets snippets;

    WebchatSnippetController(SenderDirectory senders, WebchatSnippets snippets) {
        this.senders = senders;
        this.snippets = snippets;
    }

    @GetMapping("/v1/senders/{id}/webchat")
    Map<String, Object> snippet(Caller caller, @PathVariable String id) {
        var sender = senders.get(caller.workspace(), id);
        if (!sender.channel().equals("webchat")) {
            throw ApiException.notFound("Webchat sender");
        }
        var snippet = snippets.of(sender.id());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("sender", sender.id());
        answer.put("widget_key", snippet.widgetKey());
        answer.put("script_url", snippet.scriptUrl());
        answer.put("snippet", snippet.tag());
        return answer;
    }
}
