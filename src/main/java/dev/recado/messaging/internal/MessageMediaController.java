package dev.recado.messaging.internal;

import dev.recado.common.ApiException;
import dev.recado.common.Caller;
import dev.recado.common.PublicId;
import dev.recado.messaging.MessageManagement;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * {@code GET /v1/messages/{id}/media}: the file a customer sent, as Recado stored it (streamed from
 * the database chunk by chunk); 404 while it is not stored, the problem saying whether it is still
 * being downloaded or why it failed.
 */
@RestController
class MessageMediaController {

    private final MessageManagement messages;
    private final MediaFiles files;

    MessageMediaController(MessageManagement messages, MediaFiles files) {
        this.messages = messages;
        this.files = files;
    }

    @GetMapping("/v1/messages/{id}/media")
    ResponseEntity<StreamingResponseBody> media(Caller caller, @PathVariable String id) {
        var message = messages.require(caller.workspace(), PublicId.require(MessageController.PREFIX, id, "Message"));
        var inbound = files.inbound(message.id()).orElseThrow(() -> ApiException.notFound("Media of this message"));
        if (!"stored".equals(inbound.state())) {
            throw ApiException.notFound("Media of this message (" + inbound.state()
                    + (inbound.error() == null ? "" : ": " + inbound.error()) + ")");
        }
        var stored = files.find(inbound.sha256()).orElseThrow(() -> ApiException.notFound("Media of this message"));
        MediaType type;
        try {
            type = stored.mimeType() == null ? MediaType.APPLICATION_OCTET_STREAM : MediaType.parseMediaType(stored.mimeType());
        } catch (IllegalArgumentException unreadable) {
            type = MediaType.APPLICATION_OCTET_STREAM;
        }
        return ResponseEntity.ok().contentType(type).contentLength(stored.size())
                .header("X-Content-Type-Options", "nosniff")
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment")
                .header(HttpHeaders.ETAG, "\"" + stored.sha256() + "\"")
                .body(out -> files.copy(stored.sha256(), out));
    }
}
