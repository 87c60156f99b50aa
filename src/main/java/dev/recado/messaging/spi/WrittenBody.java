package dev.recado.messaging.spi;

import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.util.concurrent.Flow;

/**
 * A request body that tells when the JDK HttpClient starts writing it: the client subscribes to a
 * body right after it wrote the headers, on its own thread, and the provider has the request once the
 * body arrives. For {@link ChannelAdapter#submit(OutboundMessage, Runnable)}'s {@code written}.
 */
public record WrittenBody(HttpRequest.BodyPublisher body, Runnable written) implements HttpRequest.BodyPublisher {

    @Override
    public long contentLength() {
        return body.contentLength();
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
        written.run();
        body.subscribe(subscriber);
    }
}
