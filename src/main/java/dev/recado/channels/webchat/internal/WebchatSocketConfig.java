package dev.recado.channels.webchat.internal;

import dev.recado.channels.webchat.WebchatAdapterFactory;
import dev.recado.channels.webchat.WidgetKeys;
import dev.recado.common.TrustedProxies;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

/**
 * The visitors' endpoints: {@code /webchat/ws/<widget key>} (the socket) and the widget's script. They
 * sit outside the API-key and console chains: the widget key, the Origin and the visitor token are
 * their checks ({@link WebchatHandshake}, {@link WebchatSocket}).
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class WebchatSocketConfig implements WebSocketConfigurer {

    /** A 2,000-character message escaped as JSON fits with room to spare. */
    static final int MAX_FRAME = 32 * 1024;

    private final WebchatSocket socket;
    private final WidgetKeys keys;
    private final WebchatAdapterFactory widgets;
    private final TrustedProxies proxies;

    WebchatSocketConfig(WebchatSocket socket, WidgetKeys keys, WebchatAdapterFactory widgets, TrustedProxies proxies) {
        this.socket = socket;
        this.keys = keys;
        this.widgets = widgets;
        this.proxies = proxies;
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        // every origin reaches the handshake, which checks it against the widget's own list
        registry.addHandler(socket, "/webchat/ws/{key}").addInterceptors(new WebchatHandshake(keys, widgets, proxies))
                .setAllowedOriginPatterns("*");
    }

    @Bean
    ServletServerContainerFactoryBean webchatContainer() {
        var container = new ServletServerContainerFactoryBean();
        container.setMaxTextMessageBufferSize(MAX_FRAME);
        container.setMaxSessionIdleTimeout(10 * 60_000L);
        return container;
    }

    @Bean
    @Order(1)
    SecurityFilterChain webchatEndpoints(HttpSecurity http) throws Exception {
        http.securityMatcher("/webchat/**")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .authorizeHttpRequests(auth -> auth.anyRequest().permitAll());
        return http.build();
    }
}
