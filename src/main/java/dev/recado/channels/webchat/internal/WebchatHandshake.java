package dev.recado.channels.webchat.internal;

import dev.recado.channels.webchat.WebchatAdapterFactory;
import dev.recado.channels.webchat.WidgetKeys;
import dev.recado.common.TrustedProxies;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;

/**
 * The checks of a visitor's socket before it opens: the widget key names an enabled widget (404), and
 * the page's Origin is one of the widget's allowed origins (403). A browser cannot forge Origin, so
 * another site cannot open a chat in a business's name from its visitors' browsers.
 */
class WebchatHandshake implements HandshakeInterceptor {

    static final String WIDGET = "webchat.sender";
    static final String ORIGIN = "webchat.origin";
    static final String ADDRESS = "webchat.address";
    static final String AGENT = "webchat.agent";

    private final WidgetKeys keys;
    private final WebchatAdapterFactory widgets;
    private final TrustedProxies proxies;

    WebchatHandshake(WidgetKeys keys, WebchatAdapterFactory widgets, TrustedProxies proxies) {
        this.keys = keys;
        this.widgets = widgets;
        this.proxies = proxies;
    }

    @Override
    public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
            Map<String, Object> attributes) {
        String path = request.getURI().getPath();
        String key = path.substring(path.lastIndexOf('/') + 1);
        var widget = keys.senderOf(key).flatMap(widgets::widget);
        if (widget.isEmpty()) {
            response.setStatusCode(HttpStatus.NOT_FOUND);
            return false;
        }
        String origin = request.getHeaders().getOrigin();
        if (!widget.get().settings().allows(origin)) {
            response.setStatusCode(HttpStatus.FORBIDDEN);
            return false;
        }
        attributes.put(WIDGET, widget.get().config().senderId());
        attributes.put(ORIGIN, origin);
        attributes.put(AGENT, request.getHeaders().getFirst("User-Agent"));
        if (request instanceof ServletServerHttpRequest servlet) {
            attributes.put(ADDRESS, proxies.clientAddress(servlet.getServletRequest()));
        }
        return true;
    }

    @Override
    public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
            Exception exception) {
    }
}
