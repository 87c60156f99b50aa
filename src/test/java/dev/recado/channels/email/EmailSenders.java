package dev.recado.channels.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.recado.support.ApiClient;
import java.time.Duration;

/** SMTP senders made through the API for the email tests. */
final class EmailSenders {

    private EmailSenders() {
    }

    /** Creates the sender and waits for its first login to the server, so it dispatches. */
    static String connected(ApiClient api, String key, String json) {
        var created = api.post("/v1/senders", key, json);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String sender = created.text("id");
        await().atMost(Duration.ofSeconds(20)).until(() -> "connected".equals(api.get("/v1/senders/" + sender, key).text("status")));
        return sender;
    }
}
