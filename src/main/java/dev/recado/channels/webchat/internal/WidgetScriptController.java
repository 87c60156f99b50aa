package dev.recado.channels.webchat.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The widget's script, served by Recado itself (no CDN): {@code /webchat/<widget key>.js} or
 * {@code /webchat/widget.js?w=<widget key>}. One static file; it reads the key from its own URL and
 * learns the widget's look from the socket, so a settings change needs no new script.
 */
@RestController
class WidgetScriptController {

    private final byte[] script;

    WidgetScriptController() {
        try (var in = new ClassPathResource("webchat/widget.js").getInputStream()) {
            script = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @GetMapping("/webchat/{key:[A-Za-z0-9_-]{1,60}}.js")
    ResponseEntity<byte[]> script(@PathVariable String key) {
        return ResponseEntity.ok().contentType(MediaType.valueOf("text/javascript;charset=UTF-8"))
                .cacheControl(CacheControl.maxAge(Duration.ofMinutes(10)).cachePublic()).body(script);
    }
}
