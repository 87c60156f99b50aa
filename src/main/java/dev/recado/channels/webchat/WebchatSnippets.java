package dev.recado.channels.webchat;

import dev.recado.common.PublicId;
import dev.recado.common.RecadoProperties;
import org.springframework.stereotype.Component;

/** What a business pastes into its site for a widget: the script tag naming the widget's key. */
@Component
public class WebchatSnippets {

    /** The widget's public key, the URL of its script and the tag to paste. */
    public record Snippet(String widgetKey, String scriptUrl, String tag) {
    }

    private final WidgetKeys keys;
    private final String baseUrl;

    WebchatSnippets(WidgetKeys keys, RecadoProperties properties) {
        this.keys = keys;
        String base = properties.baseUrl();
        this.baseUrl = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    /** For a sender id as the API writes it ({@code snd_…}). */
    public Snippet of(String senderId) {
        String key = keys.keyOf(PublicId.require("snd_", senderId, "Sender"));
        String url = baseUrl + "/webchat/" + key + ".js";
        return new Snippet(key, url, "<script src=\"" + url + "\" async></script>");
    }
}
