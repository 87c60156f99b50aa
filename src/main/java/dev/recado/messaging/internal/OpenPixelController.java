package dev.recado.messaging.internal;

import java.util.Base64;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /o/{token}.gif}: the open pixel, without authentication (mail clients fetch it). */
@RestController
class OpenPixelController {

    /** A transparent 1x1 GIF. */
    static final byte[] PIXEL = Base64.getDecoder().decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");

    private final OpenPixels pixels;

    OpenPixelController(OpenPixels pixels) {
        this.pixels = pixels;
    }

    @GetMapping("/o/{token}.gif")
    ResponseEntity<byte[]> open(@PathVariable String token) {
        var message = pixels.messageOf(token);
        if (message.isEmpty() || !pixels.record(message.getAsLong())) {
            return ResponseEntity.notFound().build();
        }
        return ResponseEntity.ok().contentType(MediaType.IMAGE_GIF).cacheControl(CacheControl.noStore())
                .body(PIXEL);
    }
}
